// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Running out of descriptors when a JVM opens its first namespace-bound channel (issue #11, item
 * 11) must be an ordinary, documented failure of that open, not a broken JDK: before, the JDK's
 * channel classes failed to initialise (ExceptionInInitializerError) and every later channel of
 * the JVM failed with NoClassDefFoundError. A fresh child JVM, with a small descriptor limit,
 * takes every free descriptor before each attempt.
 */
@PrivilegedTest
class ChannelDescriptorLimitTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    @Test
    void emfileIsAnUncheckedIOExceptionAndChannelsWorkOnceDescriptorsAreFree() {
        String name = TempNamespaces.name(temp.create("emfile"));
        String java = ProcessHandle.current().info().command().orElseThrow();
        Ip.Result r = Ip.exec("prlimit", "--nofile=256", java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), ChannelLimitMain.class.getName(), name);
        assertThat(r.exitCode()).as("child stderr: %s", r.stderr()).isZero();
        Map<String, String> seen = new HashMap<>();
        r.stdout().lines().filter(l -> l.contains("=")).forEach(l ->
                seen.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        for (String key : new String[] {"THREAD", "SOCKET", "SERVER", "DATAGRAM"}) {
            assertThat(seen.get(key)).as(key + " in %s", r.stdout())
                    .startsWith("java.io.UncheckedIOException caused by java.")
                    .contains("Too many open files");
        }
        assertThat(seen).as(r.stdout()).containsEntry("AFTER_SOCKET", "opened").containsEntry("AFTER_SERVER", "opened")
                .containsEntry("AFTER_DATAGRAM", "opened");
    }
}
