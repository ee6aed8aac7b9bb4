// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;


/**
 * The C heap: {@code malloc}, {@code realloc}, {@code free}. For buffers that live as long as a
 * socket or a thread, where an arena would be either too confined or too costly to close.
 */
public final class Memory {
    private Memory() {
    }

    // through the stub of syscall(2) (see Syscall for why): no native stub of their own
    private static final MethodHandle MALLOC = Syscall.sameStub("malloc");
    private static final MethodHandle REALLOC = Syscall.sameStub("realloc");
    private static final MethodHandle FREE = Syscall.sameStub("free");

    /**
     * {@code malloc(size)}: native memory that is neither zeroed nor tied to an arena. Large blocks
     * come from mmap and cost nothing until touched, and freeing needs no handshake with other
     * threads (closing a shared arena does). Pair with {@link #free}.
     *
     * @return a segment of {@code size} bytes
     * @throws OutOfMemoryError if the C library has no memory
     */
    public static MemorySegment malloc(long size) {
        MemorySegment p = MemorySegment.ofAddress(
                Downcalls.raw(c -> (long) MALLOC.invokeExact(c, size, 0L, 0L, 0L, 0L, 0L, 0L)));
        if (p.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("malloc(" + size + ") failed");
        }
        return p.reinterpret(size);
    }

    /** {@code realloc(segment, size)}: the old segment must not be used afterwards. */
    public static MemorySegment realloc(MemorySegment segment, long size) {
        long old = Downcalls.ptr(segment);
        MemorySegment p = MemorySegment.ofAddress(
                Downcalls.raw(c -> (long) REALLOC.invokeExact(c, old, size, 0L, 0L, 0L, 0L, 0L)));
        if (p.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("realloc(" + size + ") failed");
        }
        return p.reinterpret(size);
    }

    /** {@code free(segment)} of memory from {@link #malloc}; the segment must not be used afterwards. */
    public static void free(MemorySegment segment) {
        long p = Downcalls.ptr(segment);
        Downcalls.raw(c -> (long) FREE.invokeExact(c, p, 0L, 0L, 0L, 0L, 0L, 0L));
    }
}
