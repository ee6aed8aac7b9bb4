// SPDX-License-Identifier: Apache-2.0
package io.netns.netty;

import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.address.AddressSpec;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.OperState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.EventExecutor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Wiring, handlers and oracles shared by the Netty tests. */
final class NettyFixtures {
    private NettyFixtures() {
    }

    /**
     * A veth pair {@code eth0}/{@code eth0} between {@code a} and {@code b}, addressed and up,
     * waited for until both ends are operationally UP (a SYN sent earlier is often lost).
     */
    static void veth(NetworkNamespace a, String prefixA, NetworkNamespace b, String prefixB) {
        try (Rtnetlink ra = Rtnetlink.open(a); Rtnetlink rb = Rtnetlink.open(b)) {
            ra.links().add(LinkSpec.veth("eth0", "eth0").peerNamespace(b));
            ra.addresses().add(AddressSpec.of(prefixA, "eth0").noDad());
            rb.addresses().add(AddressSpec.of(prefixB, "eth0").noDad());
            ra.links().setUp("eth0");
            rb.links().setUp("eth0");
            ra.links().awaitOperState("eth0", OperState.UP, Duration.ofSeconds(10));
            rb.links().awaitOperState("eth0", OperState.UP, Duration.ofSeconds(10));
        }
    }

    /** Adds an address to a device of {@code ns} (without duplicate address detection). */
    static void address(NetworkNamespace ns, String prefix, String device) {
        try (Rtnetlink r = Rtnetlink.open(ns)) {
            r.addresses().add(AddressSpec.of(prefix, device).noDad());
        }
    }

    /** Brings {@code lo} up in {@code ns}. */
    static void loopbackUp(NetworkNamespace ns) {
        try (Rtnetlink r = Rtnetlink.open(ns)) {
            r.links().setUp("lo");
        }
    }

    /** The oracle: the network namespace inode of the calling thread, from its /proc link. */
    static long threadInode() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
            if (!link.matches("net:\\[\\d+]")) {
                throw new AssertionError("unexpected link " + link);
            }
            return Long.parseLong(link.substring(5, link.length() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The namespace inode of the thread of {@code loop}, read by a task submitted to it. */
    static long loopInode(EventExecutor loop) throws Exception {
        return loop.submit(NettyFixtures::threadInode).get(10, TimeUnit.SECONDS);
    }

    /** Threads of this JVM whose network namespace has {@code inode}, as "name (tid)", read from /proc/self/task. */
    static List<String> threadsIn(long inode) {
        List<String> found = new ArrayList<>();
        String wanted = "net:[" + inode + "]";
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readSymbolicLink(task.resolve("ns/net")).toString().equals(wanted)) {
                        found.add(Files.readString(task.resolve("comm")).strip() + " (" + task.getFileName() + ")");
                    }
                } catch (IOException endedMeanwhile) {
                    // the thread ended while listing
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** Waits up to {@code seconds} until no thread of this JVM is in the namespace; returns those left. */
    static List<String> awaitNoThreadsIn(long inode, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> left = threadsIn(inode);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = threadsIn(inode);
        }
        return left;
    }

    /** The connections every {@link TcpEcho} accepted and that are still open. */
    private static final Set<Channel> ACCEPTED = ConcurrentHashMap.newKeySet();

    /**
     * Closes the connections echo servers accepted. Call it before shutting their group down:
     * an epoll group shut down with no quiet period was seen to leave an accepted channel open
     * and registered (its socket leaked) when the peer closed it during the shutdown.
     */
    static void closeAccepted() {
        for (Channel c : ACCEPTED) {
            c.close().syncUninterruptibly();
        }
        ACCEPTED.clear();
    }

    /** Writes back what it reads. */
    @ChannelHandler.Sharable
    static final class TcpEcho extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ACCEPTED.add(ctx.channel());
            ctx.channel().closeFuture().addListener(f -> ACCEPTED.remove(ctx.channel()));
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Sends {@code text} once active and completes {@link #reply} once as many bytes came back. */
    static final class TcpClient extends ChannelInboundHandlerAdapter {
        final CompletableFuture<String> reply = new CompletableFuture<>();
        private final String text;
        private final StringBuilder received = new StringBuilder();

        TcpClient(String text) {
            this.text = text;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                received.append(buf.toString(StandardCharsets.UTF_8));
            } finally {
                buf.release();
            }
            if (received.length() >= text.length()) {
                reply.complete(received.toString());
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            reply.completeExceptionally(new IOException("closed after " + received.length() + " bytes"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            reply.completeExceptionally(cause);
            ctx.close();
        }
    }

    /** Answers every datagram with "echo " + its text, to its sender. */
    @ChannelHandler.Sharable
    static final class UdpEcho extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            String text = packet.content().toString(StandardCharsets.UTF_8);
            ctx.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer("echo " + text, StandardCharsets.UTF_8),
                    packet.sender()));
        }
    }

    /** Completes {@link #reply} with the first datagram's text and sender. */
    static final class UdpReceiver extends SimpleChannelInboundHandler<DatagramPacket> {
        final CompletableFuture<String> reply = new CompletableFuture<>();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            reply.complete(packet.content().toString(StandardCharsets.UTF_8) + " from " + packet.sender());
        }
    }
}
