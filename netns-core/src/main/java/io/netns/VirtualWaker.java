// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.Home;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes virtual threads on behalf of threads that may be inside a namespace (pinned threads, the
 * namespace factory). Unparking a virtual thread may make the scheduler start a carrier thread,
 * and a thread started inside a namespace is born there; this one daemon thread lives in the
 * process's home namespace ({@link Home}: it moves there before it serves, whoever started it),
 * so any carrier it causes is born at home.
 */
final class VirtualWaker {
    private static final LinkedTransferQueue<Thread> PENDING = new LinkedTransferQueue<>();
    private static volatile Thread thread;

    private VirtualWaker() {
    }

    /** Starts the waker if it is not running yet; called by a virtual thread before it waits. */
    static void ensureStarted() {
        if (thread == null) {
            synchronized (VirtualWaker.class) {
                if (thread == null) {
                    Thread t = Home.daemon("netns-virtual-thread-waker", VirtualWaker::loop);
                    t.start();
                    thread = t;
                }
            }
        }
    }

    /** Wakes {@code waiter}: directly for a platform thread, through the waker for a virtual one. */
    static void wake(Thread waiter) {
        if (waiter.isVirtual()) {
            PENDING.offer(waiter);
        } else {
            LockSupport.unpark(waiter);
        }
    }

    private static void loop() {
        while (true) {
            try {
                LockSupport.unpark(PENDING.take());
            } catch (InterruptedException ignored) {
                // keep serving: nobody else wakes the waiting virtual threads
            }
        }
    }
}
