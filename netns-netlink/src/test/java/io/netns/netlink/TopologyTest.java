// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.link.OperState;
import io.netns.netlink.route.RouteSpec;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;
import io.netns.NetworkNamespace;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The topologies of the classic ip netns tutorials, built through rtnetlink, with real TCP across them. */
@PrivilegedTest
class TopologyTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    private static final Duration UP = Duration.ofSeconds(5);

    /** Accepts one connection on {@code server} and echoes what it reads; returns what it echoed. */
    static CompletableFuture<String> echoOnce(ServerSocketChannel server) {
        return CompletableFuture.supplyAsync(() -> {
            try (SocketChannel c = server.accept()) {
                ByteBuffer buf = ByteBuffer.allocate(64);
                c.read(buf);
                buf.flip();
                String got = new String(buf.array(), 0, buf.limit());
                c.write(buf);
                return got;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
    }

    static String exchange(NetworkNamespace client, String address, int port, String text) throws IOException {
        try (SocketChannel c = client.openSocketChannel()) {
            c.connect(new InetSocketAddress(address, port));
            c.write(ByteBuffer.wrap(text.getBytes()));
            ByteBuffer in = ByteBuffer.allocate(64);
            while (in.position() < text.length() && c.read(in) >= 0) {
                // until the echo is complete
            }
            return new String(in.array(), 0, in.position());
        }
    }

    static int port(ServerSocketChannel s) throws IOException {
        return ((InetSocketAddress) s.getLocalAddress()).getPort();
    }

    /** A TCP connection from {@code client} to an echo server of {@code server} on {@code address}: text comes back. */
    static void assertEchoedAcross(NetworkNamespace server, String address, NetworkNamespace client, String text)
            throws Exception {
        try (ServerSocketChannel s = server.openServerSocketChannel()) {
            s.bind(new InetSocketAddress(address, 0));
            CompletableFuture<String> echoed = echoOnce(s);
            assertThat(exchange(client, address, port(s), text)).isEqualTo(text);
            assertThat(echoed.get()).isEqualTo(text);
        }
    }

    @Test
    void aVethBetweenTheHostSideAndANamespace() throws Exception {
        NetworkNamespace host = temp.create("host");
        NetworkNamespace ns1 = temp.create("ns1");
        TestTopology.vethBetween(host, "veth-ns1", "198.18.10.1/24", ns1, "eth0", "198.18.10.2/24");
        assertThat(Ip.in(ns1.name().orElseThrow(), "route", "show")).contains("198.18.10.0/24 dev eth0");
        assertEchoedAcross(host, "198.18.10.1", ns1, "hello host");
    }

    @Test
    void twoNamespacesRoutedThroughARouterNamespace() throws Exception {
        NetworkNamespace left = temp.create("left");
        NetworkNamespace router = temp.create("router");
        NetworkNamespace right = temp.create("right");
        TestTopology.vethBetween(router, "r-left", "198.18.21.1/24", left, "eth0", "198.18.21.2/24");
        TestTopology.vethBetween(router, "r-right", "198.18.22.1/24", right, "eth0", "198.18.22.2/24");
        try (Rtnetlink l = Rtnetlink.open(left); Rtnetlink rr = Rtnetlink.open(right)) {
            l.routes().add(RouteSpec.defaultRoute().via("198.18.21.1"));
            rr.routes().add(RouteSpec.to("198.18.21.0/24").via("198.18.22.1").dev("eth0"));
            router.setSysctl("net.ipv4.ip_forward", "1");
            assertThat(l.routes().get("198.18.22.2").gateway().orElseThrow().getHostAddress()).isEqualTo("198.18.21.1");
            assertEchoedAcross(right, "198.18.22.2", left, "across");
        }
    }

    @Test
    void aBridgeInItsOwnNamespaceJoinsThreeNamespaces() throws Exception {
        NetworkNamespace sw = temp.create("switch");
        NetworkNamespace[] hosts = {temp.create("h1"), temp.create("h2"), temp.create("h3")};
        try (Rtnetlink s = Rtnetlink.open(sw)) {
            s.links().add(LinkSpec.bridge("br0").up());
            for (int i = 0; i < 3; i++) {
                s.links().add(LinkSpec.veth("port" + (i + 1), "eth0").peerNamespace(hosts[i]).master("br0").up());
                try (Rtnetlink h = Rtnetlink.open(hosts[i])) {
                    h.addresses().add("eth0", "198.18.30." + (i + 1) + "/24");
                    h.links().setUp("eth0");
                    h.links().awaitOperState("eth0", OperState.UP, UP);
                }
            }
            assertThat(s.links().ofMaster("br0")).extracting(Link::name).containsExactlyInAnyOrder("port1", "port2", "port3");
            assertThat(Ip.jsonIn(sw.name().orElseThrow(), "link", "show", "master", "br0")).hasSize(3);
            s.links().awaitOperState("br0", OperState.UP, UP);
            assertEchoedAcross(hosts[2], "198.18.30.3", hosts[0], "via bridge");
        }
    }
}
