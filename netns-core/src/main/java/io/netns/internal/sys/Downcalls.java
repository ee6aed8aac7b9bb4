// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import io.netns.Errno;
import io.netns.NetnsException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * What every downcall of the library shares: the libc lookup, the errno capture and the turning of
 * a failed call into a {@link NetnsException}. The {@code *Calls} classes and {@link Memory} build
 * their handles here; nothing else in the library touches native code.
 *
 * <p>Each method handle is built once, when its class is first used. A call that can fail captures
 * {@code errno} through {@link Linker.Option#captureCallState(String...)} into a per-thread segment
 * (so nothing is allocated on the hot path); {@link #once} and {@link #retrying} hand it back as a
 * negative result, and the caller names the operation and its target in the exception, so that
 * text is only built on failure.
 */
final class Downcalls {
    private Downcalls() {
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /** One errno capture segment per thread, allocated once and freed with the thread. */
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

    /** A call of a {@link #capturing} handle: its first argument is the errno capture segment. */
    @FunctionalInterface
    interface Call {
        /**
         * Invokes the handle.
         *
         * @param capture the calling thread's errno capture segment, to pass as first argument
         * @return the C function's result (negative on failure)
         * @throws Throwable whatever {@code invokeExact} throws
         */
        long invoke(MemorySegment capture) throws Throwable;
    }

    /** A handle of a libc function that cannot fail (or reports failure without errno). */
    static MethodHandle plain(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LIBC.find(name)
                .orElseThrow(() -> new UnsupportedOperationException("libc has no " + name + "()"));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** A handle that captures errno; it takes the capture segment as an extra first argument. */
    static MethodHandle capturing(String name, FunctionDescriptor descriptor) {
        return plain(name, descriptor, CAPTURE_ERRNO);
    }

    /** As {@link #capturing(String, FunctionDescriptor)} for a variadic function. */
    static MethodHandle capturingVariadic(String name, FunctionDescriptor descriptor, int firstVariadicArg) {
        return plain(name, descriptor, CAPTURE_ERRNO, Linker.Option.firstVariadicArg(firstVariadicArg));
    }

    /**
     * Calls once.
     *
     * @return the result when it is {@code >= 0}, else minus the errno
     */
    static long once(Call call) {
        MemorySegment capture = CAPTURE.get();
        long rc;
        try {
            rc = call.invoke(capture);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        return rc >= 0 ? rc : -(int) ERRNO.get(capture, 0L);
    }

    /**
     * Calls once and returns what the C function returned, whatever it is (a pointer, say).
     *
     * @return the raw result; errno is not looked at
     */
    static long raw(Call call) {
        try {
            return call.invoke(CAPTURE.get());
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * Calls, and calls again while it fails with {@code EINTR} (where POSIX allows the retry).
     *
     * @return the result when it is {@code >= 0}, else minus the errno
     */
    static long retrying(Call call) {
        while (true) {
            long rc = once(call);
            if (rc != -Errno.EINTR) {
                return rc;
            }
        }
    }

    /**
     * The exception for a failed call.
     *
     * @param result what {@link #once} or {@link #retrying} returned: minus the errno
     */
    static NetnsException fail(String operation, String target, long result) {
        return new NetnsException(operation, target, (int) -result);
    }

    /** An unexpected throwable from {@code invokeExact}: rethrown as is when unchecked. */
    static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("downcall failed", t);
    }

    /**
     * The address of a native segment, as a {@link Syscall} argument. A heap segment has no address
     * the kernel could use: refused here, as a downcall with an {@code ADDRESS} parameter would.
     */
    static long ptr(MemorySegment segment) {
        if (!segment.isNative()) {
            throw new IllegalArgumentException("a system call needs native memory, not " + segment);
        }
        return segment.address();
    }

    /** A C string in {@code arena}, or NULL for {@code null}. */
    static MemorySegment cstr(Arena arena, String s) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s);
    }
}
