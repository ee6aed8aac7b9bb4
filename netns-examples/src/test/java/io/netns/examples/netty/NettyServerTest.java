// SPDX-License-Identifier: Apache-2.0
package io.netns.examples.netty;

import io.netns.Netns;
import io.netns.testing.PrivilegedTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Netty example serves one port in three namespaces at once, and leaves nothing behind. */
@PrivilegedTest
class NettyServerTest {
    @Test
    void servesTheSamePortInThreeNamespaces() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Map<String, String> replies = NettyServer.run(new PrintStream(buf, true, StandardCharsets.UTF_8));
        String printed = buf.toString(StandardCharsets.UTF_8);

        long pid = ProcessHandle.current().pid();
        assertThat(replies).containsOnlyKeys("ex-netty-a-" + pid, "ex-netty-b-" + pid, "ex-netty-c-" + pid);
        Set<String> inodes = new HashSet<>();
        int i = 0;
        for (Map.Entry<String, String> e : replies.entrySet()) {
            assertThat(e.getValue()).startsWith("hello from " + e.getKey() + " (net:[")
                    .contains(" to /198.18." + (100 + i) + ".2:");
            inodes.add(e.getValue().substring(e.getValue().indexOf("net:["), e.getValue().indexOf(']') + 1));
            i++;
        }
        assertThat(inodes).hasSize(3);
        assertThat(printed.lines().filter(l -> l.startsWith("listening on ") && l.contains(":"
                + NettyServer.PORT + " in ex-netty-"))).hasSize(3);
        for (String name : replies.keySet()) {
            assertThat(Netns.exists(name)).isFalse();
        }
        assertThat(Netns.exists("ex-netty-cli-" + pid)).isFalse();
    }
}
