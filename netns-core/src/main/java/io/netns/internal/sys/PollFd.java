// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/** {@code struct pollfd} of {@code poll.h}: one descriptor to wait on. */
final class PollFd {
    private PollFd() {
    }

    /** The layout; member names are the C names. */
    static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"),
            JAVA_SHORT.withName("events"),
            JAVA_SHORT.withName("revents")).withName("pollfd");

    private static final VarHandle FD = LAYOUT.varHandle(groupElement("fd"));
    private static final VarHandle EVENTS = LAYOUT.varHandle(groupElement("events"));
    private static final VarHandle REVENTS = LAYOUT.varHandle(groupElement("revents"));

    /** Asks for {@code events} on {@code fd}, clearing what an earlier poll returned. */
    static void set(MemorySegment pollfd, int fd, short events) {
        FD.set(pollfd, 0L, fd);
        EVENTS.set(pollfd, 0L, events);
        REVENTS.set(pollfd, 0L, (short) 0);
    }
}
