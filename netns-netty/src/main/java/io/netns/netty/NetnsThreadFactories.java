// SPDX-License-Identifier: Apache-2.0
package io.netns.netty;

import io.netns.NamespaceScope;
import io.netns.NetworkNamespace;
import io.netty.util.concurrent.FastThreadLocalThread;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for Netty event loops (or any pool) whose threads live in a namespace you
 * choose, instead of the namespace of whichever thread happens to start them.
 *
 * <p>Netty starts an event loop's thread lazily, from the thread that first gives the loop work,
 * and a new thread is born in its starter's namespace. A plain group whose first task comes from
 * a thread inside a namespace (a pinned thread of {@code ns.call}, an {@code enter()} scope) has
 * that loop inside for good. Threads from these factories enter the chosen namespace themselves
 * before they run anything.
 *
 * <pre>{@code
 * EventLoopGroup group = new MultiThreadIoEventLoopGroup(2,
 *         NetnsThreadFactories.inside(ns, "ns-io-"), EpollIoHandler.newFactory());
 * }</pre>
 *
 * <p>For a namespace "outside", pass a handle on it, e.g. {@code Netns.current()} taken on a
 * thread that is outside. {@link NetnsEventLoops} builds whole groups and starts their threads at
 * once.
 *
 * <p>Replaces starting a Netty program under {@code ip netns exec NAME}, per thread.
 */
public final class NetnsThreadFactories {
    private NetnsThreadFactories() {
    }

    /**
     * A factory of non-daemon threads (as Netty's own default) that enter {@code namespace} before
     * running their task. See {@link #inside(NetworkNamespace, String, boolean)}.
     *
     * @param namespace where the threads live; keep the handle open while threads may be started
     * @param namePrefix prefix of the thread names; a counter is appended
     * @return the factory
     */
    public static ThreadFactory inside(NetworkNamespace namespace, String namePrefix) {
        return inside(namespace, namePrefix, false);
    }

    /**
     * A factory of threads that enter {@code namespace} before running their task.
     *
     * <ul>
     *   <li>The threads are Netty {@link FastThreadLocalThread}s, as Netty's own
     *       {@code DefaultThreadFactory} makes.</li>
     *   <li>{@code start()} returns once the new thread is inside. If it cannot enter (the handle
     *       was closed, the kernel refused), {@code start()} throws that exception and the thread
     *       has ended, without running its task, so the executor starting it fails loudly instead of
     *       running code in the wrong namespace.</li>
     *   <li>The thread stays inside for its whole life and moves back only after its task
     *       returned, just before it ends. It holds one namespace descriptor meanwhile.</li>
     * </ul>
     *
     * @param namespace where the threads live; keep the handle open while threads may be started
     * @param namePrefix prefix of the thread names; a counter is appended
     * @param daemon whether the threads are daemon threads
     * @return the factory
     */
    public static ThreadFactory inside(NetworkNamespace namespace, String namePrefix, boolean daemon) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(namePrefix, "namePrefix");
        AtomicInteger counter = new AtomicInteger();
        return new ThreadFactory() {
            @Override
            public Thread newThread(Runnable task) {
                Objects.requireNonNull(task, "task");
                NetnsThread t = new NetnsThread(namespace, task, namePrefix + counter.incrementAndGet());
                t.setDaemon(daemon);
                return t;
            }

            @Override
            public String toString() {
                return "NetnsThreadFactories.inside(" + namespace + ", \"" + namePrefix + "\")";
            }
        };
    }

    /** A Netty thread that enters a namespace first; its starter waits until it is inside. */
    static final class NetnsThread extends FastThreadLocalThread {
        private final Startup startup;

        NetnsThread(NetworkNamespace namespace, Runnable task, String name) {
            this(new Startup(namespace, task), name);
        }

        private NetnsThread(Startup startup, String name) {
            super(null, startup, name);
            this.startup = startup;
        }

        /**
         * Starts the thread and waits until it entered its namespace.
         *
         * @throws RuntimeException what entering threw; the thread has then ended without running its task
         */
        @Override
        public synchronized void start() {
            super.start();
            try {
                startup.awaitInside();
            } catch (RuntimeException | Error e) {
                joinUninterruptibly();          // it ends at once: report it gone, not dying
                throw e;
            }
        }

        private void joinUninterruptibly() {
            boolean interrupted = false;
            while (true) {
                try {
                    join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The body of a {@link NetnsThread}: enter, signal the starter, run the task, leave. */
    private static final class Startup implements Runnable {
        private final NetworkNamespace namespace;
        private final Runnable task;
        private final CountDownLatch decided = new CountDownLatch(1);
        private volatile Throwable failure;

        Startup(NetworkNamespace namespace, Runnable task) {
            this.namespace = namespace;
            this.task = task;
        }

        @Override
        public void run() {
            NamespaceScope scope;
            try {
                scope = namespace.enter();
            } catch (Throwable t) {
                failure = t;
                decided.countDown();
                return;
            }
            decided.countDown();
            try (scope) {
                task.run();
            }
        }

        void awaitInside() {
            boolean interrupted = false;
            while (true) {
                try {
                    decided.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable t = failure;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException("thread could not enter " + namespace, t);
            }
        }
    }
}
