// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code call()} racing {@code close()}: each call either runs (its result is delivered) or fails
 * with {@link IllegalStateException}, at once; none parks for good and no pinned thread is left.
 */
@PrivilegedTest
class CloseRaceTest {
    private static final int ITERATIONS = Integer.getInteger("netns.closeRace.iterations", 10_000);
    /** A bound against hangs only: an iteration takes well under a millisecond. */
    private static final long HANG_SECONDS = 10;

    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    @Test
    void callsRacingCloseCompleteOrFailWithIllegalStateExceptionAndNeverHang() throws Exception {
        String name = TempNamespaces.name(temp.create("race"));
        AtomicReference<NetworkNamespace> current = new AtomicReference<>();
        // the test thread, a platform racer and a virtual racer meet here every iteration
        CyclicBarrier start = new CyclicBarrier(3);
        CyclicBarrier end = new CyclicBarrier(3);
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        int[] outcomes = new int[2]; // [returned, refused], summed over both racers (guarded by itself)
        Runnable racer = () -> {
            try {
                while (true) {
                    start.await();
                    NetworkNamespace ns = current.get();
                    if (ns == null) {
                        return;
                    }
                    try {
                        int r = ns.call(() -> 7);
                        if (r != 7) {
                            wrong.add("call returned " + r);
                        }
                        synchronized (outcomes) {
                            outcomes[0]++;
                        }
                    } catch (IllegalStateException closed) {
                        synchronized (outcomes) {
                            outcomes[1]++;
                        }
                    } catch (Throwable t) {
                        wrong.add(t.toString());
                    }
                    end.await();
                }
            } catch (InterruptedException | BrokenBarrierException e) {
                // the test gave up on a hang, or ended
            }
        };
        Thread platform = Thread.ofPlatform().daemon(true).name("race-platform").start(racer);
        Thread virtual = Thread.ofVirtual().name("race-virtual").start(racer);
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < ITERATIONS; i++) {
                NetworkNamespace ns = Netns.open(name);
                if (i % 2 == 0) {
                    ns.call(() -> 1); // a pinned thread exists, idle, when the race starts
                }
                current.set(ns);
                start.await(HANG_SECONDS, TimeUnit.SECONDS);
                ns.close();
                try {
                    end.await(HANG_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException | BrokenBarrierException e) {
                    throw new AssertionError("iteration " + i + ": a call racing close() did not return within "
                            + HANG_SECONDS + " s", e);
                }
                // after close(): refused at once, with the documented exception
                assertThatThrownBy(() -> ns.call(() -> 1)).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(() -> ns.run(() -> { })).isInstanceOf(IllegalStateException.class);
            }
        } finally {
            current.set(null);
            start.reset();
            platform.interrupt();
            virtual.interrupt();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.printf("CloseRaceTest: %d iterations in %d ms, %d calls returned, %d refused%n",
                ITERATIONS, millis, outcomes[0], outcomes[1]);
        assertThat(wrong).as("outcomes other than a result or IllegalStateException").isEmpty();
        assertThat(outcomes[0] + outcomes[1]).isEqualTo(2 * ITERATIONS);
        // every pinned thread of the closed handles ends
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG_SECONDS);
        List<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> n.startsWith("netns-" + name + "-")).toList();
        } while (!left.isEmpty() && System.nanoTime() < deadline && sleep());
        assertThat(left).as("pinned threads of closed handles").isEmpty();
    }

    private static boolean sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    @Test
    void theExecutorOfAClosedHandleRejectsAndItsCallsRefuse() {
        NetworkNamespace ns = Netns.open(TempNamespaces.name(temp.create("closed")));
        java.util.concurrent.Executor executor = ns.executor();
        ns.close();
        assertThatThrownBy(() -> executor.execute(() -> { }))
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        assertThatThrownBy(() -> ns.call(() -> 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(ns::executor).isInstanceOf(IllegalStateException.class);
    }
}
