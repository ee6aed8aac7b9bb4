// SPDX-License-Identifier: Apache-2.0
package io.netns.netty;

import io.netns.NetworkNamespace;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link ChannelFactory Channel factories} whose channels' sockets belong to a chosen network
 * namespace, whatever thread calls {@code bind()} or {@code connect()}.
 *
 * <p>Netty creates a channel, and with it the socket, on the thread that calls
 * {@code Bootstrap.bind()}/{@code connect()} (or, inside a handler, on the event loop). A socket
 * belongs to the namespace of the thread that created it, for good. These factories run the
 * channel's constructor on a pinned thread of the namespace ({@link NetworkNamespace#call}), so
 * the socket is created inside; after that any thread may use it. Channels a server accepts are
 * created by the kernel next to their listening socket, so they are inside too.
 *
 * <pre>{@code
 * ServerBootstrap server = new ServerBootstrap()
 *         .group(group)
 *         .channelFactory(NetnsChannels.serverSocket(ns))     // the listening socket is in ns
 *         .childHandler(handler);
 * Channel listener = server.bind(8080).sync().channel();
 * }</pre>
 *
 * <p>Keep the handle open while the bootstrap may create channels; a factory on a closed handle
 * fails the {@code bind}/{@code connect} future with {@link IllegalStateException}.
 *
 * <p>Replaces starting a Netty program under {@code ip netns exec NAME}, per channel.
 */
public final class NetnsChannels {
    private NetnsChannels() {
    }

    /**
     * A factory that runs {@code constructor} inside {@code namespace}, for any channel whose
     * constructor creates its socket: epoll, NIO ({@code NioSocketChannel::new}), epoll domain
     * sockets (abstract Unix socket names are per network namespace).
     *
     * <pre>{@code bootstrap.channelFactory(NetnsChannels.factory(ns, EpollServerSocketChannel::new)) }</pre>
     *
     * @param namespace where the channels' sockets are created
     * @param constructor creates one channel, for instance {@code EpollSocketChannel::new}
     * @param <C> the channel type
     * @return the factory
     */
    public static <C extends Channel> ChannelFactory<C> factory(NetworkNamespace namespace,
                                                                Supplier<? extends C> constructor) {
        return new NamespacedChannelFactory<>(namespace, constructor, "channels");
    }

    /**
     * Epoll TCP server channels (dual stack, as {@code new EpollServerSocketChannel()}) inside
     * {@code namespace}, for {@code ServerBootstrap.channelFactory(...)}.
     *
     * @param namespace where the listening sockets are created
     * @return the factory
     */
    public static ChannelFactory<EpollServerSocketChannel> serverSocket(NetworkNamespace namespace) {
        return epoll(namespace, EpollServerSocketChannel::new, "EpollServerSocketChannel");
    }

    /**
     * Epoll TCP server channels of one protocol family inside {@code namespace}.
     *
     * @param namespace where the listening sockets are created
     * @param family {@link SocketProtocolFamily#INET} or {@link SocketProtocolFamily#INET6}
     * @return the factory
     */
    public static ChannelFactory<EpollServerSocketChannel> serverSocket(NetworkNamespace namespace,
                                                                       SocketProtocolFamily family) {
        Objects.requireNonNull(family, "family");
        return epoll(namespace, () -> new EpollServerSocketChannel(family), "EpollServerSocketChannel(" + family + ")");
    }

    /**
     * Epoll TCP client channels (dual stack) inside {@code namespace}, for
     * {@code Bootstrap.channelFactory(...)}.
     *
     * @param namespace where the sockets are created
     * @return the factory
     */
    public static ChannelFactory<EpollSocketChannel> socket(NetworkNamespace namespace) {
        return epoll(namespace, EpollSocketChannel::new, "EpollSocketChannel");
    }

    /**
     * Epoll TCP client channels of one protocol family inside {@code namespace}.
     *
     * @param namespace where the sockets are created
     * @param family {@link SocketProtocolFamily#INET} or {@link SocketProtocolFamily#INET6}
     * @return the factory
     */
    public static ChannelFactory<EpollSocketChannel> socket(NetworkNamespace namespace, SocketProtocolFamily family) {
        Objects.requireNonNull(family, "family");
        return epoll(namespace, () -> new EpollSocketChannel(family), "EpollSocketChannel(" + family + ")");
    }

    /**
     * Epoll UDP channels (dual stack) inside {@code namespace}.
     *
     * @param namespace where the sockets are created
     * @return the factory
     */
    public static ChannelFactory<EpollDatagramChannel> datagram(NetworkNamespace namespace) {
        return epoll(namespace, EpollDatagramChannel::new, "EpollDatagramChannel");
    }

    /**
     * Epoll UDP channels of one protocol family inside {@code namespace}.
     *
     * @param namespace where the sockets are created
     * @param family {@link SocketProtocolFamily#INET} or {@link SocketProtocolFamily#INET6}
     * @return the factory
     */
    public static ChannelFactory<EpollDatagramChannel> datagram(NetworkNamespace namespace, SocketProtocolFamily family) {
        Objects.requireNonNull(family, "family");
        return epoll(namespace, () -> new EpollDatagramChannel(family), "EpollDatagramChannel(" + family + ")");
    }

    private static <C extends Channel> ChannelFactory<C> epoll(NetworkNamespace namespace, Supplier<C> constructor,
                                                               String what) {
        // Load the native library here, on the caller's thread, rather than during the first
        // channel's construction on a pinned thread: class initialisation that starts a helper
        // thread would start it inside. Also reports a missing library when the factory is made.
        Epoll.ensureAvailability();
        return new NamespacedChannelFactory<>(namespace, constructor, what);
    }

    /** Runs the constructor on a pinned thread of the namespace. */
    private static final class NamespacedChannelFactory<C extends Channel> implements ChannelFactory<C> {
        private final NetworkNamespace namespace;
        private final Supplier<? extends C> constructor;
        private final String what;

        NamespacedChannelFactory(NetworkNamespace namespace, Supplier<? extends C> constructor, String what) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            this.constructor = Objects.requireNonNull(constructor, "constructor");
            this.what = what;
            JvmWideValues.initialise();
        }

        @Override
        public C newChannel() {
            // An interrupted caller either gets CancellationException and no channel is made (the
            // constructor had not started), or waits for the constructor and gets its channel:
            // ns.call never reports cancelled a task that ran, so no socket is left behind.
            C channel = namespace.call(constructor::get);
            if (channel == null) {
                throw new NullPointerException("the channel constructor returned null");
            }
            return channel;
        }

        @Override
        public String toString() {
            return "NetnsChannels[" + what + " in " + namespace + "]";
        }
    }
}
