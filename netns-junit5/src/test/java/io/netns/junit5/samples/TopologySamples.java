// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5.samples;

import io.netns.NetworkNamespace;
import io.netns.junit5.NetnsTest;
import io.netns.junit5.RunInside;
import io.netns.junit5.TempNetns;
import io.netns.junit5.VethPair;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.OperState;
import io.netns.testing.Ip;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code @VethPair} topologies. */
public final class TopologySamples {
    private TopologySamples() {
    }

    /** One TCP exchange: a listener in {@code server} on {@code serverAddress}, a client in {@code client}. */
    static String exchange(NetworkNamespace client, NetworkNamespace server, String serverAddress) throws IOException {
        try (ServerSocketChannel listener = server.openServerSocketChannel()) {
            listener.bind(new InetSocketAddress(serverAddress, 0));
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            try (SocketChannel c = client.openSocketChannel()) {
                c.connect(new InetSocketAddress(serverAddress, port));
                try (SocketChannel accepted = listener.accept()) {
                    c.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
                    String got = read(accepted, 4);
                    accepted.write(ByteBuffer.wrap(("pong:" + got + ":"
                            + ((InetSocketAddress) accepted.getRemoteAddress()).getAddress().getHostAddress())
                            .getBytes(StandardCharsets.US_ASCII)));
                    accepted.shutdownOutput();
                    return read(c, Integer.MAX_VALUE);
                }
            }
        }
    }

