// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.OperState;
import io.netns.netlink.route.Route;
import io.netns.netlink.route.RouteSpec;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Two namespaces on different subnets, routed through a third that forwards:
 * {@code left 198.18.10.2 --- 198.18.10.1 router 198.18.11.1 --- 198.18.11.2 right}; then a TCP
 * connection from left to right.
 *
 * <p>Replaces: {@code ip netns add} (three times);
 * {@code ip -n router link add r-left type veth peer name eth0 netns left} (and {@code r-right});
 * {@code ip -n router addr add 198.18.10.1/24 dev r-left}; {@code ip -n left addr add 198.18.10.2/24 dev eth0}
 * (and the right side); {@code ip -n ... link set ... up};
 * {@code ip netns exec router sysctl -w net.ipv4.ip_forward=1};
 * {@code ip -n left route add default via 198.18.10.1}; {@code ip -n right route add default via 198.18.11.1};
 * {@code ip -n left route get 198.18.11.2}; {@code ip netns del ...}.
 */
public final class RoutedPair {
    private static final Duration UP = Duration.ofSeconds(5);

    private RoutedPair() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** @return what the right side echoed to the left one */
    public static String run(PrintStream out) throws Exception {
        long pid = ProcessHandle.current().pid();
        String l = "ex-rt-left-" + pid;
        String r = "ex-rt-router-" + pid;
        String g = "ex-rt-right-" + pid;
        try (NetworkNamespace left = Netns.create(l); NetworkNamespace router = Netns.create(r);
             NetworkNamespace right = Netns.create(g);
             Rtnetlink rl = Rtnetlink.open(left); Rtnetlink rr = Rtnetlink.open(router); Rtnetlink rg = Rtnetlink.open(right)) {
            rr.links().add(LinkSpec.veth("r-left", "eth0").peerNamespace(left).up());   // ip link add ... up
            rr.links().add(LinkSpec.veth("r-right", "eth0").peerNamespace(right).up());
            rr.addresses().add("r-left", "198.18.10.1/24");
            rr.addresses().add("r-right", "198.18.11.1/24");
            rl.addresses().add("eth0", "198.18.10.2/24");
            rg.addresses().add("eth0", "198.18.11.2/24");
            rl.links().setUp("eth0");
            rg.links().setUp("eth0");
            router.setSysctl("net.ipv4.ip_forward", "1");                               // sysctl -w net.ipv4.ip_forward=1
            rl.routes().add(RouteSpec.defaultRoute().via("198.18.10.1"));                // ip route add default via 198.18.10.1
            rg.routes().add(RouteSpec.defaultRoute().via("198.18.11.1"));
            rl.links().awaitOperState("eth0", OperState.UP, UP);
            rg.links().awaitOperState("eth0", OperState.UP, UP);
            rr.links().awaitOperState("r-left", OperState.UP, UP);
            rr.links().awaitOperState("r-right", OperState.UP, UP);

            Route chosen = rl.routes().get("198.18.11.2");                               // ip route get 198.18.11.2
            out.println("ip -n " + l + " route get 198.18.11.2: via "
                    + chosen.gateway().map(a -> a.getHostAddress()).orElse("(none)") + " dev "
                    + rl.links().get(chosen.outputInterface().orElseThrow()).name());

            try (ServerSocketChannel server = right.openServerSocketChannel()) {
                server.bind(new InetSocketAddress("198.18.11.2", 0));
                int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
                Thread echo = Thread.ofVirtual().start(() -> {
                    try (SocketChannel c = server.accept()) {
                        c.write(java.nio.ByteBuffer.wrap(("hello from " + g + " to " + c.getRemoteAddress())
                                .getBytes(StandardCharsets.UTF_8)));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                String reply = left.call(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("198.18.11.2", port), 3000);
                        return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    }
                });
                echo.join();
                out.println(reply);
                return reply;
            }
        } finally {
            Netns.delete(l);
            Netns.delete(r);
            Netns.delete(g);
        }
    }
}
