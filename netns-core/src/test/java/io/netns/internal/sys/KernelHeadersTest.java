package io.netns.internal.sys;

import io.netns.testing.CHeaders;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java copies of kernel ABI numbers agree with the headers installed on this machine. */
class KernelHeadersTest {

    @Test
    void everyLinuxConstantMatchesTheCHeaders() {
        Map<String, Long> java = CHeaders.javaConstants(Linux.class);
        Map<String, Long> c = CHeaders.values(List.of("fcntl.h", "sched.h", "sys/mount.h", "sys/file.h",
                "sys/socket.h", "sys/stat.h", "sys/statvfs.h", "poll.h", "linux/magic.h", "linux/nsfs.h",
                "linux/if_tun.h", "linux/stat.h"), java.keySet());
        assertThat(java).hasSizeGreaterThan(50);
        assertThat(java).isEqualTo(c);
    }

    @Test
    void errnoNamesAndNumbersMatchTheHeaders() throws IOException {
        Pattern define = Pattern.compile("^#define\\s+(E[A-Z0-9]+)\\s+(\\d+)\\s*/\\*\\s*(.*?)\\s*\\*/", Pattern.MULTILINE);
        List<String> names = new ArrayList<>();
        int count = 0;
        for (String header : List.of("/usr/include/asm-generic/errno-base.h", "/usr/include/asm-generic/errno.h")) {
            Matcher m = define.matcher(Files.readString(Path.of(header)));
            while (m.find()) {
                int number = Integer.parseInt(m.group(2));
                assertThat(Errno.name(number)).as("errno %d", number).isEqualTo(m.group(1));
                assertThat(Errno.description(number)).isEqualTo(m.group(3));
                names.add(m.group(1));
                count++;
            }
        }
        assertThat(count).isEqualTo(Errno.known());
        // and the numbers the C library compiles to (the headers of this architecture) agree
        Map<String, Long> c = CHeaders.values(List.of("errno.h"), names);
        c.forEach((name, value) -> assertThat(Errno.name(value.intValue())).isEqualTo(name));
        Map<String, Long> javaNamed = CHeaders.javaConstants(Errno.class);
        assertThat(CHeaders.values(List.of("errno.h"), javaNamed.keySet())).isEqualTo(javaNamed);
    }

    @Test
    void unknownErrnoNumbersStillGetAName() {
        assertThat(Errno.name(0)).isEqualTo("OK");
        assertThat(Errno.name(9999)).isEqualTo("E9999");
        assertThat(Errno.description(-1)).isEqualTo("Unknown error -1");
    }
}