    private static String read(SocketChannel ch, int max) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(256);
        while (buf.position() < max && ch.read(buf) >= 0) {
            if (buf.position() >= Math.min(max, buf.capacity())) {
                break;
            }
        }
        buf.flip();
        return StandardCharsets.US_ASCII.decode(buf).toString();
    }

    /** Device names and operstates of a namespace, as ip -j link show reports them. */
    static List<String> links(NetworkNamespace ns) {
        List<String> out = new ArrayList<>();
        Ip.jsonIn(ns.name().orElseThrow(), "link", "show").forEach(l ->
                out.add(l.get("ifname").asText() + "=" + l.get("operstate").asText()));
        return out;
    }

    static List<String> addresses(NetworkNamespace ns, String device) {
        List<String> out = new ArrayList<>();
        Ip.jsonIn(ns.name().orElseThrow(), "addr", "show", "dev", device).forEach(l ->
                l.get("addr_info").forEach(a -> {
                    if (!a.get("scope").asText().equals("link")) {     // not the kernel's fe80:: address
                        out.add(a.get("local").asText() + "/" + a.get("prefixlen").asInt());
                    }
                }));
        return out;
    }

    @Sample
    @NetnsTest
    public static class MethodTopology {
        @Test
        @VethPair(left = "a", right = "b", leftAddress = "198.18.0.1/24", rightAddress = "198.18.0.2/24")
        void reachable(@TempNetns("a") NetworkNamespace a, @TempNetns("b") NetworkNamespace b, TestReporter reporter)
                throws IOException {
            reporter.publishEntry("a", a.name().orElseThrow());
            reporter.publishEntry("b", b.name().orElseThrow());
            assertTrue(links(a).contains("veth-b=UP"), links(a).toString());
            assertTrue(links(b).contains("veth-a=UP"), links(b).toString());
            assertTrue(links(a).contains("lo=DOWN"), links(a).toString());
            assertEquals(List.of("198.18.0.1/24"), addresses(a, "veth-b"));
            assertEquals(List.of("198.18.0.2/24"), addresses(b, "veth-a"));
            try (Rtnetlink rt = Rtnetlink.open(a)) {
                Link l = rt.links().get("veth-b");
                assertEquals(OperState.UP, l.operState());
            }
            String reply = exchange(a, b, "198.18.0.2");
            reporter.publishEntry("reply", reply);
            assertEquals("pong:ping:198.18.0.1", reply);
        }
    }

    @Sample
    @NetnsTest
    @VethPair(left = "client", right = "server", leftAddress = "198.18.1.1/24", rightAddress = "198.18.1.2/24",
            leftDevice = "c0", rightDevice = "s0")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    public static class ClassTopology {
        @TempNetns("client")
        static NetworkNamespace client;
        @TempNetns("server")
        static NetworkNamespace server;

        @Test
        void a_exchange(TestReporter reporter) throws IOException {
            reporter.publishEntry("client", client.name().orElseThrow());
            reporter.publishEntry("server", server.name().orElseThrow());
            assertEquals("pong:ping:198.18.1.1", exchange(client, server, "198.18.1.2"));
        }

        @Test
        @RunInside("server")
        void b_insideServer(@TempNetns("server") NetworkNamespace s, TestReporter reporter) throws IOException {
            reporter.publishEntry("server", s.name().orElseThrow());
            assertEquals(server.inode(), Inodes.thisThread());
            assertTrue(Files.readString(Path.of("/proc/thread-self/net/dev")).contains("s0:"));
        }
    }

    @Sample
    @NetnsTest
    public static class Ipv6 {
        @Test
        @VethPair(left = "a", right = "b", leftAddress = {"198.18.2.1/24", "fd42:6e73:2::1/64"},
                rightAddress = {"198.18.2.2/24", "fd42:6e73:2::2/64"})
        void overIpv6(@TempNetns("a") NetworkNamespace a, @TempNetns("b") NetworkNamespace b) throws IOException {
            assertEquals("pong:ping:fd42:6e73:2:0:0:0:0:1", exchange(a, b, "fd42:6e73:2::2"));
            assertEquals("pong:ping:198.18.2.1", exchange(a, b, "198.18.2.2"));
        }
    }

    @Sample
    @NetnsTest
    public static class Chain {
        @Test
        @VethPair(left = "a", right = "b", leftAddress = "198.18.3.1/24", rightAddress = "198.18.3.2/24")
        @VethPair(left = "b", right = "c", leftAddress = "198.18.4.1/24", rightAddress = "198.18.4.2/24")
        void chain(@TempNetns("a") NetworkNamespace a, @TempNetns("b") NetworkNamespace b,
                   @TempNetns("c") NetworkNamespace c, TestReporter reporter) throws IOException {
            for (var e : List.of(a, b, c)) {
                reporter.publishEntry("ns", e.name().orElseThrow());
            }
            assertTrue(links(b).containsAll(List.of("veth-a=UP", "veth-c=UP")), links(b).toString());
            assertEquals("pong:ping:198.18.3.1", exchange(a, b, "198.18.3.2"));
            assertEquals("pong:ping:198.18.4.2", exchange(c, b, "198.18.4.1"));
        }
    }

    /** A pair declared per test between namespaces of the class: removed after each test. */
    @Sample
    @NetnsTest
    @TestMethodOrder(MethodOrderer.MethodName.class)
    public static class PairBetweenClassNamespaces {
        @TempNetns("x")
        static NetworkNamespace x;
        @TempNetns("y")
        static NetworkNamespace y;

        @Test
        @VethPair(left = "x", right = "y", leftAddress = "198.18.5.1/24", rightAddress = "198.18.5.2/24")
        void a_first() throws IOException {
            assertEquals("pong:ping:198.18.5.1", exchange(x, y, "198.18.5.2"));
        }

        @Test
        @VethPair(left = "x", right = "y", leftAddress = "198.18.5.1/24", rightAddress = "198.18.5.2/24")
        void b_again() throws IOException {
            assertEquals("pong:ping:198.18.5.1", exchange(x, y, "198.18.5.2"));
        }

        @Test
        void c_gone(TestReporter reporter) {
            reporter.publishEntry("x", String.join(",", links(x)));
            assertEquals(List.of("lo=DOWN"), links(x));
            assertEquals(List.of("lo=DOWN"), links(y));
        }
    }

    @Sample
    @NetnsTest
    public static class FailingTopology {
        @Test
        @VethPair(left = "a", right = "b")
        void fails(@TempNetns("a") NetworkNamespace a, @TempNetns("b") NetworkNamespace b, TestReporter reporter) {
            reporter.publishEntry("a", a.name().orElseThrow());
            reporter.publishEntry("b", b.name().orElseThrow());
            assertEquals(0, 1, "topology test failed on purpose");
        }
    }

    @Sample
    @NetnsTest
    public static class InvalidAddress {
        @Test
        @VethPair(left = "a", right = "b", leftAddress = "198.18.0.300/24")
        void never() {
        }
    }

    @Sample
    @NetnsTest
    public static class DeviceNameTooLong {
        @Test
        @VethPair(left = "a", right = "b", leftDevice = "a-device-name-too-long")
        void never() {
        }
    }

    @Sample
    @NetnsTest
    public static class SameNamespaceTwice {
        @Test
        @VethPair(left = "a", right = "a")
        void never() {
        }
    }
}
