// SPDX-License-Identifier: Apache-2.0
package io.netns;

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

/** {@link Errno}'s numbers, names and texts agree with the headers installed on this machine. */
class ErrnoTest {

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
                assertThat(Errno.describe(number)).isEqualTo(m.group(3));
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
        // every name has its constant
        assertThat(javaNamed.keySet()).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void unknownErrnoNumbersStillGetAName() {
        assertThat(Errno.name(0)).isEqualTo("OK");
        assertThat(Errno.name(9999)).isEqualTo("E9999");
        assertThat(Errno.describe(-1)).isEqualTo("Unknown error -1");
    }

    @Test
    void anExceptionWithoutErrnoIsNamedAsErrnoNamesZero() {
        assertThat(new NetnsException("no kernel involved").errnoName()).isEqualTo(Errno.name(0)).isEqualTo("OK");
        assertThat(new NetnsException("open", "/x", Errno.ENOENT).errno()).isEqualTo(Errno.ENOENT);
    }
}
