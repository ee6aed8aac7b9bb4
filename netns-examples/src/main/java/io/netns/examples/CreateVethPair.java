// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.OperState;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Creates a veth pair in a fresh namespace, sets both ends up and shows them (rust-netlink's
 * {@code create_veth}).
 *
 * <p>Replaces: {@code ip netns add ex-veth-PID};
 * {@code ip -n ex-veth-PID link add veth0 type veth peer name veth1};
 * {@code ip -n ex-veth-PID link set veth0 up}; {@code ip -n ex-veth-PID link set veth1 up};
 * {@code ip -n ex-veth-PID link show type veth}; {@code ip netns del ex-veth-PID}.
 */
public final class CreateVethPair {
    private CreateVethPair() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** @return the veth ends, as read back after they came up */
    public static List<Link> run(PrintStream out) {
        String name = "ex-veth-" + ProcessHandle.current().pid();
        try (NetworkNamespace ns = Netns.create(name); Rtnetlink rt = Rtnetlink.open(ns)) {
            // docs:begin netlink.md
            rt.links().add(LinkSpec.veth("veth0", "veth1"));                      // ip link add veth0 type veth peer name veth1
            rt.links().setUp("veth0");                                            // ip link set veth0 up
            rt.links().setUp("veth1");
            rt.links().awaitOperState("veth0", OperState.UP, Duration.ofSeconds(5)); // until "state UP"
            List<Link> veths = rt.links().list().stream()                         // ip link show type veth
                    .filter(l -> l.kind().orElse("").equals("veth")).toList();
            // docs:end
            veths.forEach(l -> out.println(l.index() + ": " + l.name() + " peer ifindex " + l.link().orElse(0)
                    + " mtu " + l.mtu() + " state " + l.operState()));
            return veths;
        } finally {
            Netns.delete(name);
        }
    }
}
