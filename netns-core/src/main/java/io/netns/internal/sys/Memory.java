// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static io.netns.internal.sys.Downcalls.plain;
import static io.netns.internal.sys.Downcalls.unexpected;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The C heap: {@code malloc}, {@code realloc}, {@code free}. For buffers that live as long as a
 * socket or a thread, where an arena would be either too confined or too costly to close.
 */
public final class Memory {
    private Memory() {
    }

    // one descriptor for the three (see Syscall for why): (long, long) -> long; malloc and free ignore
    // the second argument register and free's return register is not read
    private static final FunctionDescriptor LONG_LONG_TO_LONG = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle MALLOC = plain("malloc", LONG_LONG_TO_LONG);
    private static final MethodHandle REALLOC = plain("realloc", LONG_LONG_TO_LONG);
    private static final MethodHandle FREE = plain("free", LONG_LONG_TO_LONG);

    /**
     * {@code malloc(size)}: native memory that is neither zeroed nor tied to an arena. Large blocks
     * come from mmap and cost nothing until touched, and freeing needs no handshake with other
     * threads (closing a shared arena does). Pair with {@link #free}.
     *
     * @return a segment of {@code size} bytes
     * @throws OutOfMemoryError if the C library has no memory
     */
    public static MemorySegment malloc(long size) {
        MemorySegment p;
        try {
            p = MemorySegment.ofAddress((long) MALLOC.invokeExact(size, 0L));
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (p.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("malloc(" + size + ") failed");
        }
        return p.reinterpret(size);
    }

    /** {@code realloc(segment, size)}: the old segment must not be used afterwards. */
    public static MemorySegment realloc(MemorySegment segment, long size) {
        MemorySegment p;
        try {
            p = MemorySegment.ofAddress((long) REALLOC.invokeExact(Downcalls.ptr(segment), size));
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (p.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("realloc(" + size + ") failed");
        }
        return p.reinterpret(size);
    }

    /** {@code free(segment)} of memory from {@link #malloc}; the segment must not be used afterwards. */
    public static void free(MemorySegment segment) {
        try {
            long ignored = (long) FREE.invokeExact(Downcalls.ptr(segment), 0L);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }
}
