// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.Linux;
import io.netns.internal.sys.NamespaceCalls;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The platform threads that live inside one network namespace and run {@code run}/{@code call}
 * tasks, so callers never move their own thread.
 *
 * <p>Each thread enters the namespace once, when it starts, and never leaves: there is no restore
 * that could fail. A thread is added only when no thread is idle (like a cached thread pool)
 * and ends after {@link #KEEP_ALIVE_NANOS} idle. If a task leaves the thread somewhere else (a
 * scope it did not close, or a failed restore) the thread is retired at once and never runs
 * another task. If the namespace cannot be entered, the submitting caller gets the error.
 */
final class PinnedExecutor implements Executor {
    static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** How long a waiting caller spins before parking: a typical task finishes within it. */
    private static final long SPIN_NANOS = 20_000;
    private static final Runnable STOP = () -> { };

    private final NetworkNamespace namespace;
    private final String threadPrefix;
    private final LinkedTransferQueue<Runnable> queue = new LinkedTransferQueue<>();
    private final AtomicInteger threadNumber = new AtomicInteger();
    /**
     * Guards the two counts below. Each queued task reserves an idle worker or starts a new one, so
     * a task that waits for another never starves, and back-to-back calls reuse one thread.
     */
    private final Object lock = new Object();
    /** Workers alive (started and not yet ended). */
    private int live;
    /** Workers waiting for a task, or done with one and about to wait, not yet reserved. */
    private int idle;
    private volatile boolean shutdown;

