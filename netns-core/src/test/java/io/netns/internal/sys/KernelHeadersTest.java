// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import io.netns.testing.CHeaders;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java copies of kernel ABI numbers agree with the headers installed on this machine. */
class KernelHeadersTest {

    @Test
    void everyLinuxConstantMatchesTheCHeaders() {
        Map<String, Long> java = CHeaders.javaConstants(Linux.class);
        Map<String, Long> c = CHeaders.values(List.of("fcntl.h", "sched.h", "sys/mount.h", "sys/file.h",
                "sys/socket.h", "sys/stat.h", "sys/statvfs.h", "poll.h", "linux/magic.h", "linux/nsfs.h",
                "linux/if_tun.h", "linux/stat.h", "net/if.h", "sys/syscall.h"), java.keySet());
        assertThat(java).hasSizeGreaterThan(50);
        assertThat(java).isEqualTo(c);
    }

    /** The system call numbers of {@link Syscall} are the {@code SYS_*} of this machine's headers. */
    @Test
    void everySyscallNumberMatchesTheCHeaders() throws IllegalAccessException {
        Map<String, Long> java = new java.util.TreeMap<>();
        for (var f : Syscall.class.getDeclaredFields()) {
            if (f.getName().startsWith("SYS_")) {
                java.put(f.getName(), f.getLong(null));
            }
        }
        assertThat(java).hasSizeGreaterThan(20);
        assertThat(java).isEqualTo(new java.util.TreeMap<>(CHeaders.values(List.of("sys/syscall.h"), java.keySet())));
    }
}
