// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link;

import io.netns.netlink.Batch;
import io.netns.netlink.IpDifferential;
import io.netns.netlink.IpDifferential.Listing;
import io.netns.netlink.IpDifferential.Outcome;
import io.netns.netlink.IpDifferential.Step;
import io.netns.netlink.IpDifferential.Twins;
import io.netns.netlink.IpView;
import io.netns.netlink.MacAddress;
import io.netns.netlink.NetlinkException;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.link.kind.IpvlanMode;
import io.netns.netlink.link.kind.BondMode;
import io.netns.Errno;
import io.netns.NetworkNamespace;
import io.netns.netlink.link.kind.Bridge;
import io.netns.netlink.link.kind.Macvlan;
import io.netns.netlink.link.kind.MacvlanMode;
import io.netns.netlink.link.kind.Vxlan;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Links created, changed, listed and deleted through rtnetlink, each step checked with {@code ip -j -d}. */
@PrivilegedTest
class LinkTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    private static String name(NetworkNamespace ns) {
        return ns.name().orElseThrow();
    }

    /** Every link Java lists agrees with ip on the fields both show. */
    static void assertListedLikeIp(Rtnetlink rt, String ns) {
        Map<Integer, JsonNode> ip = IpView.links(ns);
        List<Link> links = rt.links().list();
        assertThat(links).extracting(Link::index).containsExactlyInAnyOrderElementsOf(ip.keySet());
        for (Link l : links) {
            JsonNode j = ip.get(l.index());
            assertThat(l.name()).isEqualTo(j.get("ifname").asText());
            assertThat(l.mtu()).as(l.name() + " mtu").isEqualTo(j.get("mtu").asInt());
            assertThat(l.operState().name()).as(l.name() + " operstate").isEqualTo(j.get("operstate").asText());
            assertThat(IpView.shownBits(l.flags())).as(l.name() + " flags " + j.get("flags"))
                    .isEqualTo(IpView.flagBits(j.get("flags")));
            assertThat(IpView.linkType(l.type())).isEqualTo(j.get("link_type").asText());
            assertThat(l.address().map(MacAddress::toString).orElse(null))
                    .isEqualTo(j.has("address") ? j.get("address").asText() : null);
            assertThat(l.txQueueLength()).isEqualTo(j.get("txqlen").asInt());
            assertThat(l.kind().orElse(null)).as(l.name() + " kind")
                    .isEqualTo(j.has("linkinfo") && j.get("linkinfo").has("info_kind")
                            ? j.get("linkinfo").get("info_kind").asText() : null);
            if (j.has("master")) {
                assertThat(rt.links().get(l.master().orElseThrow()).name()).isEqualTo(j.get("master").asText());
            } else {
                assertThat(l.master()).isEmpty();
            }
            if (j.has("link_netnsid")) {
                assertThat(l.linkNetnsId().orElseThrow()).isEqualTo(j.get("link_netnsid").asInt());
            }
            if (j.has("link_index")) {
                assertThat(l.link().orElseThrow()).isEqualTo(j.get("link_index").asInt());
            } else if (j.has("link") && !j.get("link").isNull()) {
                assertThat(rt.links().get(l.link().orElseThrow()).name()).isEqualTo(j.get("link").asText());
            }
            if (j.has("min_mtu")) {
                assertThat(l.minMtu()).isEqualTo(j.get("min_mtu").asInt());
                assertThat(l.maxMtu()).isEqualTo(j.get("max_mtu").asInt());
            }
        }
    }

    @Test
    void everyKindThisKernelHasIsCreatedAndListedAsIpListsIt() {
        NetworkNamespace ns = temp.create("kinds");
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.veth("va", "vb").mtu(1400).address("02:00:00:00:00:0a").peerMtu(1400));
            rt.links().add(LinkSpec.bridge("br0").up());
            rt.links().add(LinkSpec.macvlan("mv0", "va", MacvlanMode.BRIDGE));
            rt.links().add(LinkSpec.macvtap("mvt0", "va", MacvlanMode.PRIVATE));
            rt.links().add(LinkSpec.vxlan("vx0", 42).dstPort(4789).device("va").local("198.18.0.1").ttl(9));
            rt.links().add(LinkSpec.ifb("ifb0").txQueueLength(32));
            rt.links().add(LinkSpec.tun("tun0").mtu(1300));
            rt.links().add(LinkSpec.tap("tap0").up());
            assertListedLikeIp(rt, name(ns));
            Map<Integer, JsonNode> ip = IpView.links(name(ns));
            Link vx = rt.links().get("vx0");
            assertThat(vx.details()).get().isInstanceOfSatisfying(Vxlan.class, d -> {
                JsonNode data = ip.get(vx.index()).get("linkinfo").get("info_data");
                assertThat(d.vni()).isEqualTo(data.get("id").asInt()).isEqualTo(42);
                assertThat(d.port()).hasValue(data.get("port").asInt()).hasValue(4789);
                assertThat(d.local()).get().extracting(a -> a.getHostAddress()).isEqualTo(data.get("local").asText());
                assertThat(d.link()).hasValue(rt.links().index("va"));
            });
            Link mv = rt.links().get("mv0");
            assertThat(mv.details()).get().isInstanceOfSatisfying(Macvlan.class, d ->
                    assertThat(d.mode().toString()).isEqualTo(ip.get(mv.index()).get("linkinfo").get("info_data")
                            .get("mode").asText()).isEqualTo("bridge"));
            assertThat(rt.links().get("va").mtu()).isEqualTo(1400);
            assertThat(rt.links().get("va").address()).contains(MacAddress.parse("02:00:00:00:00:0a"));
            assertThat(rt.links().get("tun0").mtu()).isEqualTo(1300);
            assertThat(rt.links().get("tap0").isUp()).isTrue();
            assertThat(rt.links().get("br0").details()).get().isInstanceOf(Bridge.class);
        }
    }

    /** A link as both ip and the library show it, less what differs between namespaces made alike (ifindex, MAC). */
    record LinkView(String name, String kind, String master, int flags, int mtu, int txqlen, String alias) {
    }

    static List<LinkView> ipLinkViews(String ns) {
        List<LinkView> out = new ArrayList<>();
        for (JsonNode j : Ip.jsonIn(ns, "-d", "link", "show")) {
            out.add(new LinkView(j.get("ifname").asText(), j.path("linkinfo").has("info_kind")
                    ? j.get("linkinfo").get("info_kind").asText() : null, IpView.text(j, "master"),
                    IpView.flagBits(j.get("flags")), j.get("mtu").asInt(), j.get("txqlen").asInt(),
                    IpView.text(j, "ifalias")));
        }
        return out;
    }

    static List<LinkView> javaLinkViews(Rtnetlink rt, String ns) {
        List<Link> links = rt.links().list();
        Map<Integer, String> names = new HashMap<>();
        links.forEach(l -> names.put(l.index(), l.name()));
        return links.stream().map(l -> new LinkView(l.name(), l.kind().orElse(null),
                l.master().isPresent() ? names.get(l.master().getAsInt()) : null, IpView.shownBits(l.flags()),
                l.mtu(), l.txQueueLength(), l.alias().orElse(null))).toList();
    }

    static final Listing<LinkView> LINKS =
            Listing.of("ip -d link show", LinkTest::ipLinkViews, LinkTest::javaLinkViews);

    @Test
    void linksCreatedByIpAreListedIdentically() {
        Twins t = IpDifferential.assertSameAsIp(temp, "byip", rt -> { }, List.of(
                Step.of("link add v0 type veth peer name v1", rt -> rt.links().add(LinkSpec.veth("v0", "v1"))),
                Step.of("link add br9 type bridge", rt -> rt.links().add(LinkSpec.bridge("br9"))),
                Step.of("link set v0 master br9", rt -> rt.links().setMaster("v0", "br9")),
                Step.of("link set v0 up", rt -> rt.links().setUp("v0")),
                Step.of(List.of("link", "set", "br9", "alias", "the bridge"),
                        rt -> rt.links().set("br9", LinkUpdate.of().alias("the bridge")))),
                List.of(LINKS));
        for (NetworkNamespace ns : List.of(t.byIp(), t.byJava())) {
            try (Rtnetlink rt = Rtnetlink.open(ns)) {
                assertListedLikeIp(rt, name(ns));
                assertThat(rt.links().get("br9").alias()).contains("the bridge");
                assertThat(rt.links().ofMaster("br9")).extracting(Link::name).containsExactly("v0");
                assertThat(rt.links().get("v0").slaveKind()).contains("bridge");
            }
        }
    }

    @Test
    void setChangesWhatIpSees() {
        NetworkNamespace ns = temp.create("set");
        String n = name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.veth("va", "vb"));
            rt.links().add(LinkSpec.bridge("br0"));
            rt.links().set("va", LinkUpdate.of().up().mtu(1280).txQueueLength(77).alias("left").group(5)
                    .address(MacAddress.parse("02:00:00:00:00:01")).master("br0"));
            JsonNode va = Ip.jsonIn(n, "-d", "link", "show", "dev", "va").get(0);
            assertThat(IpView.flagBits(va.get("flags")) & io.netns.netlink.wire.Iff.IFF_UP).isNotZero();
            assertThat(va.get("mtu").asInt()).isEqualTo(1280);
            assertThat(va.get("txqlen").asInt()).isEqualTo(77);
            assertThat(va.get("ifalias").asText()).isEqualTo("left");
            assertThat(va.get("group").asText()).isEqualTo("5");
            assertThat(va.get("address").asText()).isEqualTo("02:00:00:00:00:01");
            assertThat(va.get("master").asText()).isEqualTo("br0");
            rt.links().setNoMaster("va");
            rt.links().setDown("va");
            rt.links().setName("va", "left0");
            va = Ip.jsonIn(n, "link", "show", "dev", "left0").get(0);
            assertThat(va.has("master")).isFalse();
            assertThat(IpView.flagBits(va.get("flags")) & io.netns.netlink.wire.Iff.IFF_UP).isZero();
            assertThat(rt.links().find("va")).isEmpty();
            assertThat(rt.links().get("left0").mtu()).isEqualTo(1280);
            rt.links().setMtu("left0", 1500);
            rt.links().setAddress("left0", "02:00:00:00:00:02");
            assertThat(rt.links().get("left0").address()).contains(MacAddress.parse("02:00:00:00:00:02"));
            assertListedLikeIp(rt, n);
        }
    }

    @Test
    void linksMoveBetweenNamespacesAndVethPeersCanBeBornElsewhere() {
        NetworkNamespace a = temp.create("move-a");
        NetworkNamespace b = temp.create("move-b");
        NetworkNamespace c = temp.create("move-c");
        try (Rtnetlink ra = Rtnetlink.open(a); Rtnetlink rb = Rtnetlink.open(b); Rtnetlink rc = Rtnetlink.open(c)) {
            // peer created directly in b: no clash with a "vb" in a
            ra.links().add(LinkSpec.veth("va", "vb").peerNamespace(b));
            assertThat(Ip.linkNames(name(a))).contains("va").doesNotContain("vb");
            assertThat(Ip.linkNames(name(b))).contains("vb");
            // the whole device created in c
            ra.links().add(LinkSpec.bridge("brc").namespace(c));
            assertThat(Ip.linkNames(name(c))).contains("brc");
            assertThat(Ip.linkNames(name(a))).doesNotContain("brc");
            // and moved from a to c
            ra.links().setNamespace("va", c);
            assertThat(Ip.linkNames(name(a))).doesNotContain("va");
            assertThat(Ip.linkNames(name(c))).contains("va");
            // the peer's link-netnsid points at c from b's view, as ip says
            assertListedLikeIp(rb, name(b));
            assertListedLikeIp(rc, name(c));
            assertThat(rb.links().get("vb").linkNetnsId()).isPresent();
        }
    }

    @Test
    void deleteOneAndDeleteAGroupInOneRequest() {
        NetworkNamespace ns = temp.create("del");
        String n = name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            for (int i = 0; i < 20; i++) {
                rt.links().add(LinkSpec.veth("g" + i, "h" + i).group(42));
            }
            rt.links().add(LinkSpec.veth("keep", "keep2"));
            assertThat(Ip.linkNames(n)).hasSize(1 + 40 + 2);
            rt.links().delGroup(42);
            assertThat(Ip.linkNames(n)).containsExactlyInAnyOrder("lo", "keep", "keep2");
            rt.links().del("keep");
            assertThat(Ip.linkNames(n)).containsExactly("lo");
            assertThatThrownBy(() -> rt.links().del("keep")).isInstanceOf(NetlinkException.class)
                    .satisfies(e -> assertThat(((NetlinkException) e).errno()).isEqualTo(Errno.ENODEV));
            assertThatThrownBy(() -> rt.links().delGroup(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anAliasGivenAtCreationIsSet() {
        NetworkNamespace ns = temp.create("alias");
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.bridge("br0").alias("made with an alias"));
            Batch b = rt.batch();
            b.links().add(LinkSpec.bridge("br1").alias("batched"));
            b.execute().throwIfFailed();
            assertThat(Ip.jsonIn(name(ns), "link", "show", "dev", "br0").get(0).get("ifalias").asText())
                    .isEqualTo("made with an alias");
            assertThat(rt.links().get("br1").alias()).contains("batched");
        }
    }

    @Test
    void getByNameAndByIndex() {
        NetworkNamespace ns = temp.create("get");
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            Link lo = rt.links().get("lo");
            assertThat(lo.index()).isEqualTo(1);
            assertThat(lo.isLoopback()).isTrue();
            assertThat(rt.links().get(1)).isEqualTo(lo);
            assertThatThrownBy(() -> rt.links().get("nope0")).isInstanceOf(NetlinkException.class)
                    .satisfies(e -> assertThat(((NetlinkException) e).errno()).isEqualTo(Errno.ENODEV));
            assertThat(rt.links().find("nope0")).isEmpty();
            assertThatThrownBy(() -> rt.links().get(999)).isInstanceOf(NetlinkException.class);
        }
    }

    /**
     * Kinds this machine's kernel lacks (dummy, vlan, ipvlan, bond) are tested byte for byte by their
     * golden tests ({@code link.kind.DummyTest}, {@code VlanTest}, ...); here they run for real: where
     * the kernel has them the link must exist as ip sees it, where it does not, we must fail exactly as
     * ip does.
     */
    @Test
    void kindsTheKernelMayLackBehaveExactlyAsWithIp() {
        record Case(LinkSpec<?> spec, String ip) {
        }
        List<Case> cases = List.of(
                new Case(LinkSpec.dummy("d0"), "link add d0 type dummy"),
                new Case(LinkSpec.vlan("va.100", "va", 100), "link add link va name va.100 type vlan id 100"),
                new Case(LinkSpec.ipvlan("ipv0", "va", IpvlanMode.L2),
                        "link add link va name ipv0 type ipvlan mode l2"),
                new Case(LinkSpec.bond("bond0", BondMode.ACTIVE_BACKUP),
                        "link add bond0 type bond mode active-backup"));
        Twins t = IpDifferential.assertSameAsIp(temp, "maybe",
                rt -> rt.links().add(LinkSpec.veth("va", "vb")),
                cases.stream().map(c -> Step.mayFail(c.ip(), rt -> rt.links().add(c.spec()))).toList(),
                List.of(LINKS));
        String n = t.byJavaName();
        try (Rtnetlink rt = Rtnetlink.open(t.byJava())) {
            for (int k = 0; k < cases.size(); k++) {
                Case c = cases.get(k);
                Outcome o = t.outcomes().get(k);
                if (o.made()) {
                    assertThat(rt.links().get(c.spec.name()).kind()).contains(c.spec.kind().name());
                    assertThat(Ip.linkNames(n)).contains(c.spec.name());
                } else {
                    NetlinkException ne = o.java().orElseThrow();
                    assertThat(ne.requestType()).isEqualTo("RTM_NEWLINK");
                    // the text ip printed after "Error: " (ip adds a final '.' when missing)
                    String msg = ne.kernelMessage().orElseThrow();
                    assertThat("Error: " + msg + (msg.endsWith(".") ? "" : ".") + "\n").isEqualTo(o.ip().stderr());
                    assertThat(Ip.linkNames(n)).doesNotContain(c.spec.name());
                }
            }
        }
    }

    @Test
    void errorsCarryErrnoRequestAndKernelText() {
        NetworkNamespace ns = temp.create("errs");
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.bridge("br0"));
            assertThatThrownBy(() -> rt.links().add(LinkSpec.bridge("br0"))).isInstanceOf(NetlinkException.class)
                    .hasMessageContaining("RTM_NEWLINK").hasMessageContaining("br0").hasMessageContaining("EEXIST")
                    .satisfies(e -> assertThat(((NetlinkException) e).errno()).isEqualTo(17));
            // refused before anything is sent
            assertThatThrownBy(() -> LinkSpec.bridge("sixteen-chars-xx")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("15");
            assertThatThrownBy(() -> LinkSpec.bridge("a/b")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> LinkSpec.bridge("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> LinkSpec.vxlan("vx", 1 << 24)).isInstanceOf(IllegalArgumentException.class);
            // a veth-only option on a bridge (LinkSpec.bridge("br1").peerMtu(1400)) no longer compiles
            assertThatThrownBy(() -> rt.links().setMtu("br0", 1 << 20)).isInstanceOf(NetlinkException.class)
                    .satisfies(e -> assertThat(((NetlinkException) e).errno()).isEqualTo(Errno.EINVAL));
        }
    }

    @Test
    void awaitOperStateReturnsOnceTheLinkIsUp() {
        NetworkNamespace ns = temp.create("oper");
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.veth("va", "vb"));
            rt.links().setUp("va");
            assertThatThrownBy(() -> rt.links().awaitOperState("va", OperState.UP, Duration.ofMillis(200)))
                    .isInstanceOf(io.netns.NetnsException.class).hasMessageContaining("LOWERLAYERDOWN");
            rt.links().setUp("vb");
            Link up = rt.links().awaitOperState("va", OperState.UP, Duration.ofSeconds(5));
            assertThat(up.operState()).isEqualTo(OperState.UP);
            assertThat(Ip.jsonIn(name(ns), "link", "show", "dev", "va").get(0).get("operstate").asText())
                    .isEqualTo("UP");
        }
    }

    @Test
    void countersAgreeWithIpStatistics() throws Exception {
        NetworkNamespace ns = temp.create("stats");
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().setUp("lo");
            // some loopback traffic, then the counters are still
            try (var server = ns.openServerSocketChannel(java.net.StandardProtocolFamily.INET)) {
                server.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
                try (var c = ns.openSocketChannel(java.net.StandardProtocolFamily.INET)) {
                    c.connect(server.getLocalAddress());
                    c.write(java.nio.ByteBuffer.wrap(new byte[1000]));
                }
            }
            rt.links().setDown("lo");
            LinkStats s = rt.links().get("lo").stats().orElseThrow();
            JsonNode ip = Ip.jsonIn(name(ns), "-s", "link", "show", "dev", "lo").get(0).get("stats64");
            assertThat(s.rxPackets()).isPositive().isEqualTo(ip.get("rx").get("packets").asLong());
            assertThat(s.rxBytes()).isEqualTo(ip.get("rx").get("bytes").asLong());
            assertThat(s.txPackets()).isEqualTo(ip.get("tx").get("packets").asLong());
            assertThat(s.txBytes()).isEqualTo(ip.get("tx").get("bytes").asLong());
        }
    }
}
