// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sockets created in one namespace talk over a veth pair set up with ip (the oracle), from any thread. */
@PrivilegedTest
class ChannelTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    /** Two namespaces joined by veth 198.18.1.1/24 - 198.18.1.2/24, links up and operationally UP. */
    static void vethPair(String a, String b) {
        Ip.in(a, "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", b);
        Ip.in(a, "addr", "add", "198.18.1.1/24", "dev", "va");
        Ip.in(b, "addr", "add", "198.18.1.2/24", "dev", "vb");
        Ip.in(a, "link", "set", "va", "up");
        Ip.in(b, "link", "set", "vb", "up");
        awaitUp(a, "va");
        awaitUp(b, "vb");
    }

    static void awaitUp(String ns, String dev) {
        for (int i = 0; i < 500; i++) {
            if (Ip.jsonIn(ns, "link", "show", "dev", dev).get(0).get("operstate").asText().equals("UP")) {
                return;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(dev + " in " + ns + " never came up");
    }

    @Test
    void aServerInOneNamespaceAcceptsAClientFromAnotherAndNotFromAThird() throws Exception {
        NetworkNamespace server = temp.create("srv");
        NetworkNamespace client = temp.create("cli");
        NetworkNamespace stranger = temp.create("strange");
        vethPair(server.name().orElseThrow(), client.name().orElseThrow());

        try (ServerSocketChannel listener = server.openServerSocketChannel()) {
            listener.bind(new InetSocketAddress("198.18.1.1", 0));
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();

            // the client is driven from a virtual thread: the socket, not the thread, is in the namespace
            AtomicReference<String> reply = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread vt = Thread.ofVirtual().start(() -> {
                try (SocketChannel c = client.openSocketChannel()) {
                    c.connect(new InetSocketAddress("198.18.1.1", port));
                    c.write(ByteBuffer.wrap("ping".getBytes()));
                    ByteBuffer in = ByteBuffer.allocate(4);
                    while (in.hasRemaining() && c.read(in) >= 0) {
                        // read the echo
                    }
                    reply.set(new String(in.array(), 0, in.position()));
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            try (SocketChannel accepted = listener.accept()) {
                assertThat(((InetSocketAddress) accepted.getRemoteAddress()).getHostString()).isEqualTo("198.18.1.2");
                ByteBuffer buf = ByteBuffer.allocate(4);
                while (buf.hasRemaining() && accepted.read(buf) >= 0) {
                    // read the ping
                }
                buf.flip();
                accepted.write(buf);
            }
            vt.join();
            assertThat(failure.get()).isNull();
            assertThat(reply.get()).isEqualTo("ping");

            // the third namespace has no route to 198.18.1.0/24
            try (SocketChannel c = stranger.openSocketChannel()) {
                assertThatThrownBy(() -> c.connect(new InetSocketAddress("198.18.1.1", port)))
                        .isInstanceOf(SocketException.class).hasMessageContaining("unreachable");
            }
            // and in the client namespace nobody listens on another port: refused
            try (SocketChannel c = client.openSocketChannel()) {
                assertThatThrownBy(() -> c.connect(new InetSocketAddress("198.18.1.1", port + 1 == 65536 ? 1 : port + 1)))
                        .isInstanceOf(IOException.class).hasMessageContaining("refused");
            }
        }
    }

    @Test
    void datagramChannelsBelongToTheirNamespace() throws Exception {
        NetworkNamespace a = temp.create("udp-a");
        NetworkNamespace b = temp.create("udp-b");
        vethPair(a.name().orElseThrow(), b.name().orElseThrow());
        try (DatagramChannel rx = a.openDatagramChannel(java.net.StandardProtocolFamily.INET);
             DatagramChannel tx = b.openDatagramChannel(java.net.StandardProtocolFamily.INET)) {
            rx.bind(new InetSocketAddress("198.18.1.1", 0));
            tx.send(ByteBuffer.wrap("hello".getBytes()), rx.getLocalAddress());
            ByteBuffer in = ByteBuffer.allocate(16);
            InetSocketAddress from = (InetSocketAddress) rx.receive(in);
            assertThat(from.getHostString()).isEqualTo("198.18.1.2");
            assertThat(new String(in.array(), 0, in.position())).isEqualTo("hello");
        }
    }
}
