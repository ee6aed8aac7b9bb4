// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;

import java.io.PrintStream;
import java.util.Optional;

/**
 * Creates a veth pair in one namespace and moves one end into another, where it is renamed and
 * set up; the first namespace then sees its peer through a namespace id.
 *
 * <p>Replaces: {@code ip netns add ex-mv-a-PID}; {@code ip netns add ex-mv-b-PID};
 * {@code ip -n ex-mv-a-PID link add veth0 type veth peer name veth1};
 * {@code ip -n ex-mv-a-PID link set veth1 netns ex-mv-b-PID};
 * {@code ip -n ex-mv-b-PID link set veth1 name eth0}; {@code ip -n ex-mv-b-PID link set eth0 up};
 * {@code ip -n ex-mv-a-PID link show veth0} ({@code link-netnsid 0}); {@code ip netns del ...}.
 */
public final class MoveLinkToNamespace {
    private MoveLinkToNamespace() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** @return eth0 as the second namespace sees it */
    public static Link run(PrintStream out) {
        long pid = ProcessHandle.current().pid();
        String a = "ex-mv-a-" + pid;
        String b = "ex-mv-b-" + pid;
        try (NetworkNamespace nsA = Netns.create(a); NetworkNamespace nsB = Netns.create(b);
             Rtnetlink ra = Rtnetlink.open(nsA); Rtnetlink rb = Rtnetlink.open(nsB)) {
            ra.links().add(LinkSpec.veth("veth0", "veth1"));      // ip link add veth0 type veth peer name veth1
            ra.links().setNamespace("veth1", nsB);                // ip link set veth1 netns B (it arrives down)
            rb.links().setName("veth1", "eth0");                  // ip -n B link set veth1 name eth0
            rb.links().setUp("eth0");                             // ip -n B link set eth0 up
            Optional<Link> gone = ra.links().find("veth1");
            Link veth0 = ra.links().get("veth0");
            Link eth0 = rb.links().get("eth0");
            out.println(a + ": veth1 " + (gone.isPresent() ? "still here" : "gone") + "; veth0 peer ifindex "
                    + veth0.link().orElse(0) + " in nsid " + veth0.linkNetnsId().orElse(-1));
            out.println(b + ": " + eth0.index() + ": " + eth0.name() + (eth0.isUp() ? " UP" : " DOWN"));
            return eth0;
        } finally {
            Netns.delete(a);
            Netns.delete(b);
        }
    }
}
