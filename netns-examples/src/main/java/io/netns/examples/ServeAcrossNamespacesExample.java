package io.netns.examples;

import io.netns.netlink.*;
import io.netns.netlink.link.*;
import io.netns.netlink.link.kind.*;
import io.netns.netlink.address.*;
import io.netns.netlink.route.*;
import io.netns.netlink.neighbour.*;
import io.netns.netlink.rule.*;
import io.netns.netlink.nsid.*;
import io.netns.netlink.event.*;
import io.netns.Netns;
import io.netns.NetworkNamespace;

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
 */
public final class ServeAcrossNamespacesExample {
    private ServeAcrossNamespacesExample() {
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
