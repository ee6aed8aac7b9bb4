// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.nsid;

import io.netns.NetworkNamespace;
import io.netns.netlink.NetlinkException;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static io.netns.netlink.IpDifferential.agree;
import static io.netns.netlink.IpDifferential.assertSameFailure;
import static io.netns.netlink.IpDifferential.ipRun;
import static io.netns.netlink.IpView.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Namespace ids, and the link-netnsid of links whose peer is elsewhere, against the real kernel, each
 * test in fresh namespaces, checked against {@code ip -j netns list-id} and {@code ip -j link} run in
 * the same namespace.
 */
@PrivilegedTest
class NsidTest {
    static final int EEXIST = 17;

    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    record NsidView(int nsid, String name) {
    }

    static List<NsidView> ipNsids(String ns) {
        List<NsidView> out = new ArrayList<>();
        Ip.jsonIn(ns, "netns", "list-id").forEach(n -> out.add(new NsidView(n.get("nsid").asInt(), text(n, "name"))));
        return out;
    }

    static void assertNsidsAgree(Rtnetlink rt, String ns) {
        agree("ip netns list-id", () -> rt.nsids().list(), () -> ipNsids(ns).stream().map(NsidView::nsid).toList());
    }

    @Test
    void nsidSetGetAndList() {
        NetworkNamespace a = temp.create("nsa");
        NetworkNamespace b = temp.create("nsb");
        NetworkNamespace c = temp.create("nsc");
        NetworkNamespace d = temp.create("nsd");
        String an = TempNamespaces.name(a);
        String bn = TempNamespaces.name(b);
        String cn = TempNamespaces.name(c);
        String dn = TempNamespaces.name(d);
        try (Rtnetlink ra = Rtnetlink.open(a); Rtnetlink rb = Rtnetlink.open(b)) {
            assertThat(ra.nsids().get(b)).isEmpty();
            assertThat(ra.nsids().list()).isEmpty();
            assertThat(ipNsids(an)).isEmpty();

            ra.nsids().set(b, 7);
            assertThat(ra.nsids().get(b)).hasValue(7);
            assertThat(ipNsids(an)).containsExactly(new NsidView(7, bn));
            assertNsidsAgree(ra, an);

            // -1: the kernel chooses
            ra.nsids().set(c, -1);
            OptionalInt auto = ra.nsids().get(c);
            assertThat(auto).isPresent();
            assertThat(auto.getAsInt()).isNotEqualTo(7).isNotNegative();
            assertThat(ipNsids(an)).containsExactlyInAnyOrder(new NsidView(7, bn), new NsidView(auto.getAsInt(), cn));
            assertNsidsAgree(ra, an);
            assertThat(ra.nsids().get(d)).isEmpty();

            // ids are per namespace: b has assigned none
            assertThat(rb.nsids().list()).isEmpty();
            assertThat(ipNsids(bn)).isEmpty();
            rb.nsids().set(a, 7);
            assertThat(rb.nsids().get(a)).hasValue(7);
            assertThat(ipNsids(bn)).containsExactly(new NsidView(7, an));
            assertNsidsAgree(rb, bn);

            // an id in use, and a namespace that already has one: refused, as ip is
            NetlinkException used = catchThrowableOfType(NetlinkException.class, () -> ra.nsids().set(d, 7));
            assertThat(used).isNotNull();
            assertThat(used.errno()).isEqualTo(EEXIST);
            assertThat(used.requestType()).isEqualTo("RTM_NEWNSID");
            assertSameFailure(used, ipRun(an, "netns", "set", dn, "7"));
            NetlinkException again = catchThrowableOfType(NetlinkException.class, () -> ra.nsids().set(b, 8));
            assertThat(again).isNotNull();
            assertThat(again.errno()).isEqualTo(EEXIST);
            assertSameFailure(again, ipRun(an, "netns", "set", bn, "8"));
            assertThat(ra.nsids().get(b)).hasValue(7);
            assertThat(ra.nsids().get(d)).isEmpty();
            assertThatThrownBy(() -> ra.nsids().set(d, -2)).isInstanceOf(IllegalArgumentException.class);

            // ip sets, Java reads
            Ip.in(an, "netns", "set", dn, "12");
            assertThat(ra.nsids().get(d)).hasValue(12);
            assertNsidsAgree(ra, an);
        }
    }

    static Integer ipLinkNetnsid(String ns, String dev) {
        JsonNode l = Ip.jsonIn(ns, "link", "show", "dev", dev).get(0);
        return l.has("link_netnsid") ? l.get("link_netnsid").asInt() : null;
    }

