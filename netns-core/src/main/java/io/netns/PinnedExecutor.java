// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.Linux;
import io.netns.internal.sys.NamespaceCalls;

import java.util.Objects;
import java.util.concurrent.CancellationException;
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
 *
 * <p>The executor knows the handle's descriptor, never the handle, so its threads do not keep an
 * unclosed handle reachable (its cleaner shuts the executor down). While any thread lives, the
 * executor holds a use of the descriptor: a thread that replaces a retired one can still enter
 * after the handle was closed, and queued work is never stranded.
 *
 * <p>{@link #shutdown()}: no task is accepted any more; calls whose task has not started fail with
 * {@link IllegalStateException} at once; started ones and plain {@link Runnable}s already queued
 * run to their end; then every thread ends.
 */
final class PinnedExecutor implements Executor {
    static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** How long a waiting caller spins before parking: a typical task finishes within it. */
    private static final long SPIN_NANOS = 20_000;
    private static final Runnable STOP = () -> { };

    private final NamespaceFd fd;
    private final String description;
    private final String threadPrefix;
    private final LinkedTransferQueue<Runnable> queue = new LinkedTransferQueue<>();
    private final AtomicInteger threadNumber = new AtomicInteger();
    /**
     * Guards the fields below. Each queued task reserves an idle worker or starts a new one, so a
     * task that waits for another never starves, and back-to-back calls reuse one thread.
     */
    private final Object lock = new Object();
    /** Workers alive (started and not yet ended). */
    private int live;
    /** Workers waiting for a task, or done with one and about to wait, not yet reserved. */
    private int idle;
    /** Set once by {@link #shutdown()}; checked under the lock, so no task is queued after the STOPs. */
    private boolean shutdown;
    /** The raw descriptor while {@link #live} is above zero (one use of {@link #fd} held), else -1. */
    private int held = -1;

    /**
     * @param fd the namespace descriptor of the handle
     * @param threadPrefix prefix of the thread names ({@code netns-NAME-})
     */
    PinnedExecutor(NamespaceFd fd, String threadPrefix) {
        this.fd = fd;
        this.description = fd.description();
        this.threadPrefix = threadPrefix;
    }

    /** Queues {@code task} for a thread inside (the {@code executor()} path). */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        try {
            submit(task);
        } catch (IllegalStateException closed) {
            throw new RejectedExecutionException(closed.getMessage(), closed);
        }
    }

    /**
     * Queues {@code task} and makes sure a worker takes it.
     *
     * @throws IllegalStateException once shut down
     * @throws NetnsException if a new thread could not enter the namespace
     */
    private void submit(Runnable task) {
        Worker starter = null;
        synchronized (lock) {
            if (shutdown) {
                throw closed("is closed");
            }
            if (idle > 0) {
                idle--;
            } else {
                if (live == 0) {
                    held = fd.acquireRaw(); // IllegalStateException if the handle is closed
                }
                live++;
                starter = newWorker();
            }
            queue.offer(task);
        }
        if (starter != null) {
            RuntimeException failure;
            try {
                failure = start(starter);
            } catch (Error e) { // no native thread could be created
                queue.remove(task);
                throw e;
            }
            if (failure != null) {
                boolean mine = queue.remove(task);
                failStrandedTasks(failure);
                if (mine) {
                    throw failure;
                }
            }
        }
    }

    /** A worker that will enter with the held descriptor; called under the lock with {@code live} counted. */
    private Worker newWorker() {
        return new Worker(this, threadPrefix + threadNumber.incrementAndGet(), held);
    }

    /**
     * Starts a worker and waits until it is inside; returns why it could not enter. The worker
     * announces its start through {@link VirtualWaker}: it is inside the namespace by then, and a
     * virtual starter it unparked itself could make the scheduler start a carrier thread inside.
     */
    private RuntimeException start(Worker worker) {
        if (Thread.currentThread().isVirtual()) {
            VirtualWaker.ensureStarted();
        }
        try {
            worker.start();
        } catch (Error e) {
            workerEnded();
            throw e;
        }
        boolean interrupted = false;
        while (!worker.started) {
            LockSupport.park(worker);
            interrupted |= Thread.interrupted(); // keep waiting: the worker counts as live until it reports
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return worker.startFailure;
    }

    /** One worker ended: the last one gives the descriptor back. */
    private void workerEnded() {
        synchronized (lock) {
            endedLocked();
        }
    }

    private void endedLocked() {
        live--;
        if (live == 0 && held >= 0) {
            held = -1;
            fd.release(); // closes the descriptor if the handle was closed meanwhile
        }
    }

    /** After a failed start: if no worker is left, calls still queued would wait for good; fail them. */
    private void failStrandedTasks(RuntimeException why) {
        synchronized (lock) {
            if (live > 0) {
                return;
            }
        }
        for (Runnable r : queue) {
            if (r instanceof Task<?> t) {
                t.fail(why);
            }
        }
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

    /** Stops accepting tasks, refuses calls that have not started, lets the rest finish, then ends every thread. */
    void shutdown() {
        int n;
        synchronized (lock) {
            if (shutdown) {
                return;
            }
            shutdown = true;
            n = live;
        }
        // Every task was queued under the lock before the flag was set, so this sees them all, and
        // all of them come before the STOPs: each worker takes real work before its STOP.
        for (Runnable r : queue) {
            if (r instanceof Task<?> t) {
                t.reject();
            }
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

    IllegalStateException closed(String what) {
        return new IllegalStateException(description + " handle " + what);
    }

    /**
     * Runs {@code task} on a thread inside and waits for it, rethrowing what it threw. See
     * {@link Task#await()} for interrupts; a nested call from one of this executor's own threads
     * runs inline, like a plain method call.
     */
    <T, X extends Exception> T call(ThrowingCallable<T, X> task) throws X {
        if (isCurrentThreadInside()) {
            return task.call();
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the caller was interrupted before calling into " + description
                    + "; the task was not run (the interrupt status is still set)");
        }
        Task<T> t = new Task<>(task, this);
        submit(t);
        return t.await();
    }

    private static final class Worker extends Thread {
        final PinnedExecutor executor;
        /** The namespace descriptor, kept open for this worker by the executor's held use. */
        private final int namespaceFd;
        /** The thread that creates this worker, starts it and waits for {@link #started}. */
        private final Thread starter = Thread.currentThread();
        volatile boolean started;
        volatile RuntimeException startFailure;

        Worker(PinnedExecutor executor, String name, int namespaceFd) {
            super(null, null, name, 0, false);
            this.executor = executor;
            this.namespaceFd = namespaceFd;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                NamespaceCalls.setns(namespaceFd, Linux.CLONE_NEWNET, executor.description);
            } catch (RuntimeException e) {
                startFailure = e;
                executor.workerEnded();
                reportStarted();
                return;
            }
            reportStarted();
            loop();
        }

        private void reportStarted() {
            started = true;
            VirtualWaker.wake(starter);
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
                    ex.workerEnded();
                    return;
                }
                if (r == null) {
                    synchronized (ex.lock) {
                        // leave only if no task reserved this worker meanwhile
                        if (ex.queue.isEmpty() && ex.idle > 0) {
                            ex.idle--;
                            ex.endedLocked();
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
                Thread.interrupted(); // an interrupt forwarded to a task must not reach the next one
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
            Worker replacement = null;
            synchronized (ex.lock) {
                if (ex.idle > 0) {
                    ex.idle--; // nobody reserved this worker
                    ex.endedLocked();
                } else {
                    // a queued task counts on this worker: a new thread takes its place (and its
                    // count), also after shutdown, so the task is not stranded
                    replacement = ex.newWorker();
                }
            }
            if (replacement != null) {
                RuntimeException failure = ex.start(replacement); // the new thread enters itself
                if (failure != null) {
                    ex.failStrandedTasks(failure);
                }
            }
        }
    }

    /**
     * A submitted call. Its states: NEW (queued) to RUNNING (a worker took it) to DONE; or NEW to
     * CANCELLED (its caller was interrupted first) or REJECTED (the handle was closed first), after
     * which it never runs. The caller spins briefly, then parks until the state leaves NEW/RUNNING.
     */
    static final class Task<T> implements Runnable {
        private static final int NEW = 0;
        private static final int RUNNING = 1;
        private static final int DONE = 2;
        private static final int CANCELLED = 3;
        private static final int REJECTED = 4;

        private final ThrowingCallable<T, ?> body;
        private final PinnedExecutor executor;
        private final Thread waiter = Thread.currentThread();
        /**
         * Left NEW only under this object's monitor (so withdrawing, refusing and starting exclude
         * each other); RUNNING to DONE by the worker alone. Read without the monitor by the caller.
         */
        private volatile int state;
        /** Guarded by this: the worker while the body runs, so an interrupt reaches only this task. */
        private Thread runner;
        private T result;
        private Throwable failure;

        Task(ThrowingCallable<T, ?> body, PinnedExecutor executor) {
            this.body = body;
            this.executor = executor;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (state != NEW) {
                    executor.markIdle(); // withdrawn or refused: it never runs
                    return;
                }
                state = RUNNING;
                runner = Thread.currentThread();
            }
            T r = null;
            Throwable f = null;
            try {
                r = body.call();
            } catch (Throwable t) {
                f = t;
            }
            synchronized (this) {
                runner = null;
                result = r;
                failure = f;
            }
            // count this worker idle before the caller wakes, so its next call reuses it
            executor.markIdle();
            state = DONE;
            // a virtual caller is woken by a thread outside: its unpark may start a carrier thread
            VirtualWaker.wake(waiter);
        }

        /** The handle was closed before the task started: it will not run. */
        void reject() {
            synchronized (this) {
                if (state != NEW) {
                    return;
                }
                state = REJECTED;
            }
            VirtualWaker.wake(waiter);
        }

        /** No thread could enter the namespace to run it. */
        void fail(RuntimeException why) {
            synchronized (this) {
                if (state != NEW) {
                    return;
                }
                failure = why;
                state = DONE;
            }
            VirtualWaker.wake(waiter);
        }

        /**
         * Waits for the outcome. If the caller is interrupted before a worker took the task, the
         * task is withdrawn and never runs: {@link CancellationException}. If it already runs, the
         * interrupt is passed on to the task's thread and the caller still waits for, and gets, the
         * task's result or exception. Either way the caller's interrupt status is set afterwards.
         */
        @SuppressWarnings("unchecked")
        <X extends Exception> T await() throws X {
            if (waiter.isVirtual()) {
                VirtualWaker.ensureStarted();
            }
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (state <= RUNNING && System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            }
            boolean interrupted = false;
            while (state <= RUNNING) {
                if (Thread.interrupted()) {
                    interrupted = true;
                    synchronized (this) {
                        if (state == NEW) {
                            state = CANCELLED;
                            Thread.currentThread().interrupt();
                            throw new CancellationException("interrupted before the task started inside "
                                    + executor.description + "; it will not run");
                        }
                        if (runner != null) {
                            runner.interrupt(); // the task runs: ask it to stop early, wait for its outcome
                        }
                    }
                    continue;
                }
                LockSupport.park(this);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (state == REJECTED) {
                throw executor.closed("was closed before the task started; it was not run");
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
