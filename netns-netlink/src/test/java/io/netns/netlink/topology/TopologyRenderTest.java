// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.topology;

import io.netns.netlink.IpPrefix;
import io.netns.netlink.link.OperState;
import io.netns.netlink.topology.Topology.Device;
import io.netns.netlink.topology.Topology.Endpoint;
import io.netns.netlink.topology.Topology.ForeignPeer;
import io.netns.netlink.topology.Topology.Gateway;
import io.netns.netlink.topology.Topology.Namespace;
import io.netns.netlink.topology.Topology.Peer;
import io.netns.netlink.topology.Topology.Port;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The renderings of a hand-made {@link Topology} against golden files (root-free): one of every
 * node and edge kind, a table other than main, a gateway no device holds, a route without a device,
 * and names with the characters dot, Mermaid and JSON must escape. {@code -Dnetns.golden.update=true}
 * rewrites the files (then review the diff).
 */
class TopologyRenderTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "topology");

    static Topology sample() {
        IpPrefix lo4 = IpPrefix.parse("127.0.0.1/8");
        IpPrefix lo6 = IpPrefix.parse("::1/128");
        Namespace blue = new Namespace("blue", 4026532001L, List.of(
                new Device("e1", 3, "veth", OperState.UP, 1500, Optional.empty(),
                        List.of(IpPrefix.parse("198.18.11.1/24"), IpPrefix.parse("fd42:6e73:11::1/64"))),
                new Device("lo", 1, "loopback", OperState.UNKNOWN, 65536, Optional.empty(), List.of(lo4, lo6)),
                new Device("va", 2, "veth", OperState.UP, 1500, Optional.empty(),
                        List.of(IpPrefix.parse("198.18.10.1/24"))),
                new Device("vd", 4, "veth", OperState.LOWERLAYERDOWN, 1500, Optional.empty(), List.of())));
        Namespace red = new Namespace("red \"2\"", 4026532002L, List.of(
                new Device("lo", 1, "loopback", OperState.DOWN, 65536, Optional.empty(), List.of()),
                new Device("q\"<&>#|\\", 3, "veth", OperState.UP, 1400, Optional.empty(),
                        List.of(IpPrefix.parse("198.18.11.2/24"))),
                new Device("vb", 2, "veth", OperState.UP, 1500, Optional.empty(),
                        List.of(IpPrefix.parse("198.18.10.2/24")))));
        Namespace sw = new Namespace("sw", 4026532003L, List.of(
                new Device("br0", 2, "bridge", OperState.UP, 1500, Optional.empty(),
                        List.of(IpPrefix.parse("198.18.11.3/24"))),
                new Device("lo", 1, "loopback", OperState.DOWN, 65536, Optional.empty(), List.of()),
                new Device("p1", 3, "veth", OperState.UP, 1500, Optional.of("br0"), List.of()),
                new Device("p2", 4, "veth", OperState.UP, 1500, Optional.of("br0"), List.of())));
        Endpoint blueE1 = new Endpoint("blue", "e1");
        Endpoint blueVa = new Endpoint("blue", "va");
        Endpoint redQ = new Endpoint("red \"2\"", "q\"<&>#|\\");
        Endpoint redVb = new Endpoint("red \"2\"", "vb");
        Endpoint swBr = new Endpoint("sw", "br0");
        return new Topology(List.of(blue, red, sw),
                List.of(new Peer(blueE1, new Endpoint("sw", "p1")), new Peer(blueVa, redVb),
                        new Peer(redQ, new Endpoint("sw", "p2"))),
                List.of(new ForeignPeer(new Endpoint("blue", "vd"), OptionalInt.of(2), 9)),
                List.of(new Port(swBr, new Endpoint("sw", "p1")), new Port(swBr, new Endpoint("sw", "p2"))),
                List.of(new Gateway("blue", IpPrefix.parse("198.18.12.0/24"), ip("198.18.11.2"), Optional.of("e1"), 254,
                                Optional.of(redQ)),
                        new Gateway("blue", IpPrefix.parse("198.18.13.0/24"), ip("198.18.10.9"), Optional.of("va"), 254,
                                Optional.empty()),
                        new Gateway("blue", IpPrefix.parse("198.18.14.0/24"), ip("198.18.10.2"), Optional.of("va"), 100,
                                Optional.of(redVb)),
                        new Gateway("red \"2\"", IpPrefix.parse("0.0.0.0/0"), ip("198.18.10.1"), Optional.of("vb"), 254,
                                Optional.of(blueVa)),
                        new Gateway("red \"2\"", IpPrefix.parse("fd42:6e73:12::/64"), ip("fd42:6e73:11::1"),
                                Optional.empty(), 254, Optional.of(blueE1))));
    }

    private static InetAddress ip(String literal) {
        return IpPrefix.parse(literal).address();
    }

    private static void assertGolden(String file, String actual) throws IOException {
        if (Boolean.getBoolean("netns.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(GOLDEN.resolve(file), actual);
        }
        try (InputStream in = TopologyRenderTest.class.getResourceAsStream("/topology/" + file)) {
            assertThat(in).as("golden file %s", file).isNotNull();
            assertThat(actual).as("%s (-Dnetns.golden.update=true rewrites it)", file)
                    .isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void dot() throws IOException {
        assertGolden("sample.dot", sample().toDot());
    }

    @Test
    void mermaid() throws IOException {
        assertGolden("sample.mmd", sample().toMermaid());
    }

    @Test
    void json() throws IOException {
        assertGolden("sample.json", sample().toJson());
    }

    @Test
    void text() throws IOException {
        assertGolden("sample.txt", sample().toString());
    }

    @Test
    void anEmptyTopologyRendersAsAnEmptyPicture() {
        Topology empty = new Topology(List.of(), List.of(), List.of(), List.of(), List.of());
        assertThat(empty.toString()).isEqualTo("no namespace\n");
        assertThat(empty.toMermaid()).isEqualTo("flowchart LR\n");
        assertThat(empty.toDot()).startsWith("graph \"netns\" {").endsWith("}\n").doesNotContain("subgraph");
        assertThat(empty.toJson()).isEqualTo("""
                {
                  "namespaces": [],
                  "peers": [],
                  "foreignPeers": [],
                  "ports": [],
                  "gateways": []
                }
                """);
    }

    @Test
    void theValueIsImmutable() {
        Topology t = sample();
        assertThat(t.namespaces()).isUnmodifiable();
        assertThat(t.namespaces().getFirst().devices()).isUnmodifiable();
        assertThat(t.namespace("sw").orElseThrow().device("p1").orElseThrow().master()).hasValue("br0");
        assertThat(t.namespace("nowhere")).isEmpty();
    }
}
