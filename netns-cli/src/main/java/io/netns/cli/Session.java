// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.NamespaceNotFoundException;
import io.netns.Netns;
import io.netns.NetnsException;
import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.link.Link;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One command's state: the options, the output streams, the namespace it works in (from
 * {@code -n}) and its rtnetlink socket, opened on first use and closed at the end.
 */
public final class Session implements AutoCloseable {
    /** The global options. */
    public final Options opt;
    /** Where results go. */
    public final PrintStream out;
    /** Where messages and warnings go. */
    public final PrintStream err;
    private NetworkNamespace namespace;
    private Rtnetlink rt;
    /** ip's link cache (ll_index_to_name): filled by one dump on first use. */
    private Map<Integer, Link> links;

    Session(Options opt, PrintStream out, PrintStream err) {
        this.opt = opt;
        this.out = out;
        this.err = err;
    }

    /** Opens the {@code -n} namespace now, so a wrong name fails first, as in ip's netns_switch. */
    void openNamespace() {
        namespace();
    }

    public NetworkNamespace namespace() {
        if (namespace == null) {
            if (opt.netns() == null) {
                namespace = Netns.current();
            } else {
                namespace = openNamed(opt.netns());
            }
        }
        return namespace;
    }

    /** Opens a named namespace, failing like ip's netns_switch / netns_get_fd. */
    static NetworkNamespace openNamed(String name) {
        try {
            return Netns.open(name);
        } catch (NamespaceNotFoundException e) {
            throw new CliException(CliException.USAGE,
                    "Cannot open network namespace \"" + name + "\": No such file or directory");
        } catch (NetnsException e) {
            throw new CliException(CliException.USAGE, "Cannot open network namespace \"" + name + "\": "
                    + IpNames.strerror(e.errno()));
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, "Invalid netns name \"" + name + "\"");
        }
    }

    public Rtnetlink rt() {
        if (rt == null) {
            rt = Rtnetlink.open(namespace());
        }
        return rt;
    }

    public Printer printer() {
        return new Printer(opt.json(), opt.pretty(), out);
    }

    private Map<Integer, Link> links() {
        if (links == null) {
            links = new HashMap<>();
            for (Link l : rt().links().list()) {
                links.put(l.index(), l);
            }
        }
        return links;
    }

    /** Keeps what a link event says, as ip monitor's cache does (names stay known after a delete). */
    void rememberLink(Link l) {
        links().put(l.index(), l);
    }

    public Optional<Link> link(int index) {
        return Optional.ofNullable(links().get(index));
    }

    /** ll_index_to_name: the name, or {@code if<index>} for a device not here. */
    public String linkName(int index) {
        Link l = links().get(index);
        return l != null ? l.name() : "if" + index;
    }

    /** ll_name_to_index: 0 when there is no such device. */
    public int linkIndex(String name) {
        for (Link l : links().values()) {
            if (l.name().equals(name)) {
                return l.index();
            }
        }
        return 0;
    }

    /** Looks a device up, failing with ip's "Cannot find device". */
    public int requireLink(String name) {
        int idx = linkIndex(name);
        if (idx == 0) {
            throw CliException.nodev(name);
        }
        return idx;
    }

    @Override
    public void close() {
        if (rt != null) {
            rt.close();
        }
        if (namespace != null) {
            namespace.close();
        }
    }
}