    PinnedExecutor(NetworkNamespace namespace) {
        this.namespace = namespace;
        this.threadPrefix = "netns-" + namespace.name().orElse("net:" + namespace.inode()) + "-";
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException(namespace + " is closed");
        }
        boolean start;
        synchronized (lock) {
            queue.offer(task);
            start = idle == 0;
            if (start) {
                live++;
            } else {
                idle--;
            }
        }
        if (start) {
            RuntimeException failure = startWorker();
            if (failure != null && queue.remove(task)) {
                throw failure;
            }
        }
    }

    /** Starts one worker (already counted live) and waits until it is inside; returns why it could not enter. */
    private RuntimeException startWorker() {
        Worker worker = new Worker(this, threadPrefix + threadNumber.incrementAndGet());
        worker.start();
        boolean interrupted = false;
        while (true) {
            try {
                worker.started.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return worker.startFailure;
    }

    /** A worker finished a task and will take another: count it idle before the task's caller wakes. */
    void markIdle() {
        synchronized (lock) {
            idle++;
        }
    }

    /** Whether the calling thread is one of this executor's threads, still inside and clean. */
    boolean isCurrentThreadInside() {
        return Thread.currentThread() instanceof Worker w && w.executor == this && ThreadState.isClean();
    }

    /** Stops accepting tasks; queued tasks still run, then every thread ends. */
    void shutdown() {
        shutdown = true;
        int n;
        synchronized (lock) {
            n = live;
        }
        for (int i = 0; i < n; i++) {
            queue.offer(STOP);
        }
    }

    int liveThreads() {
        synchronized (lock) {
            return live;
        }
    }

    /** Runs {@code task} on a thread inside and waits for it, rethrowing what it threw. */
    <T, X extends Exception> T call(ThrowingCallable<T, X> task) throws X {
        if (isCurrentThreadInside()) {
            return task.call();
        }
        Task<T> t = new Task<>(task, this);
        execute(t);
        return t.await();
    }

    private static final class Worker extends Thread {
        final PinnedExecutor executor;
        final CountDownLatch started = new CountDownLatch(1);
        volatile RuntimeException startFailure;

        Worker(PinnedExecutor executor, String name) {
            super(null, null, name, 0, false);
            this.executor = executor;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                executor.namespace.fd().use(fd -> {
                    NamespaceCalls.setns(fd, Linux.CLONE_NEWNET, executor.namespace.describe());
                    return null;
                });
            } catch (RuntimeException e) {
                startFailure = e;
                synchronized (executor.lock) {
                    executor.live--;
                }
                started.countDown();
                return;
            }
            started.countDown();
            loop();
        }

        /** Runs tasks until idle too long, stopped, or left outside the namespace by a task. */
        private void loop() {
            PinnedExecutor ex = executor;
            while (true) {
                Runnable r;
                try {
                    r = ex.queue.poll(KEEP_ALIVE_NANOS, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    continue; // only a task's own leftover interrupt; the flag is now clear
                }
                if (r == STOP) {
                    synchronized (ex.lock) {
                        ex.live--;
                    }
                    return;
                }
                if (r == null) {
                    synchronized (ex.lock) {
                        // leave only if no task reserved this worker meanwhile
                        if (ex.queue.isEmpty() && ex.idle > 0) {
                            ex.idle--;
                            ex.live--;
                            return;
                        }
                    }
                    continue;
                }
                try {
                    r.run();
                } catch (Throwable t) {
                    getUncaughtExceptionHandler().uncaughtException(this, t);
                } finally {
                    if (!(r instanceof Task<?>)) {
                        ex.markIdle(); // a Task marks it itself, before its caller wakes
                    }
                }
                Thread.interrupted(); // a cancelled task's interrupt must not reach the next one
                ThreadState state = ThreadState.current();
                if (!state.scopes.isEmpty() || state.poisoned != null) {
                    // The task left this thread outside the namespace: retire it, never reuse it.
                    state.abandon();
                    retire();
                    return;
                }
            }
        }

        private void retire() {
            PinnedExecutor ex = executor;
            boolean replace;
            synchronized (ex.lock) {
                ex.live--;
                replace = ex.idle == 0; // a task already reserved this worker: someone must take it
                if (replace) {
                    ex.live++;
                } else {
                    ex.idle--;
                }
            }
            if (replace && !ex.shutdown) {
                ex.startWorker(); // the new thread enters the namespace itself
            }
        }
    }

    /** A submitted call: the caller spins briefly, then parks until the worker completes it. */
    static final class Task<T> implements Runnable {
        private final ThrowingCallable<T, ?> body;
        private final PinnedExecutor executor;
        private final Thread waiter = Thread.currentThread();
        /** Guarded by this: set while the body runs, so a cancel interrupts only this task. */
        private Thread runner;
        private boolean cancelled;
        private volatile boolean done;
        private T result;
        private Throwable failure;

        Task(ThrowingCallable<T, ?> body, PinnedExecutor executor) {
            this.body = body;
            this.executor = executor;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (cancelled) {
                    executor.markIdle();
                    return;
                }
                runner = Thread.currentThread();
            }
            try {
                result = body.call();
            } catch (Throwable t) {
                failure = t;
            } finally {
                synchronized (this) {
                    runner = null;
                }
                // count this worker idle before the caller wakes, so its next call reuses it
                executor.markIdle();
                done = true;
                if (waiter.isVirtual()) {
                    // Unparking a virtual thread may make the scheduler start a carrier thread, and a
                    // thread started here would inherit this namespace: let a thread outside do it.
                    VirtualWaker.wake(waiter);
                } else {
                    LockSupport.unpark(waiter);
                }
            }
        }

        private void cancel() {
            synchronized (this) {
                cancelled = true;
                if (runner != null) {
                    runner.interrupt();
                }
            }
        }

        @SuppressWarnings("unchecked")
        <X extends Exception> T await() throws X {
            if (waiter.isVirtual()) {
                VirtualWaker.ensureStarted();
            }
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (!done && System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            }
            while (!done) {
                LockSupport.park(this);
                if (Thread.interrupted() && !done) {
                    cancel();
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while waiting for a task inside a namespace");
                }
            }
            Throwable f = failure;
            if (f == null) {
                return result;
            }
            if (f instanceof Error e) {
                throw e;
            }
            if (f instanceof RuntimeException re) {
                throw re;
            }
            throw (X) f;
        }
    }
}
