// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * JDK channels whose sockets live in a namespace: {@code openServerSocketChannel()} and
 * {@code openSocketChannel()} create the socket on a thread inside and return it unbound; any
 * thread then binds, connects, accepts, reads and writes. The channel snippet of docs/guide.md.
 *
 * <p>Replaces: {@code ip netns add NAME}; {@code ip -n NAME addr add 198.18.1.1/24 dev lo};
 * {@code ip -n NAME link set lo up}; then
 * {@code ip netns exec NAME nc -l 198.18.1.1 PORT} and a client in the same namespace;
 * {@code ip netns del NAME}.
 */
public final class ChannelsInside {
    private ChannelsInside() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Prints what the client read from the server's peer: "hi". */
    public static void run(PrintStream out) throws Exception {
        String name = "blue-" + ProcessHandle.current().pid();
        try (NetworkNamespace ns = Netns.create(name); Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.addresses().add("lo", "198.18.1.1/24");                   // ip addr add 198.18.1.1/24 dev lo
            rt.links().setUp("lo");                                      // ip link set lo up
            // docs:begin guide.md
            try (ServerSocketChannel server = ns.openServerSocketChannel();
                 SocketChannel client = ns.openSocketChannel()) {        // both sockets live in ns
                server.bind(new InetSocketAddress("198.18.1.1", 0));     // an address of a device inside ns
                client.connect(server.getLocalAddress());                // any thread, virtual threads too
                try (SocketChannel peer = server.accept()) {
                    peer.write(ByteBuffer.wrap("hi".getBytes()));
                }
                ByteBuffer reply = ByteBuffer.allocate(2);
                while (reply.hasRemaining() && client.read(reply) >= 0) { }
                out.println(client.getRemoteAddress() + " said " + new String(reply.array()));
            }
            // docs:end
        } finally {
            Netns.delete(name);                                          // ip netns del blue-PID
        }
    }
}
