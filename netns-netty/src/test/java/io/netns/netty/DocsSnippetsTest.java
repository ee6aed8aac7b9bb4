// SPDX-License-Identifier: Apache-2.0
package io.netns.netty;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snippets of docs/netty.md, verbatim between the {@code // docs} markers, compiled and run,
 * so the page cannot rot. {@code blue} serves on 198.18.0.1, {@code red} is 198.18.0.2.
 */
@PrivilegedTest
class DocsSnippetsTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    /** A sharable echo handler, the docs' {@code handler}. */
    private final ChannelHandler handler = new NettyFixtures.TcpEcho();

    private NetworkNamespace blue;
    private NetworkNamespace red;

    private void wire() {
        blue = temp.create("doc-blue");
        red = temp.create("doc-red");
        NettyFixtures.veth(blue, "198.18.0.1/24", red, "198.18.0.2/24");
    }

    /** Every java block of docs/netty.md appears, line by line, between markers of this file. */
    @Test
    void everySnippetOfThePageIsRunHere() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "netty.md"));
        List<String> source = Files.readAllLines(Path.of("src/test/java/io/netns/netty/DocsSnippetsTest.java"))
                .stream().map(String::strip).toList();
        List<List<String>> marked = new ArrayList<>();
        List<String> current = null;
        for (String line : source) {
            if (line.startsWith("// docs: end")) {
                marked.add(current);
                current = null;
            } else if (line.startsWith("// docs: ")) {
                current = new ArrayList<>();
            } else if (current != null) {
                current.add(line);
            }
        }
        Matcher blocks = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(page);
        int count = 0;
        while (blocks.find()) {
            List<String> snippet = blocks.group(1).lines().map(String::strip).toList();
            assertThat(marked).as("docs/netty.md snippet %d:%n%s", count + 1, blocks.group(1)).contains(snippet);
            count++;
        }
        assertThat(count).isEqualTo(marked.size());
    }

    @Test
    void serverAndClient() throws Exception {
        wire();
        NetworkNamespace ns = blue;
        // docs: server
        IoEventLoopGroup group = NetnsEventLoops.epollHere(2, "io-");         // loops stay where this thread is
        Channel listener = new ServerBootstrap()
                .group(group)
                .channelFactory(NetnsChannels.serverSocket(ns))               // the listening socket is in ns
                .childHandler(handler)
                .bind(8080).sync().channel();
        // docs: end
        try {
            NettyFixtures.TcpClient replies = new NettyFixtures.TcpClient("docs");
            ChannelHandler handler = replies;
            // docs: client
            Channel client = new Bootstrap()
                    .group(group)
                    .channelFactory(NetnsChannels.socket(red))                // this socket is in red
                    .handler(handler)
                    .connect("198.18.0.1", 8080).sync().channel();
            // docs: end
            assertThat(replies.reply.get(10, TimeUnit.SECONDS)).isEqualTo("docs");
            client.close().sync();
        } finally {
            NettyFixtures.closeAccepted();                                    // what a ChannelGroup would do
            // docs: shutdown
            listener.close().sync();                                          // channels first,
            group.shutdownGracefully().sync();                                // then the loops,
            // then the handles and namespaces (ns.close(), Netns.delete(name))
            // docs: end
        }
    }

    @Test
    void genericFactory() throws Exception {
        wire();
        NetworkNamespace ns = blue;
        EventLoopGroup epollGroup = NetnsEventLoops.epollHere(1, "epoll-");
        IoEventLoopGroup nioGroup;
        try (NetworkNamespace here = Netns.current()) {
            nioGroup = NetnsEventLoops.group(here, 1, "nio-", NioIoHandler.newFactory());
        }
        try {
            ServerBootstrap epollBootstrap = new ServerBootstrap().group(epollGroup).childHandler(handler);
            ServerBootstrap nioBootstrap = new ServerBootstrap().group(nioGroup).childHandler(handler);
            // docs: generic
            epollBootstrap.channelFactory(NetnsChannels.factory(ns, EpollServerSocketChannel::new));
            nioBootstrap.channelFactory(NetnsChannels.factory(ns, NioServerSocketChannel::new));
            // docs: end
            epollBootstrap.bind("198.18.0.1", 8080).sync().channel().close().sync();
            nioBootstrap.bind("198.18.0.1", 8081).sync().channel().close().sync();
        } finally {
            epollGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
            nioGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void hazard() throws Exception {
        NetworkNamespace ns = temp.create("doc-hazard");
        // docs: hazard
        EventLoopGroup plain = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        ns.run(() -> plain.next().execute(() -> { }));     // its first work comes from a thread inside ns
        // the loop's thread was started by that thread: it is in ns for the rest of its life
        // docs: end
        try {
            assertThat(NettyFixtures.loopInode(plain.next())).isEqualTo(ns.inode());
        } finally {
            plain.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void loopGroups() throws Exception {
        NetworkNamespace ns = temp.create("doc-loops");
        // docs: inside
        IoEventLoopGroup inside = NetnsEventLoops.epoll(ns, 2, "ns-io-");     // 2 loops, started, in ns
        // docs: end
        // docs: custom
        EventLoopGroup custom = new MultiThreadIoEventLoopGroup(4,
                NetnsThreadFactories.inside(ns, "ns-io-"), EpollIoHandler.newFactory());
        // docs: end
        EventLoopGroup group;
        // docs: here
        try (NetworkNamespace here = Netns.current()) {       // taken on a thread that is outside
            group = NetnsEventLoops.epoll(here, 2, "io-");     // started now: the handle may be closed
        }
        // docs: end
        try {
            // docs: check
            List<Long> inodes = NetnsEventLoops.namespaceInodes(inside);   // one per loop: [ns.inode(), ns.inode()]
            // docs: end
            assertThat(inodes).containsExactly(ns.inode(), ns.inode());
            assertThat(NetnsEventLoops.namespaceInodes(custom)).containsOnly(ns.inode()).hasSize(4);
            assertThat(NetnsEventLoops.namespaceInodes(group)).containsOnly(NettyFixtures.threadInode());
        } finally {
            inside.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
            custom.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void outboundConnectFromAHandler() throws Exception {
        // a proxy in green (loops inside green) relays to a backend that only red can reach
        NetworkNamespace green = temp.create("doc-green");
        NetworkNamespace front = temp.create("doc-front");
        red = temp.create("doc-red");
        NettyFixtures.veth(front, "198.18.0.1/24", green, "198.18.0.2/24");
        NettyFixtures.loopbackUp(red);
        NettyFixtures.address(red, "198.18.1.2/32", "lo");
        IoEventLoopGroup group = NetnsEventLoops.epoll(green, 1, "proxy-io-");
        try {
            Channel backend = new ServerBootstrap().group(group)
                    .channelFactory(NetnsChannels.serverSocket(red))
                    .childHandler(new NettyFixtures.TcpEcho())
                    .bind("198.18.1.2", 80).sync().channel();
            CompletableFuture<String> outcome = new CompletableFuture<>();
            NettyFixtures.TcpClient handler = new NettyFixtures.TcpClient("relayed");
            Channel proxy = new ServerBootstrap().group(group)
                    .channelFactory(NetnsChannels.serverSocket(green))
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelActive(ChannelHandlerContext ctx) {
                            // docs: outbound
                            // in a handler: Netty creates the outbound channel on this event loop's thread,
                            // so without a factory its socket would be in the loop's namespace
                            new Bootstrap().group(ctx.channel().eventLoop())
                                    .channelFactory(NetnsChannels.socket(red))
                                    .handler(handler)
                                    .connect("198.18.1.2", 80);
                            // docs: end
                            handler.reply.whenComplete((r, t) -> {
                                if (t != null) {
                                    outcome.completeExceptionally(t);
                                } else {
                                    outcome.complete(r);
                                }
                                ctx.close();
                            });
                        }
                    })
                    .bind("198.18.0.2", 8080).sync().channel();
            NettyFixtures.TcpClient trigger = new NettyFixtures.TcpClient("x");
            Channel user = new Bootstrap().group(group).channelFactory(NetnsChannels.socket(front)).handler(trigger)
                    .connect("198.18.0.2", 8080).sync().channel();
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo("relayed");
            user.close().sync();
            proxy.close().sync();
            backend.close().sync();
        } finally {
            NettyFixtures.closeAccepted();
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
        }
    }
}
