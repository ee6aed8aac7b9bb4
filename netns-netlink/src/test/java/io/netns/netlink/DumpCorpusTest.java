// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.link.OperState;
import io.netns.netlink.link.LinkUpdate;
import io.netns.netlink.rule.RuleSpec;
import io.netns.netlink.neighbour.NeighbourSpec;
import io.netns.netlink.route.RouteProtocol;
import io.netns.netlink.link.kind.MacvlanMode;
import io.netns.netlink.address.AddressSpec;
import io.netns.netlink.neighbour.NudState;
import io.netns.netlink.route.RouteSpec;
import io.netns.netlink.route.RouteType;
import io.netns.NetworkNamespace;
import io.netns.netlink.DumpCapture.Dump;
import io.netns.netlink.internal.Request;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.wire.ErrorMessage;
import io.netns.netlink.wire.Ifla;
import io.netns.netlink.wire.IflaInfo;
import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.Nlmsg;
import io.netns.netlink.wire.Nud;
import io.netns.netlink.wire.Rtm;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds a namespace with one of every link kind this kernel has (veth, bridge, macvlan, vxlan over
 * IPv4 and IPv6, ifb, tun, tap, a veth whose peer is in another namespace), IPv4 and IPv6 addresses,
 * routes (multipath, blackhole/unreachable/prohibit, other tables, metrics), neighbours and rules;
 * captures the raw dumps with {@link DumpCapture} and checks our decoding of them against
 * {@code ip -j -d} for the same namespace ({@link DumpOracle}).
 *
 * <p>With {@code -Dnetns.dumps.write=DIR} it also writes the corpus there: {@code NAME.bin} (the
 * datagrams) and {@code NAME.json} (ip's view, canonicalised) for each dump, plus
 * {@code errors.bin/json} (NLMSG_ERROR replies, acks included). See
 * {@code src/test/resources/dumps/README.md}.
 */
@PrivilegedTest
class DumpCorpusTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Builds the corpus namespace. {@code peer} gets nsid 5 and the far end of veth vp0. */
    static void build(Rtnetlink rt, NetworkNamespace peer) {
        rt.links().setUp("lo");
        rt.nsids().set(peer, 5);
        rt.links().add(LinkSpec.veth("va", "vb").address("02:6e:73:00:00:0a").peerAddress("02:6e:73:00:00:0b").up());
        rt.links().add(LinkSpec.bridge("br0").address("02:6e:73:00:00:b0").up());
        rt.links().setMaster("vb", "br0");
        rt.links().setUp("vb");
        rt.links().add(LinkSpec.veth("vc", "vd").mtu(9000).group(5).txQueueLength(500)
                .address("02:6e:73:00:00:0c").peerAddress("02:6e:73:00:00:0d").up());
        rt.links().setUp("vd");
        // the kernel ignores IFLA_IFALIAS in a create request (rtnl_create_link): set it afterwards
        rt.links().set("vc", LinkUpdate.of().alias("corpus veth"));
        rt.links().add(LinkSpec.macvlan("mv0", "va", MacvlanMode.BRIDGE).address("02:6e:73:00:00:4a").up());
        rt.links().add(LinkSpec.vxlan("vx0", 42).local("198.18.0.1").remote("198.18.0.2").dstPort(4789).device("va")
                .address("02:6e:73:00:00:42"));
        rt.links().add(LinkSpec.vxlan("vx6", 43).local("fd42:6e73::1").remote("fd42:6e73::2").dstPort(4790)
                .noLearning().address("02:6e:73:00:00:43"));
        rt.links().add(LinkSpec.ifb("ifb0").address("02:6e:73:00:00:1f"));
        rt.links().add(LinkSpec.tun("tun0"));
        rt.links().add(LinkSpec.tap("tap0").address("02:6e:73:00:00:7a"));
        rt.links().add(LinkSpec.veth("vp0", "vp1").peerNamespace(peer).address("02:6e:73:00:00:70").up());

        rt.addresses().add(AddressSpec.of("198.18.0.1/24", "va").broadcast("198.18.0.255").label("va:main"));
        rt.addresses().add(AddressSpec.of("fd42:6e73::1/64", "va").noDad());
        rt.addresses().add(AddressSpec.of("198.18.1.1/30", "vc").peer("198.18.1.2"));
        rt.addresses().add(AddressSpec.of("fd42:6e73:1::1/64", "vc").noDad().lifetimes(3600, 1800));
        rt.addresses().add(AddressSpec.of("198.18.2.1/24", "br0"));
        rt.addresses().add(AddressSpec.of("fd42:6e73:2::1/64", "br0").noDad());
        rt.addresses().add(AddressSpec.of("198.18.3.1/32", "lo").scope(Scope.HOST));

        rt.routes().add(RouteSpec.to("198.18.9.0/24").nextHop("198.18.0.2", "va", 2).nextHop("198.18.2.2", "br0", 1));
        rt.routes().add(RouteSpec.to("198.18.10.0/24").type(RouteType.BLACKHOLE));
        rt.routes().add(RouteSpec.to("198.18.11.0/24").type(RouteType.UNREACHABLE));
        rt.routes().add(RouteSpec.to("198.18.12.0/24").type(RouteType.PROHIBIT));
        rt.routes().add(RouteSpec.to("198.18.13.0/24").via("198.18.0.2").metric(100).mtu(1400).src("198.18.0.1")
                .table(100));
        rt.routes().add(RouteSpec.to("198.18.14.0/24").dev("br0").table(1000));
        rt.routes().add(RouteSpec.to("198.18.15.0/24").via("198.18.1.2").protocol(RouteProtocol.STATIC));
        rt.routes().add(RouteSpec.defaultRoute().via("198.18.0.254"));
        rt.routes().add(RouteSpec.to("fd42:6e73:5::/64").via("fd42:6e73::2").metric(50));
        rt.routes().add(RouteSpec.to("fd42:6e73:6::/64").nextHop("fd42:6e73::2", "va", 1)
                .nextHop("fd42:6e73:2::2", "br0", 3));
        rt.routes().add(RouteSpec.to("fd42:6e73:7::/64").type(RouteType.BLACKHOLE));
        rt.routes().add(RouteSpec.to("fd42:6e73:8::/64").dev("br0").mtu(1400).table(100));

        rt.neighbours().add(NeighbourSpec.permanent("198.18.0.9", "02:6e:73:00:00:09", "va"));
        rt.neighbours().add(NeighbourSpec.permanent("fd42:6e73::9", "02:6e:73:00:00:99", "va"));
        rt.neighbours().add(NeighbourSpec.of("198.18.2.9", "br0").linkAddress("02:6e:73:00:02:09")
                .state(NudState.STALE));

        rt.rules().add(RuleSpec.ofSource("198.18.0.0/16").table(100).priority(1000));
        rt.rules().add(RuleSpec.of(Family.INET).to("198.18.9.0/24").fwmark(0x10, 0xff).table(1000).priority(1001));
        rt.rules().add(RuleSpec.of(Family.INET).iif("va").action(RouteType.BLACKHOLE).priority(1002));
        rt.rules().add(RuleSpec.ofSource("198.18.5.0/24").not().oif("vc").action(RouteType.PROHIBIT).priority(1003));
        rt.rules().add(RuleSpec.ofSource("fd42:6e73::/48").table(100).priority(1000));
        rt.rules().add(RuleSpec.of(Family.INET6).action(RouteType.UNREACHABLE).priority(1004));
    }

    /** One request answered by NLMSG_ERROR, with what the kernel is expected to answer. */
    record ErrorCase(String what, Request.Encoder request, boolean dump, int errno, String message, int offset) {
    }

    /** The expected answers are kernel 6.18's (errno values and extended-ack texts vary between kernels). */
    static List<ErrorCase> errorCases(int vaIndex) {
        List<ErrorCase> cases = new ArrayList<>();
        cases.add(new ErrorCase("ip link set lo up (ack)",
                (w, seq) -> TestRequests.linkSetUp(w, seq, 1), false, 0, null, -1));
        cases.add(new ErrorCase("ip link show nosuchdev",
                TestRequests.linkGet("nosuchdev"), false, 19, null, -1));
        cases.add(new ErrorCase("RTM_NEWLINK with a 20-byte IFLA_IFNAME", (w, seq) -> {
            w.beginMessage(Rtm.RTM_NEWLINK, TestRequests.CREATE, seq, 0);
            w.ifinfomsg(0, 0, 0, 0, 0);
            w.attrString(Ifla.IFLA_IFNAME, "abcdefghijklmnopqrst");
            long li = w.beginNested(Ifla.IFLA_LINKINFO);
            w.attrString(IflaInfo.IFLA_INFO_KIND, "veth");
            w.endNested(li);
            w.endMessage();
        }, false, 34, "Attribute failed policy validation", 32));
        cases.add(new ErrorCase("ip route add 198.18.99.0/24 via 198.18.77.1",
                (w, seq) -> RouteSpec.to("198.18.99.0/24").via("198.18.77.1").encode(w, Rtm.RTM_NEWROUTE,
                        TestRequests.CREATE, seq, 0, new int[0]), false, 13,
                "Nexthop has invalid gateway", -1));
        cases.add(new ErrorCase("ip addr add 198.18.0.1/24 dev va (again)",
                (w, seq) -> AddressSpec.of("198.18.0.1/24", "va").encode(w, Rtm.RTM_NEWADDR,
                        TestRequests.CREATE, seq, vaIndex), false, 17, "ipv4: Address already assigned", -1));
        cases.add(new ErrorCase("RTM_GETROUTE dump with rtm_dst_len 5 (strict checking)", (w, seq) -> {
            w.beginMessage(Rtm.RTM_GETROUTE, TestRequests.DUMP, seq, 0);
            w.rtmsg(2, 5, 0, 0, 0, 0, 0, 0, 0);
            w.endMessage();
        }, true, 22, null, -1));
        return cases;
    }

    @Test
    void captureDecodeAndCompareWithIp() throws Exception {
        NetworkNamespace ns = temp.create("corpus");
        NetworkNamespace peer = temp.create("corpusp");
        String name = TempNamespaces.name(ns);
        String write = System.getProperty("netns.dumps.write");
        try (Rtnetlink rt = Rtnetlink.open(ns); DumpCapture cap = DumpCapture.open(rt)) {
            build(rt, peer);
            rt.links().awaitOperState("va", OperState.UP, java.time.Duration.ofSeconds(5));
            Map<Integer, String> names = DumpOracle.ifnames(name);
            assertThat(names).hasSize(13);
            Map<Dump, List<byte[]>> captured = new LinkedHashMap<>();
            Map<Dump, List<String>> oracle = new LinkedHashMap<>();
            for (Dump d : Dump.values()) {
                // links and addresses can still be settling (IPv6 link-local addresses, their routes):
                // the dump and ip must agree within a few tries
                List<byte[]> bytes = null;
                List<String> expected = null;
                List<String> actual = null;
                for (int attempt = 0; attempt < 5; attempt++) {
                    bytes = cap.dump(d);
                    expected = DumpOracle.fromIp(name, d);
                    actual = DumpOracle.fromDecoded(d, bytes, names);
                    if (actual.equals(expected)) {
                        break;
                    }
                    Thread.sleep(300);
                }
                assertThat(actual).as(d + " decoded vs ip").containsExactlyElementsOf(expected);
                captured.put(d, bytes);
                oracle.put(d, expected);
            }
            assertThat(oracle.get(Dump.LINKS)).hasSize(13);
            assertThat(oracle.get(Dump.ROUTES).stream().filter(s -> s.contains(" nh=[") && !s.endsWith("nh=[]")))
                    .hasSize(2);

            int va = rt.links().index("va");
            List<ErrorCase> cases = errorCases(va);
            List<byte[]> errorBytes = new ArrayList<>();
            List<String> expectedErrors = new ArrayList<>();
            List<String> actualErrors = new ArrayList<>();
            for (ErrorCase c : cases) {
                List<byte[]> reply = cap.exchange(c.request());
                assertThat(reply).as(c.what()).hasSize(1);
                ErrorMessage e = errorOf(reply.get(0));
                expectedErrors.add(c.what() + ": " + c.errno() + " " + c.message() + " @" + c.offset());
                actualErrors.add(c.what() + ": " + e.errno() + " " + e.message() + " @" + e.offset());
                errorBytes.add(reply.get(0));
            }
            assertThat(actualErrors).containsExactlyElementsOf(expectedErrors);
            // ip sees the same extended-ack text for the same request
            Ip.Result r = Ip.exec("ip", "-n", name, "route", "add", "198.18.99.0/24", "via", "198.18.77.1");
            assertThat(r.stderr()).contains("Error: Nexthop has invalid gateway");

            if (write != null) {
                writeCorpus(Path.of(write), names, captured, oracle, cases, errorBytes);
            }
        }
    }

    /**
     * The NLMSG_ERROR of a one-message reply datagram; for a dump refused after it started, the
     * NLMSG_DONE carrying a negative errno (its extended-ack attributes are not decoded by the
     * library, so the message is null here).
     */
    static ErrorMessage errorOf(byte[] datagram) {
        MessageReader r = new MessageReader(MemorySegment.ofArray(datagram), datagram.length);
        while (r.next()) {
            if (r.type() == Nlmsg.NLMSG_ERROR) {
                return ErrorMessage.decode(r);
            }
            if (r.type() == Nlmsg.NLMSG_DONE && r.length() >= 20) {
                int err = r.segment().get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, r.payload());
                return new ErrorMessage(-err, 0, r.seq(), null, -1, -1);
            }
        }
        throw new AssertionError("no NLMSG_ERROR in the reply");
    }

    private static void writeCorpus(Path dir, Map<Integer, String> names, Map<Dump, List<byte[]>> captured,
                                    Map<Dump, List<String>> oracle, List<ErrorCase> cases, List<byte[]> errorBytes)
            throws IOException {
        Files.createDirectories(dir);
        for (Dump d : Dump.values()) {
            try (OutputStream out = Files.newOutputStream(dir.resolve(d.file + ".bin"))) {
                DumpCapture.write(out, captured.get(d));
            }
            ObjectNode j = JSON.createObjectNode();
            j.put("dump", d.name());
            j.put("datagrams", captured.get(d).size());
            j.put("count", oracle.get(d).size());
            if (d == Dump.LINKS) {
                ObjectNode n = j.putObject("ifnames");
                names.forEach((k, v) -> n.put(Integer.toString(k), v));
            }
            ArrayNode items = j.putArray("items");
            oracle.get(d).forEach(items::add);
            JSON.writeValue(dir.resolve(d.file + ".json").toFile(), j);
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("errors.bin"))) {
            DumpCapture.write(out, errorBytes);
        }
        ArrayNode errs = JSON.createArrayNode();
        for (ErrorCase c : cases) {
            ObjectNode e = errs.addObject();
            e.put("request", c.what());
            e.put("errno", c.errno());
            if (c.message() == null) {
                e.putNull("message");
            } else {
                e.put("message", c.message());
            }
            e.put("offset", c.offset());
        }
        JSON.writeValue(dir.resolve("errors.json").toFile(), errs);
    }
}
