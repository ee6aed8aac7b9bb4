// SPDX-License-Identifier: Apache-2.0
package io.netns.examples.netty;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.OperState;
import io.netns.netty.NetnsChannels;
import io.netns.netty.NetnsEventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.IoEventLoopGroup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One JVM serving the same port, 8080 on every address, in three network namespaces at once: one
 * Netty server per namespace, all on one event loop group. A fourth namespace plays the clients;
 * it reaches each server over its own veth pair.
 *
 * <pre>
 *              ex-netty-cli                      ex-netty-a   *:8080
 *   198.18.100.2 a0  &lt;---- veth ----&gt;  eth0 198.18.100.1
 *   198.18.101.2 b0  &lt;---- veth ----&gt;  eth0 198.18.101.1   ex-netty-b   *:8080
 *   198.18.102.2 c0  &lt;---- veth ----&gt;  eth0 198.18.102.1   ex-netty-c   *:8080
 * </pre>
 *
 * <p>The listening sockets are created inside by {@link NetnsChannels#serverSocket}; the event
 * loops stay in the JVM's own namespace ({@link NetnsEventLoops#epollHere}): a socket, once
 * created, carries its namespace, whatever thread serves it.
 *
 * <p>Replaces: {@code ip netns add} (four times); for each server S:
 * {@code ip -n S link add eth0 type veth peer name a0 netns ex-netty-cli-PID};
 * {@code ip -n S addr add 198.18.100.1/24 dev eth0}; {@code ip -n ex-netty-cli-PID addr add 198.18.100.2/24 dev a0};
 * {@code ip -n ... link set ... up}; then {@code ip netns exec S nc -l -p 8080} in each and
 * {@code ip netns exec ex-netty-cli-PID nc 198.18.10x.1 8080}; {@code ip netns del ...}.
 */
public final class NettyServer {
    /** The port every server listens on. */
    public static final int PORT = 8080;

    private NettyServer() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /**
     * Sets up the four namespaces, serves, connects once to each server, tears everything down.
     *
     * @param out where to print what happens
     * @return for each server namespace (in the order a, b, c), the greeting its client read
     */
    public static Map<String, String> run(PrintStream out) throws Exception {
        long pid = ProcessHandle.current().pid();
        String clientName = "ex-netty-cli-" + pid;
        List<String> serverNames = List.of("ex-netty-a-" + pid, "ex-netty-b-" + pid, "ex-netty-c-" + pid);
        List<String> created = new ArrayList<>();
        List<NetworkNamespace> servers = new ArrayList<>();
        IoEventLoopGroup loops = null;
        List<Channel> listeners = new ArrayList<>();
        try (NetworkNamespace client = create(clientName, created); Rtnetlink rc = Rtnetlink.open(client)) {
            for (int i = 0; i < serverNames.size(); i++) {
                NetworkNamespace server = create(serverNames.get(i), created);
                servers.add(server);
                String clientEnd = (char) ('a' + i) + "0";
                try (Rtnetlink rs = Rtnetlink.open(server)) {          // ip -n NS link add eth0 type veth peer ...
                    rs.links().add(LinkSpec.veth("eth0", clientEnd).peerNamespace(client));
                    rs.addresses().add("eth0", "198.18." + (100 + i) + ".1/24");
                    rc.addresses().add(clientEnd, "198.18." + (100 + i) + ".2/24");
                    rs.links().setUp("eth0");
                    rc.links().setUp(clientEnd);
                    rs.links().awaitOperState("eth0", OperState.UP, Duration.ofSeconds(5));
                    rc.links().awaitOperState(clientEnd, OperState.UP, Duration.ofSeconds(5));
                }
            }

            // one group for every server and client; its threads stay where this thread is
            loops = NetnsEventLoops.epollHere(2, "multi-ns-io-");
            for (NetworkNamespace server : servers) {
                Channel listener = new ServerBootstrap()
                        .group(loops)
                        .channelFactory(NetnsChannels.serverSocket(server))   // the socket is created inside
                        .childHandler(new Greeter(server))
                        .bind(PORT)                                          // *:8080, once per namespace
                        .sync().channel();
                listeners.add(listener);
                out.println("listening on " + listener.localAddress() + " in " + server.name().orElseThrow());
            }
            out.println("event loops in net:[" + NetnsEventLoops.namespaceInodes(loops).getFirst()
                    + "], the JVM's namespace is net:[" + inode(Path.of("/proc/self/ns/net")) + "]");

            Map<String, String> replies = new LinkedHashMap<>();
            for (int i = 0; i < servers.size(); i++) {
                String target = "198.18." + (100 + i) + ".1";
                Reader reader = new Reader();
                new Bootstrap()
                        .group(loops)
                        .channelFactory(NetnsChannels.socket(client))       // the client sockets are in ex-netty-cli
                        .handler(reader)
                        .connect(target, PORT)
                        .sync();
                String reply = reader.text.get(10, TimeUnit.SECONDS);
                out.println(clientName + " -> " + target + ":" + PORT + ": " + reply);
                replies.put(serverNames.get(i), reply);
            }
            return replies;
        } finally {
            for (Channel listener : listeners) {
                listener.close().syncUninterruptibly();
            }
            if (loops != null) {
                loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            }
            for (NetworkNamespace server : servers) {
                server.close();
            }
            for (String name : created) {
                Netns.delete(name);                                     // ip netns del NAME
            }
        }
    }

    private static NetworkNamespace create(String name, List<String> created) {
        NetworkNamespace ns = Netns.create(name);                       // ip netns add NAME
        created.add(name);
        return ns;
    }

    private static long inode(Path nsLink) throws IOException {
        String link = Files.readSymbolicLink(nsLink).toString();        // net:[4026531840]
        return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
    }

    /** Greets each connection with the name of its server's namespace, then closes it. */
    @ChannelHandler.Sharable
    private static final class Greeter extends ChannelInboundHandlerAdapter {
        private final String greeting;

        Greeter(NetworkNamespace server) {
            this.greeting = "hello from " + server.name().orElseThrow() + " (net:[" + server.inode() + "])";
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            String text = greeting + " to " + ctx.channel().remoteAddress();
            ctx.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Collects what the server sends until it closes the connection. */
    private static final class Reader extends ChannelInboundHandlerAdapter {
        final CompletableFuture<String> text = new CompletableFuture<>();
        private final StringBuilder received = new StringBuilder();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                received.append(buf.toString(StandardCharsets.UTF_8));
            } finally {
                buf.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            text.complete(received.toString());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            text.completeExceptionally(cause);
            ctx.close();
        }
    }
}
