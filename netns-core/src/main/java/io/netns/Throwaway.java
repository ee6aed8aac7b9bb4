// SPDX-License-Identifier: Apache-2.0
package io.netns;

import java.util.concurrent.Callable;

/**
 * Runs a step on a fresh platform thread that ends right after it, for system calls that change
 * the thread for good ({@code unshare}) and must never touch a caller's or a pooled thread.
 */
final class Throwaway {
    private Throwaway() {
    }

    /**
     * Runs {@code step} on a new thread and waits for it even if the caller is interrupted (the step
     * must finish before its effects can be cleaned up); the interrupt flag is restored afterwards.
     */
    static <T> T run(String threadName, Callable<T> step) {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = Thread.ofPlatform().name(threadName).daemon(true).unstarted(() -> {
            try {
                result[0] = step.call();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure[0];
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new NetnsException(threadName + " failed", f);
        }
        @SuppressWarnings("unchecked")
        T r = (T) result[0];
        return r;
    }
}
