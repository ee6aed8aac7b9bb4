// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import io.netns.testing.CHeaders;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.StructLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every struct layout of the syscall layer has the size, alignment, member offsets and member
 * sizes that gcc computes from the C headers installed on this machine ({@code sizeof},
 * {@code _Alignof}, {@code offsetof}). Members are named as in C, so the check needs no table.
 */
class StructLayoutsTest {

    @Test
    void statx() {
        assertMatchesC(Statx.LAYOUT, "struct statx", "linux/stat.h");
        // the nested timestamps too
        assertThat(Statx.LAYOUT.byteOffset(groupElement("stx_mtime"), groupElement("tv_nsec")))
                .isEqualTo(c("offsetof(struct statx, stx_mtime.tv_nsec)", "linux/stat.h"));
    }

    @Test
    void statfs() {
        assertMatchesC(StatFs.LAYOUT, "struct statfs", "sys/vfs.h");
    }

    @Test
    void sockaddrNl() {
        assertMatchesC(SockaddrNl.LAYOUT, "struct sockaddr_nl", "sys/socket.h", "linux/netlink.h");
        assertThat(SockaddrNl.SIZE).isEqualTo(12);
    }

    @Test
    void ifreq() {
        assertMatchesC(Ifreq.LAYOUT, "struct ifreq", "net/if.h");
    }

    @Test
    void pollfd() {
        assertMatchesC(PollFd.LAYOUT, "struct pollfd", "poll.h");
    }

    private static long c(String expression, String... headers) {
        List<String> includes = new ArrayList<>(List.of("stddef.h"));
        includes.addAll(List.of(headers));
        return CHeaders.values(includes, List.of(expression)).get(expression);
    }

    /** Compares the layout with the C type {@code struct} member by member (padding excepted). */
    private static void assertMatchesC(StructLayout layout, String struct, String... headers) {
        Map<String, Long> java = new LinkedHashMap<>();
        java.put("sizeof(" + struct + ")", layout.byteSize());
        java.put("_Alignof(" + struct + ")", layout.byteAlignment());
        int named = 0;
        for (MemoryLayout member : layout.memberLayouts()) {
            if (member instanceof PaddingLayout) {
                continue;
            }
            String name = member.name().orElseThrow(() -> new AssertionError("unnamed member in " + layout));
            java.put("offsetof(" + struct + ", " + name + ")", layout.byteOffset(groupElement(name)));
            java.put("sizeof(((" + struct + " *) 0)->" + name + ")", member.byteSize());
            named++;
        }
        assertThat(named).as("named members of %s", struct).isPositive();
        List<String> includes = new ArrayList<>(List.of("stddef.h"));
        includes.addAll(List.of(headers));
        assertThat(java).as(struct).isEqualTo(CHeaders.values(includes, java.keySet()));
    }
}
