// SPDX-License-Identifier: Apache-2.0
package io.netns;

import java.util.concurrent.Callable;

/**
 * A {@link Callable} whose checked exception type is a type parameter, so
 * {@link NetworkNamespace#call(ThrowingCallable)} rethrows exactly what the lambda throws: nothing
 * checked for {@code () -> 42}, {@code IOException} for a lambda that opens a file.
 *
 * @param <T> the result type
 * @param <X> the checked exception the task may throw ({@link RuntimeException} when none)
 */
@FunctionalInterface
public interface ThrowingCallable<T, X extends Exception> extends Callable<T> {
    /**
     * Computes the result.
     *
     * @return the result
     * @throws X when the task fails
     */
    @Override
    T call() throws X;
}
