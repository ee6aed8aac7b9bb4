// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static io.netns.internal.sys.Downcalls.plain;
import static io.netns.internal.sys.Downcalls.unexpected;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The C heap: {@code malloc}, {@code realloc}, {@code free}. For buffers that live as long as a
 * socket or a thread, where an arena would be either too confined or too costly to close.
 */
public final class Memory {
    private Memory() {
    }

    private static final MethodHandle MALLOC = plain("malloc", FunctionDescriptor.of(ADDRESS, JAVA_LONG));
    private static final MethodHandle REALLOC = plain("realloc", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle FREE = plain("free", FunctionDescriptor.ofVoid(ADDRESS));

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
            p = (MemorySegment) MALLOC.invokeExact(size);
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
            p = (MemorySegment) REALLOC.invokeExact(segment, size);
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
            FREE.invokeExact(segment);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }
}
