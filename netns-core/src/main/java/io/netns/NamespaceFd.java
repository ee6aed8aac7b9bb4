// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.FileCalls;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A reference-counted namespace file descriptor: {@link #close()} closes the descriptor only once
 * no {@link #use} call is in flight, so a concurrent {@code setns} never sees a descriptor number
 * the kernel has already handed to another file.
 */
final class NamespaceFd {
    private static final int CLOSED = 1 << 30;

    private final int fd;
    private final String description;
    /** In-flight users in the low bits, {@link #CLOSED} once closing started. */
    private final AtomicInteger state = new AtomicInteger();

    NamespaceFd(int fd, String description) {
        this.fd = fd;
        this.description = description;
    }

    /** Runs {@code action} with the raw descriptor, which stays open until it returns. */
    <T> T use(IntFunction<T> action) {
        acquire();
        try {
            return action.apply(fd);
        } finally {
            release();
        }
    }

    /** Acquires the descriptor (see {@link #use}); the caller must {@link #release()} it. */
    int acquireRaw() {
        acquire();
        return fd;
    }

    void acquire() {
        while (true) {
            int s = state.get();
            if ((s & CLOSED) != 0) {
                throw new IllegalStateException("network namespace handle " + description + " is closed");
            }
            if (state.compareAndSet(s, s + 1)) {
                return;
            }
        }
    }

    void release() {
        if (state.decrementAndGet() == CLOSED) {
            FileCalls.closeQuietly(fd);
        }
    }

    boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }

    /** Marks closed; the descriptor is closed now or by the last in-flight user. Idempotent. */
    void close() {
        while (true) {
            int s = state.get();
            if ((s & CLOSED) != 0) {
                return;
            }
            if (state.compareAndSet(s, s | CLOSED)) {
                if (s == 0) {
                    FileCalls.closeQuietly(fd);
                }
                return;
            }
        }
    }

    String description() {
        return description;
    }
}
