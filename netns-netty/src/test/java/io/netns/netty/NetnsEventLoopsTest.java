// SPDX-License-Identifier: Apache-2.0
package io.netns.netty;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocalThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where event loop threads live, checked by the inode of {@code /proc/thread-self/ns/net} read on
 * the loop: the hazard of a plain group started from inside, and the factories that prevent it.
 */
@PrivilegedTest
class NetnsEventLoopsTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    private final List<EventLoopGroup> groups = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();

    private <G extends EventLoopGroup> G keep(G group) {
        groups.add(group);
        return group;
    }

    @AfterEach
    void shutDown() {
        for (Channel c : channels) {
            c.close().syncUninterruptibly();
        }
        NettyFixtures.closeAccepted();
        for (EventLoopGroup g : groups) {
            g.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static long here() {
        return NettyFixtures.threadInode();
    }

    @Test
    void hazardAPlainGroupGivenItsFirstTaskFromInsideEndsUpInside() throws Exception {
        NetworkNamespace ns = temp.create("loop-hazard");
        EventLoopGroup plain = keep(new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory()));
        EventExecutor loop = plain.next();

        ns.run(() -> loop.execute(() -> { }));            // its first work comes from a pinned thread of ns

        assertThat(NettyFixtures.loopInode(loop)).isEqualTo(ns.inode()).isNotEqualTo(here());
        assertThat(NettyFixtures.threadsIn(ns.inode())).anyMatch(t -> t.startsWith("multiThreadIoEv"));
    }

    @Test
    void withTheFactoryTheSameStartStaysWhereChosen() throws Exception {
        NetworkNamespace ns = temp.create("loop-safe");
        EventLoopGroup outside = keep(NetnsEventLoops.epollHere(1, "safe-io-"));
        EventExecutor loop = outside.next();

        ns.run(() -> loop.execute(() -> { }));            // the same first task from inside

        assertThat(NettyFixtures.loopInode(loop)).isEqualTo(here()).isNotEqualTo(ns.inode());
        assertThat(NettyFixtures.threadsIn(ns.inode())).noneMatch(t -> t.startsWith("safe-io-"));
    }

    @Test
    void aLazyGroupOnTheThreadFactoryEntersItsNamespaceWhoeverStartsIt() throws Exception {
        NetworkNamespace a = temp.create("loop-starter");
        NetworkNamespace b = temp.create("loop-chosen");
        // a plain lazily started Netty group, only the thread factory differs
        EventLoopGroup group = keep(new MultiThreadIoEventLoopGroup(2,
                NetnsThreadFactories.inside(b, "in-b-"), EpollIoHandler.newFactory()));

        for (EventExecutor loop : group) {
            a.run(() -> loop.execute(() -> { }));        // started from a thread inside a
        }
        for (EventExecutor loop : group) {
            assertThat(NettyFixtures.loopInode(loop)).isEqualTo(b.inode());
        }
        assertThat(NettyFixtures.threadsIn(a.inode())).noneMatch(t -> t.startsWith("in-b-"));
        assertThat(NettyFixtures.threadsIn(b.inode())).filteredOn(t -> t.startsWith("in-b-")).hasSize(2);
    }

    @Test
    void loopsInsideServeWhileLoopsOfTheClientAreInItsNamespace() throws Exception {
        NetworkNamespace ns1 = temp.create("loop-srv");
        NetworkNamespace ns2 = temp.create("loop-cli");
        NettyFixtures.veth(ns1, "198.18.67.1/24", ns2, "198.18.67.2/24");
        EventLoopGroup serverLoops = keep(NetnsEventLoops.epoll(ns1, 2, "srv-io-"));
        EventLoopGroup clientLoops = keep(NetnsEventLoops.epoll(ns2, 1, "cli-io-"));

        for (EventExecutor loop : serverLoops) {
            assertThat(NettyFixtures.loopInode(loop)).isEqualTo(ns1.inode());
        }
        assertThat(NettyFixtures.loopInode(clientLoops.next())).isEqualTo(ns2.inode());
        assertThat(NetnsEventLoops.namespaceInodes(serverLoops)).containsExactly(ns1.inode(), ns1.inode());

        Set<Long> handlerInodes = ConcurrentHashMap.newKeySet();
        channels.add(new ServerBootstrap().group(serverLoops)
                .channelFactory(NetnsChannels.serverSocket(ns1))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                handlerInodes.add(NettyFixtures.threadInode());
                                ctx.fireChannelRead(msg);
                            }
                        }, new NettyFixtures.TcpEcho());
                    }
                })
                .bind("198.18.67.1", 7000).sync().channel());

        NettyFixtures.TcpClient client = new NettyFixtures.TcpClient("served inside");
        channels.add(new Bootstrap().group(clientLoops)
                .channelFactory(NetnsChannels.socket(ns2))
                .handler(client)
                .connect("198.18.67.1", 7000).sync().channel());
        assertThat(client.reply.get(10, TimeUnit.SECONDS)).isEqualTo("served inside");
        assertThat(handlerInodes).containsExactly(ns1.inode());
    }

    @Test
    void theThreadFactoryMakesNettyThreadsThatAreInsideBeforeTheirTaskRuns() throws Exception {
        NetworkNamespace ns = temp.create("loop-tf");
        ThreadFactory factory = NetnsThreadFactories.inside(ns, "tf-");
        AtomicLong seen = new AtomicLong();
        Thread t = factory.newThread(() -> seen.set(NettyFixtures.threadInode()));
        assertThat(t).isInstanceOf(FastThreadLocalThread.class);
        assertThat(t.getName()).isEqualTo("tf-1");
        assertThat(t.isDaemon()).isFalse();
        t.start();
        t.join(10_000);
        assertThat(seen.get()).isEqualTo(ns.inode());

        Thread daemon = NetnsThreadFactories.inside(ns, "tfd-", true).newThread(() -> { });
        assertThat(daemon.isDaemon()).isTrue();
        assertThat(factory.newThread(() -> { }).getName()).isEqualTo("tf-2");
        assertThat(factory.toString()).contains("tf-").contains(ns.name().orElseThrow());
    }

    @Test
    void aThreadThatCannotEnterFailsItsStarterAndRunsNothing() throws Exception {
        NetworkNamespace ns = temp.create("loop-closed");
        ThreadFactory factory = NetnsThreadFactories.inside(ns, "closed-");
        ns.close();

        AtomicBoolean ran = new AtomicBoolean();
        Thread t = factory.newThread(() -> ran.set(true));
        assertThatThrownBy(t::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(ran).isFalse();

        // a lazy Netty group on that factory fails the submitter instead of running the task elsewhere
        EventLoopGroup lazy = keep(new MultiThreadIoEventLoopGroup(1, factory, EpollIoHandler.newFactory()));
        CountDownLatch never = new CountDownLatch(1);
        assertThatThrownBy(() -> lazy.next().execute(never::countDown)).isInstanceOf(IllegalStateException.class);
        assertThat(never.await(200, TimeUnit.MILLISECONDS)).isFalse();

        // and the eager group reports it at once
        assertThatThrownBy(() -> NetnsEventLoops.epoll(ns, 2, "closed-eager-"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(x -> x.getName().startsWith("closed-eager-"));
    }

    @Test
    void nothingOfNettyStaysInsideOnceLoopsAreShutDownAndTheHandleClosed() throws Exception {
        NetworkNamespace ns1 = temp.create("loop-gone");
        NetworkNamespace ns2 = temp.create("loop-gone-cli");
        NettyFixtures.veth(ns1, "198.18.68.1/24", ns2, "198.18.68.2/24");
        long inode = ns1.inode();
        EventLoopGroup inside = NetnsEventLoops.epoll(ns1, 2, "gone-io-");
        EventLoopGroup outside = NetnsEventLoops.epollHere(1, "gone-out-");
        try {
            Channel server = new ServerBootstrap().group(inside)
                    .channelFactory(NetnsChannels.serverSocket(ns1))
                    .childHandler(new NettyFixtures.TcpEcho())
                    .bind("198.18.68.1", 7000).sync().channel();
            NettyFixtures.TcpClient client = new NettyFixtures.TcpClient("bye");
            Channel c = new Bootstrap().group(outside)
                    .channelFactory(NetnsChannels.socket(ns2))
                    .handler(client)
                    .connect("198.18.68.1", 7000).sync().channel();
            assertThat(client.reply.get(10, TimeUnit.SECONDS)).isEqualTo("bye");
            c.close().sync();
            server.close().sync();
            assertThat(NettyFixtures.threadsIn(inode)).anyMatch(t -> t.startsWith("gone-io-"));
        } finally {
            NettyFixtures.closeAccepted();
            inside.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
            outside.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
        }
        ns1.close();                                      // ends its pinned threads
        assertThat(NettyFixtures.awaitNoThreadsIn(inode, 10)).isEmpty();
    }

    @Test
    void epollHereFollowsTheCallingThread() throws Exception {
        NetworkNamespace ns = temp.create("loop-here");
        EventLoopGroup group = keep(ns.call(() -> NetnsEventLoops.epollHere(1, "here-")));
        assertThat(NettyFixtures.loopInode(group.next())).isEqualTo(ns.inode());
        try (NetworkNamespace current = Netns.current()) {
            assertThat(current.inode()).isEqualTo(here());
        }
    }
}
