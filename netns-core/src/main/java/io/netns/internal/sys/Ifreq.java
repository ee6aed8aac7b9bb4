// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * {@code struct ifreq} of {@code net/if.h} as the tun ioctls use it: the interface name and, from
 * the union that follows it, {@code ifr_flags}. The rest of the union (40 bytes in all on 64-bit,
 * aligned as its {@code unsigned long} members) is padding here.
 */
final class Ifreq {
    private Ifreq() {
    }

    /** The layout; member names are the C macro names ({@code ifr_flags} is {@code ifr_ifru.ifru_flags}). */
    static final StructLayout LAYOUT = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(Linux.IFNAMSIZ, JAVA_BYTE).withName("ifr_name"),
            JAVA_SHORT.withName("ifr_flags"),
            MemoryLayout.paddingLayout(22)).withByteAlignment(8).withName("ifreq");

    private static final long NAME_OFFSET = LAYOUT.byteOffset(groupElement("ifr_name"));
    private static final VarHandle FLAGS = LAYOUT.varHandle(groupElement("ifr_flags"));

    /**
     * A zeroed request naming {@code name} with {@code flags}.
     *
     * @throws IllegalArgumentException if the name does not fit {@code IFNAMSIZ} with its NUL
     */
    static MemorySegment of(Arena arena, String name, int flags) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length >= Linux.IFNAMSIZ) {
            throw new IllegalArgumentException("interface name must have 1 to " + (Linux.IFNAMSIZ - 1)
                    + " bytes: \"" + name + "\"");
        }
        MemorySegment ifr = arena.allocate(LAYOUT);
        MemorySegment.copy(bytes, 0, ifr, JAVA_BYTE, NAME_OFFSET, bytes.length);
        FLAGS.set(ifr, 0L, (short) flags);
        return ifr;
    }
}
