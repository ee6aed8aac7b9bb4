// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.CurrentNamespace;
import io.netns.internal.sys.FileCalls;
import io.netns.internal.sys.Home;
import io.netns.internal.sys.Linux;
import io.netns.internal.sys.NamespaceCalls;

import java.util.concurrent.Callable;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The dedicated platform thread for short steps that must run in another network namespace:
 * creating one ({@code unshare(CLONE_NEWNET)} moves the calling thread into it) and opening a
 * socket inside one. Such steps must never run on a caller's thread or a pooled one; a fresh thread
 * per step, or a pinned thread per namespace, would be safe too, but starting a JVM thread costs
 * more than the step (about 440 µs against 250 µs for a namespace, 10 µs for a socket, measured
 * here). This one thread does nothing but such steps and no user code: after each, it goes back to
 * its home namespace, and if that ever fails it is retired and the next step gets a new thread.
 * It ends after 30 s without work. Its home is the process's ({@link Home}): the thread that starts
 * it may be inside a namespace (a pinned thread creating one), so it moves home before its first
 * step instead of keeping the namespace it was born in alive.
 */
final class NamespaceFactory {
    private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long SPIN_NANOS = 50_000;
    private static final Object LOCK = new Object();
    private static final LinkedTransferQueue<Job<?>> QUEUE = new LinkedTransferQueue<>();
    /** Guarded by LOCK: whether a factory thread is alive and serving the queue. */
    private static boolean running;

    private NamespaceFactory() {
    }

    /**
     * Runs {@code step} inside {@code namespace} on the factory thread, which then returns home.
     *
     * @return what {@code step} returned
     */
    static <T> T callInside(NetworkNamespace namespace, Callable<T> step) {
        return call(() -> {
            namespace.fd().use(fd -> {
                NamespaceCalls.setns(fd, Linux.CLONE_NEWNET, namespace.describe());
                return null;
            });
            return step.call();
        });
    }

    /**
     * Runs {@code step} on the factory thread, which may leave the thread in another network
     * namespace (that is what it is for); the thread returns home afterwards.
     *
     * @return what {@code step} returned
     */
    static <T> T call(Callable<T> step) {
        Job<T> job = new Job<>(step);
        synchronized (LOCK) {
            QUEUE.offer(job);
            if (!running) {
                running = true;
                startThread();
            }
        }
        return job.await();
    }

    /** Starts the factory thread; it moves to the process's home namespace before serving. */
    private static void startThread() {
        Home.daemon("netns-namespace-factory", NamespaceFactory::serve).start();
    }

    private static void serve() {
        int homeFd;
        long homeInode;
        try {
            homeInode = CurrentNamespace.inode();
            homeFd = CurrentNamespace.open();
        } catch (RuntimeException e) {
            stopAndFailQueued(e);
            return;
        }
        try {
            while (true) {
                Job<?> job;
                try {
                    job = QUEUE.poll(KEEP_ALIVE_NANOS, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    continue;
                }
                if (job == null) {
                    synchronized (LOCK) {
                        if (QUEUE.isEmpty()) {
                            running = false;
                            return;
                        }
                    }
                    continue;
                }
                job.run();
                boolean home = backHome(homeFd, homeInode);
                job.signal(); // from home: a thread the waiter's wake-up starts is not born inside
                if (!home) {
                    // retired: the next job gets a new thread, which moves home first
                    synchronized (LOCK) {
                        running = false;
                        if (!QUEUE.isEmpty()) {
                            running = true;
                            startThread();
                        }
                    }
                    return;
                }
            }
        } finally {
            FileCalls.closeQuietly(homeFd);
        }
    }

    /** Returns the thread to its home namespace if a step moved it; false if that failed. */
    private static boolean backHome(int homeFd, long homeInode) {
        try {
            if (CurrentNamespace.inode() != homeInode) {
                NamespaceCalls.setns(homeFd, Linux.CLONE_NEWNET, "home namespace of the namespace factory");
            }
            return CurrentNamespace.inode() == homeInode;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void stopAndFailQueued(RuntimeException e) {
        synchronized (LOCK) {
            running = false;
            Job<?> j;
            while ((j = QUEUE.poll()) != null) {
                j.fail(e);
            }
        }
    }

    /** One step and its outcome; the submitter spins briefly, then parks. */
    private static final class Job<T> {
        private final Callable<T> step;
        private final Thread waiter = Thread.currentThread();
        private volatile boolean done;
        private T result;
        private Throwable failure;

        Job(Callable<T> step) {
            this.step = step;
        }

        /** Runs the step; the waiter is told by {@link #signal()}, once the thread is home again. */
        void run() {
            try {
                result = step.call();
            } catch (Throwable t) {
                failure = t;
            }
        }

        void fail(Throwable t) {
            failure = t;
            signal();
        }

        void signal() {
            done = true;
            if (waiter.isVirtual()) {
                // unparking may start a carrier thread; let a thread that is surely outside do it
                VirtualWaker.wake(waiter);
            } else {
                LockSupport.unpark(waiter);
            }
        }

        T await() {
            if (waiter.isVirtual()) {
                VirtualWaker.ensureStarted();
            }
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (!done && System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            }
            boolean interrupted = false;
            while (!done) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted(); // the step must finish before its effects are undone
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable f = failure;
            if (f == null) {
                return result;
            }
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new NetnsException("namespace factory step failed", f);
        }
    }
}
