// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * {@code struct sockaddr_nl} of {@code linux/netlink.h}: a netlink socket's address, the family,
 * the port id (0 is the kernel) and a bitmask of multicast groups 1..32.
 */
public final class SockaddrNl {
    private SockaddrNl() {
    }

    /** The layout; member names are the C names. */
    static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_SHORT.withName("nl_family"),
            JAVA_SHORT.withName("nl_pad"),
            JAVA_INT.withName("nl_pid"),
            JAVA_INT.withName("nl_groups")).withName("sockaddr_nl");

    /** {@code sizeof(struct sockaddr_nl)}: 12. */
    public static final int SIZE = (int) LAYOUT.byteSize();

    private static final VarHandle FAMILY = LAYOUT.varHandle(groupElement("nl_family"));
    private static final VarHandle PID = LAYOUT.varHandle(groupElement("nl_pid"));

    /**
     * A zeroed address of family {@link Linux#AF_NETLINK}: port id 0 (bound, the kernel picks
     * one) and no groups.
     */
    public static MemorySegment allocate(Arena arena) {
        MemorySegment addr = arena.allocate(LAYOUT);
        FAMILY.set(addr, 0L, (short) Linux.AF_NETLINK);
        return addr;
    }

    /** {@return the port id ({@code nl_pid}): the socket's own after bind, 0 for the kernel} */
    public static int portId(MemorySegment addr) {
        return (int) PID.get(addr, 0L);
    }
}