    static void assertLinkNetnsidsAgree(Rtnetlink rt, String ns) {
        Map<String, Integer> ip = new HashMap<>();
        Map<String, Integer> ipPeer = new HashMap<>();
        Ip.jsonIn(ns, "-d", "link", "show").forEach(l -> {
            if (l.has("link_netnsid")) {
                ip.put(l.get("ifname").asText(), l.get("link_netnsid").asInt());
            }
            if (l.has("link_index")) {
                ipPeer.put(l.get("ifname").asText(), l.get("link_index").asInt());
            }
        });
        Map<String, Integer> java = new HashMap<>();
        Map<String, Integer> javaPeer = new HashMap<>();
        for (Link l : rt.links().list()) {
            // ip prints link_index (the ifindex of IFLA_LINK) only for a link in another namespace
            if (l.linkNetnsId().isPresent()) {
                java.put(l.name(), l.linkNetnsId().getAsInt());
                javaPeer.put(l.name(), l.link().orElse(-1));
            }
        }
        assertThat(java).as("link_netnsid by link").isEqualTo(ip);
        assertThat(javaPeer).as("link_index by link").isEqualTo(ipPeer);
    }

    @Test
    void linkNetnsidOfAVethPeerCreatedInAnotherNamespace() {
        NetworkNamespace a = temp.create("lna");
        NetworkNamespace b = temp.create("lnb");
        String an = TempNamespaces.name(a);
        String bn = TempNamespaces.name(b);
        try (Rtnetlink ra = Rtnetlink.open(a); Rtnetlink rb = Rtnetlink.open(b)) {
            ra.links().add(LinkSpec.veth("vc", "vd").peerNamespace(b));
            assertThat(Ip.linkNames(bn)).contains("vd");
            assertThat(Ip.linkNames(an)).contains("vc").doesNotContain("vd");

            Integer idOfB = ipLinkNetnsid(an, "vc");
            assertThat(idOfB).as("ip shows a link_netnsid for vc").isNotNull();
            assertThat(ra.links().get("vc").linkNetnsId()).hasValue(idOfB);
            assertThat(ra.nsids().get(b)).hasValue(idOfB);
            assertThat(ipNsids(an)).contains(new NsidView(idOfB, bn));

            Integer idOfA = ipLinkNetnsid(bn, "vd");
            assertThat(idOfA).isNotNull();
            assertThat(rb.links().get("vd").linkNetnsId()).hasValue(idOfA);
            assertThat(rb.nsids().get(a)).hasValue(idOfA);
            // the peer's ifindex as seen across the namespaces
            assertThat(ra.links().get("vc").link()).hasValue(rb.links().get("vd").index());
            assertThat(rb.links().get("vd").link()).hasValue(ra.links().get("vc").index());
            assertLinkNetnsidsAgree(ra, an);
            assertLinkNetnsidsAgree(rb, bn);
            assertNsidsAgree(ra, an);
            assertNsidsAgree(rb, bn);
        }
    }

    @Test
    void linkNetnsidFollowsAnIdSetBeforehandAndAMovedPeer() {
        NetworkNamespace a = temp.create("lma");
        NetworkNamespace b = temp.create("lmb");
        NetworkNamespace c = temp.create("lmc");
        String an = TempNamespaces.name(a);
        String bn = TempNamespaces.name(b);
        String cn = TempNamespaces.name(c);
        try (Rtnetlink ra = Rtnetlink.open(a); Rtnetlink rb = Rtnetlink.open(b); Rtnetlink rc = Rtnetlink.open(c)) {
            ra.nsids().set(b, 42);
            ra.links().add(LinkSpec.veth("ve", "vf").peerNamespace(b));
            assertThat(ipLinkNetnsid(an, "ve")).isEqualTo(42);
            assertThat(ra.links().get("ve").linkNetnsId()).hasValue(42);

            // created here, peer moved afterwards
            ra.links().add(LinkSpec.veth("vx", "vy"));
            assertThat(ra.links().get("vx").linkNetnsId()).isEmpty();
            assertThat(ipLinkNetnsid(an, "vx")).isNull();
            ra.links().setNamespace("vy", c);
            Integer idOfC = ipLinkNetnsid(an, "vx");
            assertThat(idOfC).isNotNull().isNotEqualTo(42);
            assertThat(ra.links().get("vx").linkNetnsId()).hasValue(idOfC);
            assertThat(ra.nsids().get(c)).hasValue(idOfC);
            Integer idOfAInC = ipLinkNetnsid(cn, "vy");
            assertThat(rc.links().get("vy").linkNetnsId()).hasValue(idOfAInC);
            assertThat(rc.nsids().get(a)).hasValue(idOfAInC);
            assertThat(rb.links().get("vf").linkNetnsId()).hasValue(ipLinkNetnsid(bn, "vf"));
            assertLinkNetnsidsAgree(ra, an);
            assertLinkNetnsidsAgree(rb, bn);
            assertLinkNetnsidsAgree(rc, cn);
            assertNsidsAgree(ra, an);
            assertThat(ra.nsids().list()).containsExactlyInAnyOrder(42, idOfC);
        }
    }
}
