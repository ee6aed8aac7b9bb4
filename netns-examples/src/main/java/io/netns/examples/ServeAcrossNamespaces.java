// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.OperState;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Serve TCP inside one namespace and connect from another, over a veth pair: the sockets belong to
 * their namespaces, the threads using them (virtual ones here) do not move.
 *
 * <p>Replaces: {@code ip -n A link add eth0 type veth peer name eth0 netns B};
 * {@code ip -n A addr add 198.18.90.1/24 dev eth0}; {@code ip -n B addr add 198.18.90.2/24 dev eth0};
 * {@code ip -n A link set eth0 up}; {@code ip -n B link set eth0 up}; then
 * {@code ip netns exec A nc -l 198.18.90.1 7007} and {@code ip netns exec B nc 198.18.90.1 7007}.
 */
public final class ServeAcrossNamespaces {
    private ServeAcrossNamespaces() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** @return the reply the client read */
    public static String run(PrintStream out) throws Exception {
        String a = "ex-srv-" + ProcessHandle.current().pid();
        String b = "ex-cli-" + ProcessHandle.current().pid();
        try (NetworkNamespace server = Netns.create(a); NetworkNamespace client = Netns.create(b);
             Rtnetlink rt = Rtnetlink.open(server); Rtnetlink rc = Rtnetlink.open(client)) {
            rt.links().add(LinkSpec.veth("eth0", "eth0").peerNamespace(client)); // both ends may share a name
            rt.addresses().add("eth0", "198.18.90.1/24");
            rc.addresses().add("eth0", "198.18.90.2/24");
            rt.links().setUp("eth0");
            rc.links().setUp("eth0");
            rt.links().awaitOperState("eth0", OperState.UP, Duration.ofSeconds(5));
            rc.links().awaitOperState("eth0", OperState.UP, Duration.ofSeconds(5));

            try (ServerSocketChannel listener = server.openServerSocketChannel()) {
                listener.bind(new InetSocketAddress("198.18.90.1", 7007));
                Thread acceptor = Thread.ofVirtual().start(() -> {
                    try (SocketChannel c = listener.accept()) {
                        c.write(ByteBuffer.wrap(("hello " + c.getRemoteAddress()).getBytes(StandardCharsets.UTF_8)));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                try (SocketChannel c = client.openSocketChannel()) {
                    c.connect(new InetSocketAddress("198.18.90.1", 7007));
                    ByteBuffer in = ByteBuffer.allocate(100);
                    while (c.read(in) >= 0) {
                        // until the server closes
                    }
                    String reply = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
                    out.println(b + " -> " + a + ": " + reply);
                    acceptor.join();
                    return reply;
                }
            }
        } finally {
            Netns.delete(a);
            Netns.delete(b);
        }
    }
}
