// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.internal;


import io.netns.netlink.wire.MessageWriter;

import java.lang.foreign.MemorySegment;

/**
 * C-heap buffers for socket writers (malloc/realloc/free): {@code send} needs native memory, and
 * opening and closing a socket must stay cheap (closing a shared arena costs a handshake with
 * every thread).
 */
final class NativeMemory implements MessageWriter.Memory {
    static final NativeMemory INSTANCE = new NativeMemory();

    private NativeMemory() {
    }

    @Override
    public MemorySegment allocate(long bytes) {
        return io.netns.internal.sys.Memory.malloc(bytes);
    }

    @Override
    public MemorySegment grow(MemorySegment old, long bytes) {
        return io.netns.internal.sys.Memory.realloc(old, bytes);
    }

    @Override
    public void release(MemorySegment buffer) {
        io.netns.internal.sys.Memory.free(buffer);
    }
}
