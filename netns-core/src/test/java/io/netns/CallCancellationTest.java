// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@code call()} does for an interrupted caller: a task that has not started when the caller
 * is interrupted never runs and the caller gets {@link CancellationException}; a task that started
 * runs to its end (its thread is interrupted) and the caller gets its outcome. Never both, never
 * neither; the caller's interrupt status stays set either way.
 */
@PrivilegedTest
class CallCancellationTest {
    private static final int CALLS = 2_000;

    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    @Test
    void aCallerInterruptedBeforeCallingGetsCancellationAndTheTaskNeverRuns() {
        NetworkNamespace ns = temp.create("preset");
        ns.call(() -> 0); // a pinned thread is idle and ready
        AtomicBoolean ran = new AtomicBoolean();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> ns.call(() -> ran.getAndSet(true))).isInstanceOf(CancellationException.class);
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt status kept").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(ns.call(() -> 1)).isEqualTo(1); // the pinned thread serves the next call
        assertThat(ran).isFalse();
    }

    @Test
    void aCallerInterruptedWhileItsTaskRunsGetsTheTasksOutcome() throws Exception {
        NetworkNamespace ns = temp.create("running");
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Object> callerSaw = new AtomicReference<>();
        AtomicBoolean callerStillInterrupted = new AtomicBoolean();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                callerSaw.set(ns.call(() -> {
                    running.countDown();
                    try {
                        Thread.sleep(60_000);
                        return "slept";
                    } catch (InterruptedException e) {
                        return "interrupted"; // the caller's interrupt reached the task
                    }
                }));
            } catch (Throwable t) {
                callerSaw.set(t);
            }
            callerStillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        running.await();
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(caller.isAlive()).isFalse();
        assertThat(callerSaw.get()).isEqualTo("interrupted");
        assertThat(callerStillInterrupted).isTrue();
        // the interrupt meant for that task does not reach the next one
        assertThat(ns.call(() -> {
            Thread.sleep(20);
            return Thread.currentThread().isInterrupted();
        })).isFalse();
    }

    @Test
    void aTaskThatStartedIsNeverReportedCancelledAndACancelledOneNeverRuns() throws Exception {
        String name = TempNamespaces.name(temp.create("cancel"));
        NetworkNamespace ns = Netns.open(name);
        AtomicIntegerArray runs = new AtomicIntegerArray(CALLS);
        int[] outcome = new int[CALLS]; // 1 = returned its index, 2 = CancellationException, else wrong
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        SynchronousQueue<Thread> targets = new SynchronousQueue<>();
        SynchronousQueue<Boolean> fired = new SynchronousQueue<>();
        Thread interrupter = Thread.ofPlatform().daemon(true).name("interrupter").start(() -> {
            try {
                while (true) {
                    Thread target = targets.take();
                    long until = System.nanoTime() + ThreadLocalRandom.current().nextLong(150_000);
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    target.interrupt();
                    fired.put(true);
                }
            } catch (InterruptedException end) {
                // the test is over
            }
        });
        try {
            for (int i = 0; i < CALLS; i++) {
                int index = i;
                int mode = i % 4; // 0: interrupted before the call; else interrupted at a random moment
                long work = ThreadLocalRandom.current().nextLong(100_000);
                boolean sleeps = i % 3 == 0;
                ThrowingCallable<Integer, RuntimeException> task = () -> {
                    runs.incrementAndGet(index);
                    if (sleeps) {
                        try {
                            Thread.sleep(0, (int) work);
                        } catch (InterruptedException e) {
                            // an interrupt forwarded to the task: it still completes
                        }
                    } else {
                        long until = System.nanoTime() + work;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                    }
                    return index;
                };
                Runnable body = () -> {
                    Thread me = Thread.currentThread();
                    try {
                        if (mode == 0) {
                            me.interrupt();
                        } else {
                            targets.put(me);
                        }
                        try {
                            int r = ns.call(task);
                            outcome[index] = r == index ? 1 : 3;
                        } catch (CancellationException e) {
                            outcome[index] = 2;
                        } catch (Throwable t) {
                            wrong.add(index + ": " + t);
                        }
                        if (mode == 0 && !me.isInterrupted()) {
                            wrong.add(index + ": interrupt status cleared");
                        }
                        if (mode != 0) {
                            fired.take(); // the interrupt has been delivered, before, during or after the call
                        }
                    } catch (InterruptedException e) {
                        // an interrupt landed on put/take: retry the handshake
                        try {
                            fired.take();
                        } catch (InterruptedException again) {
                            wrong.add(index + ": handshake interrupted twice");
                        }
                    } finally {
                        Thread.interrupted();
                    }
                };
                if (i % 2 == 0) {
                    body.run();
                } else {
                    Thread v = Thread.ofVirtual().start(body);
                    v.join(TimeUnit.SECONDS.toMillis(20));
                    if (v.isAlive()) {
                        throw new AssertionError("call " + i + " on a virtual thread hung");
                    }
                }
            }
        } finally {
            interrupter.interrupt();
            ns.close();
        }
        // the handle's threads end; a withdrawn task can no longer run after this
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ns.pinnedThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ns.pinnedThreads()).isZero();
        int returned = 0;
        int cancelled = 0;
        for (int i = 0; i < CALLS; i++) {
            switch (outcome[i]) {
                case 1 -> {
                    returned++;
                    if (runs.get(i) != 1) {
                        wrong.add(i + ": returned but ran " + runs.get(i) + " times");
                    }
                }
                case 2 -> {
                    cancelled++;
                    if (runs.get(i) != 0) {
                        wrong.add(i + ": reported cancelled but ran " + runs.get(i) + " times");
                    }
                }
                default -> {
                    String prefix = i + ":";
                    if (wrong.stream().noneMatch(w -> w.startsWith(prefix))) {
                        wrong.add(i + ": outcome " + outcome[i]);
                    }
                }
            }
        }
        System.out.printf("CallCancellationTest: %d calls, %d returned, %d cancelled%n", CALLS, returned, cancelled);
        assertThat(wrong).as("calls whose outcome contradicts whether their task ran").isEmpty();
        assertThat(cancelled).as("calls interrupted before they started are cancelled").isGreaterThanOrEqualTo(CALLS / 4);
    }
}
