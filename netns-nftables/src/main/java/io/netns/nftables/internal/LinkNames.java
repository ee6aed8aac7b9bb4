// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import io.netns.NetworkNamespace;
import io.netns.netlink.NoSuchLinkException;
import io.netns.netlink.Rtnetlink;

import java.util.Optional;

/**
 * Interface names and indexes of a namespace for {@code meta iif} and {@code meta oif}, asked
 * over an rtnetlink socket opened on first use (most rulesets never need one).
 */
public final class LinkNames implements Values.Links, AutoCloseable {
    private final NetworkNamespace namespace;
    private Rtnetlink rtnl;
    private boolean closed;

    /**
     * Names of {@code namespace}'s links.
     *
     * @param namespace the namespace
     */
    public LinkNames(NetworkNamespace namespace) {
        this.namespace = namespace;
    }

    private synchronized Rtnetlink rtnl() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (rtnl == null) {
            rtnl = Rtnetlink.open(namespace);
        }
        return rtnl;
    }

    @Override
    public int index(String name) {
        try {
            return rtnl().links().index(name);
        } catch (NoSuchLinkException e) {
            throw new IllegalArgumentException("interface \"" + name + "\" does not exist in " + namespace);
        }
    }

    @Override
    public Optional<String> name(int index) {
        try {
            return Optional.of(rtnl().links().get(index).name());
        } catch (NoSuchLinkException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (rtnl != null) {
            rtnl.close();
            rtnl = null;
        }
    }
}
