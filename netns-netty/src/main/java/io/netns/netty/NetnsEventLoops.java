// SPDX-License-Identifier: Apache-2.0
package io.netns.netty;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Event loop groups whose threads are in a namespace you choose, started at once.
 *
 * <pre>{@code
 * IoEventLoopGroup group = NetnsEventLoops.epollHere(2, "io-");   // stays where this thread is
 * IoEventLoopGroup inside = NetnsEventLoops.epoll(ns, 1, "ns-");  // lives in ns
 * }</pre>
 *
 * <p>The groups built here start every thread before they are returned (each thread enters the
 * namespace and is checked by inode), so they never depend on which thread gives them work
 * first, and the handle may be closed afterwards. Netty starts no further threads for a group
 * of this kind. Shut the group down as usual ({@code shutdownGracefully()}).
 */
public final class NetnsEventLoops {
    private NetnsEventLoops() {
    }

    /**
     * An epoll event loop group whose threads live in {@code namespace}:
     * {@code new MultiThreadIoEventLoopGroup(nThreads, NetnsThreadFactories.inside(namespace, prefix),
     * EpollIoHandler.newFactory())}, with all threads started and checked.
     *
     * @param namespace where the threads live
     * @param nThreads the number of event loops; 0 for Netty's default (twice the processors)
     * @param namePrefix prefix of the thread names
     * @return the started group
     * @throws UnsupportedOperationException if the epoll native library is not available
     * @throws RuntimeException what a thread threw when entering (the group is then shut down)
     */
    public static IoEventLoopGroup epoll(NetworkNamespace namespace, int nThreads, String namePrefix) {
        Epoll.ensureAvailability();
        return group(namespace, nThreads, namePrefix, EpollIoHandler.newFactory());
    }

    /**
     * An epoll event loop group whose threads live in the namespace of the calling thread (for a
     * virtual thread: of its carrier), started now. Use it for the loops of code outside, so that
     * a first task submitted from a thread inside a namespace cannot pull a loop in.
     *
     * @param nThreads the number of event loops; 0 for Netty's default
     * @param namePrefix prefix of the thread names
     * @return the started group
     */
    public static IoEventLoopGroup epollHere(int nThreads, String namePrefix) {
        try (NetworkNamespace here = Netns.current()) {
            return epoll(here, nThreads, namePrefix);
        }
    }

    /**
     * An event loop group of any I/O transport ({@code NioIoHandler.newFactory()},
     * {@code EpollIoHandler.newFactory()}, ...) whose threads live in {@code namespace}, started
     * and checked now.
     *
     * @param namespace where the threads live
     * @param nThreads the number of event loops; 0 for Netty's default
     * @param namePrefix prefix of the thread names
     * @param ioHandlerFactory the transport
     * @return the started group
     */
    public static IoEventLoopGroup group(NetworkNamespace namespace, int nThreads, String namePrefix,
                                         IoHandlerFactory ioHandlerFactory) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(ioHandlerFactory, "ioHandlerFactory");
        if (nThreads < 0) {
            throw new IllegalArgumentException("nThreads < 0: " + nThreads);
        }
        JvmWideValues.initialise();
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(nThreads,
                NetnsThreadFactories.inside(namespace, namePrefix), ioHandlerFactory);
        try {
            List<Long> inodes = namespaceInodes(group);
            for (long inode : inodes) {
                if (inode != namespace.inode()) {
                    throw new IllegalStateException("an event loop thread is in net:[" + inode + "], not in " + namespace);
                }
            }
            return group;
        } catch (RuntimeException | Error e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();
            throw e;
        }
    }

    /**
     * The namespace inode of each executor's thread, read from {@code /proc/thread-self/ns/net} by
     * a task run on it: a check of where a group's loops are. On a group whose threads start
     * lazily, this starts them, from the calling thread.
     *
     * @param group the group
     * @return the inodes, in the group's iteration order
     * @throws RuntimeException what a task (or the start of a thread) threw
     */
    public static List<Long> namespaceInodes(EventExecutorGroup group) {
        List<Future<Long>> futures = new ArrayList<>();
        for (EventExecutor loop : group) {
            futures.add(loop.submit(NetnsEventLoops::currentThreadInode));
        }
        List<Long> inodes = new ArrayList<>(futures.size());
        for (Future<Long> f : futures) {
            f.syncUninterruptibly();
            inodes.add(f.getNow());
        }
        return inodes;
    }

    /** The inode of the calling thread's network namespace, from {@code /proc/thread-self/ns/net}. */
    static long currentThreadInode() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString(); // net:[4026531840]
            return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
