// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.route.RouteSpec;
import io.netns.netlink.topology.Topology;

import java.io.PrintStream;

/**
 * A picture of two namespaces joined by a veth pair, with a default route across it: the snapshot
 * as text, and as a Graphviz graph ({@code dot -Tsvg} draws it; {@code bin/netns graph} prints the
 * same).
 *
 * <p>Replaces: {@code ip -d link show}, {@code ip addr show}, {@code ip route show table all} and
 * {@code ip netns list-id} in each namespace, with the matching of veth ends ({@code link-netnsid},
 * {@code @ifN}) and gateways done by hand.
 */
public final class DrawTopology {
    private DrawTopology() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** @return the snapshot and its dot graph */
    public static Drawn run(PrintStream out) throws Exception {
        long pid = ProcessHandle.current().pid();
        String blueName = "ex-draw-blue-" + pid;
        String redName = "ex-draw-red-" + pid;
        try (NetworkNamespace blue = Netns.create(blueName); NetworkNamespace red = Netns.create(redName);
             Rtnetlink rb = Rtnetlink.open(blue); Rtnetlink rr = Rtnetlink.open(red)) {
            rb.links().add(LinkSpec.veth("veth0", "veth1").peerNamespace(red).up());
            rb.addresses().add("veth0", "198.18.30.1/24");
            rr.addresses().add("veth1", "198.18.30.2/24");
            rr.links().setUp("veth1");
            rr.routes().add(RouteSpec.defaultRoute().via("198.18.30.1"));
            // docs:begin cookbook.md
            Topology t = Topology.snapshot(blue, red);      // ip -d link, ip addr, ip route, ip netns list-id in each
            out.print(t);                                   // devices, veth pairs, masters, gateways, as text
            String dot = t.toDot();                         // dot -Tsvg draws it; also t.toMermaid(), t.toJson()
            // docs:end
            return new Drawn(t, dot);
        } finally {
            Netns.delete(blueName);
            Netns.delete(redName);
        }
    }

    /**
     * What {@link #run} drew.
     *
     * @param topology the snapshot
     * @param dot its Graphviz graph
     */
    public record Drawn(Topology topology, String dot) {
    }
}
