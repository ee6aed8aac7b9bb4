// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.internal.IpText;
import io.netns.netlink.link.OperState;
import io.netns.netlink.topology.Topology.Device;
import io.netns.netlink.topology.Topology.Endpoint;
import io.netns.netlink.topology.Topology.Gateway;
import io.netns.netlink.topology.Topology.Namespace;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Topology#snapshot} against the independent oracle: a topology built with {@code ip} (a veth
 * pair across namespaces, a bridge in a third with a port to each, a veth pair inside one namespace,
 * a veth to a namespace left out of the snapshot, IPv4 and IPv6 addresses, routes via gateways on
 * the other side of a veth and of a bridge, in the main table and another), and every device, address,
 * edge and gateway of the snapshot compared with what {@code ip -j -d link}, {@code ip -j addr},
 * {@code ip -j route show table all} and {@code ip -j netns list-id} say in each namespace.
 */
@PrivilegedTest
class TopologySnapshotTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    private static void ip(String ns, String command) {
        List<String> argv = new ArrayList<>(List.of("-n", ns));
        argv.addAll(List.of(command.split(" ")));
        Ip.ip(argv.toArray(String[]::new));
    }

    @Test
    void theSnapshotsEdgesAreWhatIpSays() throws Exception {
        NetworkNamespace a = temp.create("ga");
        NetworkNamespace b = temp.create("gb");
        NetworkNamespace c = temp.create("gc");
        NetworkNamespace d = temp.create("gd");
        String an = TempNamespaces.name(a);
        String bn = TempNamespaces.name(b);
        String cn = TempNamespaces.name(c);
        String dn = TempNamespaces.name(d);
        for (String ns : List.of(an, bn, cn)) {
            ip(ns, "link set lo up");
        }
        ip(an, "link add va type veth peer name vb netns " + bn);
        ip(an, "addr add 198.18.10.1/24 dev va");
        ip(bn, "addr add 198.18.10.2/24 dev vb");
        ip(an, "link set va up");
        ip(bn, "link set vb up");
        ip(cn, "link add br0 type bridge");
        ip(cn, "link set br0 up");
        ip(cn, "addr add 198.18.11.3/24 dev br0");
        ip(cn, "link add p1 type veth peer name e1 netns " + an);
        ip(cn, "link set p1 master br0 up");
        ip(cn, "link add p2 type veth peer name e1 netns " + bn);
        ip(cn, "link set p2 master br0 up");
        ip(an, "addr add 198.18.11.1/24 dev e1");
        ip(an, "addr add fd42:6e73:11::1/64 dev e1 nodad");
        ip(an, "link set e1 up");
        ip(bn, "addr add 198.18.11.2/24 dev e1");
        ip(bn, "addr add fd42:6e73:11::2/64 dev e1 nodad");
        ip(bn, "link set e1 up mtu 1400");
        ip(cn, "link add x1 type veth peer name x2");                    // both ends in one namespace
        ip(an, "link add vd type veth peer name vd netns " + dn);        // the peer's namespace is not drawn
        ip(bn, "route add default via 198.18.10.1");                     // owner: across the veth
        ip(an, "route add 198.18.12.0/24 via 198.18.11.2");              // owner: across the bridge
        ip(an, "route add 198.18.15.0/24 via 198.18.11.3");              // owner: the bridge itself
        ip(an, "route add 198.18.13.0/24 via 198.18.10.9");              // no one has it
        ip(an, "route add 198.18.14.0/24 via 198.18.10.2 table 100");
        ip(bn, "route add fd42:6e73:12::/64 via fd42:6e73:11::1");       // IPv6, across the bridge

        // operstates settle asynchronously (linkwatch): wait, so the snapshot and ip see the same states
        awaitUp(a, "va", "e1");
        awaitUp(b, "vb", "e1");
        awaitUp(c, "p1", "p2", "br0");

        Topology t = Topology.snapshot(a, b, c, a);                      // a twice: counted once
        List<String> drawn = List.of(an, bn, cn);

        assertThat(t.namespaces()).extracting(Namespace::name).containsExactlyElementsOf(new TreeSet<>(drawn));
        for (Namespace ns : t.namespaces()) {
            assertThat(ns.inode()).as("inode of %s", ns.name())
                    .isEqualTo(Files.getAttribute(Netns.registry().directory().resolve(ns.name()), "unix:ino"));
            assertThat(ns.devices()).extracting(TopologySnapshotTest::describe).as("devices of %s", ns.name())
                    .containsExactlyElementsOf(ipDevices(ns.name()));
            assertThat(ns.devices().stream().collect(Collectors.toMap(Device::name, x -> x.addresses().stream()
                    .map(p -> IpText.format(p.address()) + "/" + p.prefixLength()).collect(Collectors.toSet()))))
                    .as("addresses of %s", ns.name()).isEqualTo(ipAddresses(ns.name()));
        }

        // veth pairs: ip's link (same namespace) or link_index in the namespace link_netnsid names
        Set<String> pairs = new TreeSet<>();
        Set<String> foreign = new TreeSet<>();
        for (String ns : drawn) {
            Map<Integer, String> nsids = new HashMap<>();
            Ip.jsonIn(ns, "netns", "list-id").forEach(n -> nsids.put(n.get("nsid").asInt(), n.path("name").asText()));
            for (JsonNode l : Ip.jsonIn(ns, "-d", "link", "show")) {
                if (!l.path("linkinfo").path("info_kind").asText().equals("veth")) {
                    continue;
                }
                String end = ns + "/" + l.get("ifname").asText();
                if (l.has("link")) {
                    pairs.add(pair(end, ns + "/" + l.get("link").asText()));
                } else {
                    String peerNs = nsids.get(l.get("link_netnsid").asInt());
                    if (drawn.contains(peerNs)) {
                        pairs.add(pair(end, peerNs + "/" + ifname(peerNs, l.get("link_index").asInt())));
                    } else {
                        foreign.add(end + " nsid " + l.get("link_netnsid").asInt() + " if" + l.get("link_index").asInt());
                    }
                }
            }
        }
        assertThat(t.peers()).extracting(p -> p.a() + " " + p.b()).containsExactlyElementsOf(pairs);
        assertThat(pairs).contains(pair(an + "/va", bn + "/vb"), pair(cn + "/x1", cn + "/x2"),
                pair(an + "/e1", cn + "/p1"), pair(bn + "/e1", cn + "/p2"));
        assertThat(t.foreignPeers()).extracting(f -> f.end() + " nsid " + f.peerNsid().orElseThrow() + " if"
                + f.peerIndex()).containsExactlyElementsOf(foreign);
        assertThat(foreign).hasSize(1).allMatch(f -> f.startsWith(an + "/vd nsid ")
                && f.endsWith(" if" + Ip.jsonIn(dn, "link", "show", "vd").get(0).get("ifindex").asInt()));

        // masters: ip's "master" of each device
        Set<String> ports = new TreeSet<>();
        for (String ns : drawn) {
            for (JsonNode l : Ip.jsonIn(ns, "link", "show")) {
                if (l.has("master")) {
                    ports.add(ns + "/" + l.get("master").asText() + " " + ns + "/" + l.get("ifname").asText());
                }
            }
        }
        assertThat(t.ports()).extracting(p -> p.master() + " " + p.port()).containsExactlyElementsOf(ports);
        assertThat(ports).hasSize(2);

        // gateways: ip's routes with a gateway; the owner is the device ip lists the address on
        Set<String> gateways = new TreeSet<>();
        for (String ns : drawn) {
            for (JsonNode r : Ip.jsonIn(ns, "route", "show", "table", "all")) {
                if (r.has("gateway")) {
                    String gw = r.get("gateway").asText();
                    String dst = r.get("dst").asText();
                    String table = r.path("table").asText("main");
                    gateways.add(ns + " " + (dst.equals("default") ? "default" : dst) + " via " + gw + " dev "
                            + r.get("dev").asText() + " table " + table + " owner " + ipOwner(drawn, gw));
                }
            }
        }
        Set<String> snapshotGateways = new TreeSet<>(t.gateways().stream().map(TopologySnapshotTest::describe).toList());
        assertThat(snapshotGateways).containsExactlyElementsOf(gateways);
        assertThat(gateways).hasSize(6).contains(
                bn + " default via 198.18.10.1 dev vb table main owner " + an + "/va",
                an + " 198.18.12.0/24 via 198.18.11.2 dev e1 table main owner " + bn + "/e1",
                an + " 198.18.15.0/24 via 198.18.11.3 dev e1 table main owner " + cn + "/br0",
                an + " 198.18.13.0/24 via 198.18.10.9 dev va table main owner none",
                an + " 198.18.14.0/24 via 198.18.10.2 dev va table 100 owner " + bn + "/vb",
                bn + " fd42:6e73:12::/64 via fd42:6e73:11::1 dev e1 table main owner " + an + "/e1");

        // the renderings name every device and edge; the pictures carry no ifindex or inode
        String dot = t.toDot();
        String mermaid = t.toMermaid();
        for (Namespace ns : t.namespaces()) {
            assertThat(dot).contains("label=\"" + ns.name() + "\"").doesNotContain(Long.toString(ns.inode()));
            assertThat(mermaid).contains("[\"" + ns.name() + "\"]").doesNotContain(Long.toString(ns.inode()));
            assertThat(t.toJson()).contains("\"inode\": " + ns.inode());
            assertThat(t.toString()).contains("namespace " + ns.name() + " (net:[" + ns.inode() + "])");
        }
        assertThat(dot.lines().filter(l -> l.contains("label=\"veth\"") && !l.contains("dashed"))).hasSize(4);
        JsonNode json = Ip.parse(t.toJson());                             // JSON a JSON library reads back
        assertThat(json.get("namespaces").findValuesAsText("name")).hasSize(3 + t.namespaces().stream()
                .mapToInt(ns -> ns.devices().size()).sum());
        assertThat(json.get("peers")).hasSize(4);
        assertThat(json.get("foreignPeers").get(0).get("end").get("device").asText()).isEqualTo("vd");
        assertThat(json.get("gateways").findValuesAsText("gateway")).hasSize(6).contains("fd42:6e73:11::1");
        assertThat(mermaid.lines().filter(l -> l.contains("---|veth|"))).hasSize(4);
    }

    @Test
    void theSameTopologyGivesTheSameRenderings() {
        NetworkNamespace a = temp.create("gsa");
        NetworkNamespace b = temp.create("gsb");
        ip(TempNamespaces.name(a), "link add va type veth peer name vb netns " + TempNamespaces.name(b));
        ip(TempNamespaces.name(a), "addr add 198.18.16.1/24 dev va");
        Topology first = Topology.snapshot(a, b);
        Topology second = Topology.snapshot(List.of(b, a));              // another order: the same value
        assertThat(second).isEqualTo(first);
        assertThat(second.toDot()).isEqualTo(first.toDot());
        assertThat(second.toMermaid()).isEqualTo(first.toMermaid());
        assertThat(second.toJson()).isEqualTo(first.toJson());
        assertThat(second.toString()).isEqualTo(first.toString());
    }

    @Test
    void snapshotAllHoldsEveryNamedNamespace() {
        NetworkNamespace a = temp.create("gall");
        ip(TempNamespaces.name(a), "link add va type veth peer name vb");
        Topology all = Topology.snapshotAll();
        // other namespaces come and go on a shared machine: only ours is certain
        assertThat(all.namespace(TempNamespaces.name(a)).orElseThrow().devices()).extracting(Device::name)
                .containsExactly("lo", "va", "vb");
        assertThat(all.peers()).extracting(p -> p.a() + " " + p.b())
                .contains(TempNamespaces.name(a) + "/va " + TempNamespaces.name(a) + "/vb");
    }

    @Test
    void noNamespaceOrANullOneIsRefusedBeforeAnythingIsRead() {
        assertThatThrownBy(() -> Topology.snapshot()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no namespace to draw");
        assertThatThrownBy(() -> Topology.snapshot(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topology.snapshot((NetworkNamespace) null)).isInstanceOf(NullPointerException.class);
    }

    private static void awaitUp(NetworkNamespace ns, String... devices) {
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            for (String d : devices) {
                rt.links().awaitOperState(d, OperState.UP, Duration.ofSeconds(10));
            }
        }
    }

    private static String pair(String x, String y) {
        return x.compareTo(y) <= 0 ? x + " " + y : y + " " + x;
    }

    private static String ifname(String ns, int index) {
        for (JsonNode l : Ip.jsonIn(ns, "link", "show")) {
            if (l.get("ifindex").asInt() == index) {
                return l.get("ifname").asText();
            }
        }
        throw new AssertionError("ip lists no ifindex " + index + " in " + ns);
    }

    /** The one device ip lists {@code address} on, over the drawn namespaces, or "none". */
    private static String ipOwner(List<String> namespaces, String address) {
        List<String> owners = new ArrayList<>();
        for (String ns : namespaces) {
            for (JsonNode l : Ip.jsonIn(ns, "addr", "show")) {
                l.get("addr_info").forEach(ai -> {
                    if (ai.get("local").asText().equals(address)) {
                        owners.add(ns + "/" + l.get("ifname").asText());
                    }
                });
            }
        }
        assertThat(owners).as("devices holding %s", address).hasSizeLessThanOrEqualTo(1);
        return owners.isEmpty() ? "none" : owners.getFirst();
    }

    private static String describe(Gateway g) {
        String table = g.table() == 254 ? "main" : Long.toString(g.table());
        return g.namespace() + " " + Labels.destination(g.destination()) + " via " + IpText.format(g.gateway())
                + " dev " + g.device().orElse("?") + " table " + table + " owner "
                + g.owner().map(Endpoint::toString).orElse("none");
    }

    private static String describe(Device d) {
        return d.name() + " " + d.index() + " " + d.kind() + " " + d.state() + " " + d.mtu() + " " + d.master().orElse("-");
    }

    /** ip -j -d link show, as {@link #describe(Device)} writes a device, sorted by name. */
    private static List<String> ipDevices(String ns) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : Ip.jsonIn(ns, "-d", "link", "show")) {
            String kind = l.path("linkinfo").path("info_kind").asText(
                    l.get("link_type").asText().equals("loopback") ? "loopback" : "device");
            out.add(l.get("ifname").asText() + " " + l.get("ifindex").asInt() + " " + kind + " "
                    + l.get("operstate").asText() + " " + l.get("mtu").asInt() + " " + l.path("master").asText("-"));
        }
        out.sort(null);
        return out;
    }

    /** ip -j addr show: each device's addresses, IPv6 link-local ones left out. */
    private static Map<String, Set<String>> ipAddresses(String ns) {
        Map<String, Set<String>> out = new HashMap<>();
        for (JsonNode l : Ip.jsonIn(ns, "addr", "show")) {
            Set<String> set = new TreeSet<>();
            l.get("addr_info").forEach(ai -> {
                if (!(ai.get("family").asText().equals("inet6") && ai.get("scope").asText().equals("link"))) {
                    set.add(ai.get("local").asText() + "/" + ai.get("prefixlen").asInt());
                }
            });
            out.put(l.get("ifname").asText(), set);
        }
        return out;
    }
}
