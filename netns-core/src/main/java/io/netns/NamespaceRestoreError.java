// SPDX-License-Identifier: Apache-2.0
package io.netns;

/**
 * Restoring a thread's previous network namespace failed, so the thread is still inside the
 * namespace it entered.
 *
 * <p>This is an {@link Error}, not an exception, because code that catches exceptions and carries
 * on would then run in the wrong namespace. After it is thrown the library marks the thread
 * <em>poisoned</em>: every later {@link NetworkNamespace#enter()} on it throws this error again.
 * Threads owned by the library (the pinned executors behind {@code run} and {@code call}) are
 * retired and replaced, never returned to a pool. A thread of the caller cannot be stopped by a
 * library; let the error end it.
 */
public final class NamespaceRestoreError extends Error {
    private static final long serialVersionUID = 1L;

    NamespaceRestoreError(String message, Throwable cause) {
        super(message, cause);
    }
}
