// SPDX-License-Identifier: Apache-2.0
package io.netns.netty;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Channels from {@link NetnsChannels} carry their namespace: servers bound inside one namespace,
 * reached over a veth pair from another, unreachable from a third. The event loops here stay in
 * the test JVM's namespace: the sockets, not the threads, decide where packets go.
 */
@PrivilegedTest
class NetnsChannelsTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    private IoEventLoopGroup group;
    private final List<Channel> channels = new ArrayList<>();

    @BeforeEach
    void startLoops() {
        group = NetnsEventLoops.epollHere(2, "chan-test-");
    }

    @AfterEach
    void closeAll() {
        for (Channel c : channels) {
            c.close().syncUninterruptibly();
        }
        NettyFixtures.closeAccepted();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private <C extends Channel> C keep(C channel) {
        channels.add(channel);
        return channel;
    }

    private Channel echoServer(NetworkNamespace ns, String host, int port, AtomicReference<InetSocketAddress> peer)
            throws InterruptedException {
        ServerBootstrap server = new ServerBootstrap()
                .group(group)
                .channelFactory(NetnsChannels.serverSocket(ns))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (peer != null) {
                            peer.set(ch.remoteAddress());
                        }
                        ch.pipeline().addLast(new NettyFixtures.TcpEcho());
                    }
                });
        return keep(server.bind(host, port).sync().channel());
    }

    private String echoFrom(NetworkNamespace clientNs, String host, int port, String text) throws Exception {
        NettyFixtures.TcpClient client = new NettyFixtures.TcpClient(text);
        ChannelFuture connected = new Bootstrap()
                .group(group)
                .channelFactory(NetnsChannels.socket(clientNs))
                .handler(client)
                .connect(host, port)
                .sync();
        keep(connected.channel());
        return client.reply.get(10, TimeUnit.SECONDS);
    }

    @Test
    void tcpEchoAcrossVethAndUnreachableFromAThirdNamespace() throws Exception {
        NetworkNamespace ns1 = temp.create("netty-srv");
        NetworkNamespace ns2 = temp.create("netty-cli");
        NetworkNamespace ns3 = temp.create("netty-far");
        NettyFixtures.veth(ns1, "198.18.61.1/24", ns2, "198.18.61.2/24");
        NettyFixtures.loopbackUp(ns3);

        AtomicReference<InetSocketAddress> peer = new AtomicReference<>();
        Channel listener = echoServer(ns1, "198.18.61.1", 7000, peer);
        assertThat(listener.localAddress()).isEqualTo(new InetSocketAddress("198.18.61.1", 7000));

        assertThat(echoFrom(ns2, "198.18.61.1", 7000, "hello across namespaces"))
                .isEqualTo("hello across namespaces");
        assertThat(peer.get().getAddress().getHostAddress()).isEqualTo("198.18.61.2");

        // ns3 has no route to 198.18.61.0/24: the connect fails at once, nothing is sent
        ChannelFuture far = new Bootstrap()
                .group(group)
                .channelFactory(NetnsChannels.socket(ns3))
                .handler(new NettyFixtures.TcpClient("never"))
                .connect("198.18.61.1", 7000)
                .awaitUninterruptibly();
        keep(far.channel());
        assertThat(far.isSuccess()).isFalse();
        // Netty reports ENETUNREACH and EHOSTUNREACH alike, as a NoRouteToHostException without text
        assertThat(far.cause()).isInstanceOf(java.net.NoRouteToHostException.class);
        // the same connect from a JDK socket in ns3 names the errno: ENETUNREACH, no route at all
        try (java.nio.channels.SocketChannel jdk = ns3.openSocketChannel()) {
            assertThatThrownBy(() -> jdk.connect(new InetSocketAddress("198.18.61.1", 7000)))
                    .isInstanceOf(java.net.SocketException.class)
                    .hasMessageContaining("Network is unreachable");
        }
        // and the oracle agrees
        var route = Ip.exec("ip", "-n", TempNamespaces.name(ns3), "route", "get", "198.18.61.1");
        assertThat(route.exitCode()).isNotZero();
        assertThat(route.stderr()).contains("Network is unreachable");
    }

    @Test
    void theFactoryNotTheBindingThreadDecidesTheNamespace() throws Exception {
        NetworkNamespace ns1 = temp.create("netty-fac");
        NetworkNamespace ns2 = temp.create("netty-thr");
        NettyFixtures.veth(ns1, "198.18.62.1/24", ns2, "198.18.62.2/24");

        // bind() is called on a thread inside ns2; 198.18.62.1 exists only in ns1
        ServerBootstrap withFactory = new ServerBootstrap().group(group)
                .channelFactory(NetnsChannels.serverSocket(ns1))
                .childHandler(new NettyFixtures.TcpEcho());
        Channel inNs1 = keep(ns2.call(() -> withFactory.bind("198.18.62.1", 7000).sync().channel()));
        assertThat(inNs1.isActive()).isTrue();
        assertThat(echoFrom(ns2, "198.18.62.1", 7000, "ping")).isEqualTo("ping");

        // the hazard: without the factory Netty creates the socket on the binding thread, in ns2
        ServerBootstrap plain = new ServerBootstrap().group(group)
                .channel(EpollServerSocketChannel.class)
                .childHandler(new NettyFixtures.TcpEcho());
        ChannelFuture inNs2 = ns2.call(() -> plain.bind("198.18.62.1", 7001).awaitUninterruptibly());
        keep(inNs2.channel());
        assertThat(inNs2.isSuccess()).isFalse();
        assertThat(inNs2.cause()).hasMessageContaining("Cannot assign requested address");
    }

    @Test
    void virtualThreadsMayBindAndConnect() throws Exception {
        NetworkNamespace ns1 = temp.create("netty-vsrv");
        NetworkNamespace ns2 = temp.create("netty-vcli");
        NettyFixtures.veth(ns1, "198.18.65.1/24", ns2, "198.18.65.2/24");

        CompletableFuture<String> reply = new CompletableFuture<>();
        Thread vt = Thread.ofVirtual().start(() -> {
            try {
                echoServer(ns1, "198.18.65.1", 7000, null);
                reply.complete(echoFrom(ns2, "198.18.65.1", 7000, "from a virtual thread"));
            } catch (Throwable t) {
                reply.completeExceptionally(t);
            }
        });
        assertThat(reply.get(20, TimeUnit.SECONDS)).isEqualTo("from a virtual thread");
        vt.join();
    }

    @Test
    void ipv6EchoAcrossVeth() throws Exception {
        NetworkNamespace ns1 = temp.create("netty-6srv");
        NetworkNamespace ns2 = temp.create("netty-6cli");
        NettyFixtures.veth(ns1, "fd42:6e73:66::1/64", ns2, "fd42:6e73:66::2/64");

        Channel listener = keep(new ServerBootstrap().group(group)
                .channelFactory(NetnsChannels.serverSocket(ns1, SocketProtocolFamily.INET6))
                .childHandler(new NettyFixtures.TcpEcho())
                .bind("fd42:6e73:66::1", 7000).sync().channel());
        assertThat(listener.isActive()).isTrue();

        NettyFixtures.TcpClient client = new NettyFixtures.TcpClient("v6");
        keep(new Bootstrap().group(group)
                .channelFactory(NetnsChannels.socket(ns2, SocketProtocolFamily.INET6))
                .handler(client)
                .connect("fd42:6e73:66::1", 7000).sync().channel());
        assertThat(client.reply.get(10, TimeUnit.SECONDS)).isEqualTo("v6");
    }

    @Test
    void udpEchoAcrossVeth() throws Exception {
        NetworkNamespace ns1 = temp.create("netty-usrv");
        NetworkNamespace ns2 = temp.create("netty-ucli");
        NettyFixtures.veth(ns1, "198.18.63.1/24", ns2, "198.18.63.2/24");

        keep(new Bootstrap().group(group)
                .channelFactory(NetnsChannels.datagram(ns1, SocketProtocolFamily.INET))
                .handler(new NettyFixtures.UdpEcho())
                .bind("198.18.63.1", 7001).sync().channel());

        NettyFixtures.UdpReceiver receiver = new NettyFixtures.UdpReceiver();
        Channel client = keep(new Bootstrap().group(group)
                .channelFactory(NetnsChannels.datagram(ns2))
                .handler(receiver)
                .bind("198.18.63.2", 0).sync().channel());
        client.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer("hi", StandardCharsets.UTF_8),
                new InetSocketAddress("198.18.63.1", 7001))).sync();
        assertThat(receiver.reply.get(10, TimeUnit.SECONDS)).isEqualTo("echo hi from /198.18.63.1:7001");
    }

    @Test
    void anyTransportThroughTheGenericFactory() throws Exception {
        NetworkNamespace ns1 = temp.create("netty-nio");
        NetworkNamespace ns2 = temp.create("netty-niocli");
        NettyFixtures.veth(ns1, "198.18.64.1/24", ns2, "198.18.64.2/24");

        IoEventLoopGroup nio;
        try (NetworkNamespace here = Netns.current()) {
            nio = NetnsEventLoops.group(here, 1, "nio-test-", NioIoHandler.newFactory());
        }
        try {
            Channel listener = new ServerBootstrap().group(nio)
                    .channelFactory(NetnsChannels.factory(ns1, NioServerSocketChannel::new))
                    .childHandler(new NettyFixtures.TcpEcho())
                    .bind("198.18.64.1", 7000).sync().channel();
            try {
                assertThat(echoFrom(ns2, "198.18.64.1", 7000, "nio")).isEqualTo("nio");
            } finally {
                listener.close().sync();
                NettyFixtures.closeAccepted();
            }
        } finally {
            nio.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void anInterruptedCallerGetsTheChannelBeingMadeOrNoneAtAll() throws Exception {
        NetworkNamespace ns = temp.create("netty-intr");
        CountDownLatch constructing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<EpollSocketChannel> made = new AtomicReference<>();
        var factory = NetnsChannels.factory(ns, () -> {
            constructing.countDown();
            boolean interrupted = false;
            while (release.getCount() > 0) {          // the caller's interrupt reaches this pinned thread
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            EpollSocketChannel c = new EpollSocketChannel();
            made.set(c);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return c;
        });
        // interrupted while the constructor runs: the caller waits for it and gets the channel
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                outcome.complete(factory.newChannel());
            } catch (Throwable t) {
                outcome.complete(t);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        assertThat(constructing.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        release.countDown();
        Object got = outcome.get(10, TimeUnit.SECONDS);
        caller.join(10_000);
        assertThat(got).isSameAs(made.get());
        assertThat(made.get().isOpen()).isTrue();
        assertThat(stillInterrupted).isTrue();
        made.get().unsafe().closeForcibly();
        // interrupted before it asks: no channel is made at all
        made.set(null);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(factory::newChannel).isInstanceOf(java.util.concurrent.CancellationException.class);
        } finally {
            Thread.interrupted();
        }
        ns.call(() -> null);
        assertThat(made.get()).isNull();
    }

    @Test
    void aClosedHandleFailsTheBindInsteadOfBindingElsewhere() throws Exception {
        NetworkNamespace ns = temp.create("netty-closed");
        var factory = NetnsChannels.serverSocket(ns);
        assertThat(factory.toString()).contains("EpollServerSocketChannel").contains(ns.name().orElseThrow());
        ns.close();

        ChannelFuture bind = new ServerBootstrap().group(group)
                .channelFactory(factory)
                .childHandler(new NettyFixtures.TcpEcho())
                .bind(7000).awaitUninterruptibly();
        assertThat(bind.isSuccess()).isFalse();
        assertThat(bind.cause()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(factory::newChannel).isInstanceOf(IllegalStateException.class);
    }
}
