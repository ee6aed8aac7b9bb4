// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.testing.Ip;
import io.netns.testing.Leaks;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TestNames;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A JVM killed with SIGKILL in the middle of {@code Netns.create} must not make the library
 * misbehave later. A child JVM pauses at a checkpoint of create and is killed there for real.
 */
@PrivilegedTest
class CrashLeftoversTest {

    /** Starts the child, waits until it stands at {@code checkpoint}, then kills it with SIGKILL. */
    private static void killAt(String name, String checkpoint) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), CrashMain.class.getName(), name, checkpoint)
                .redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.equals("AT " + checkpoint)) {
                    p.toHandle().destroyForcibly();
                    break;
                }
            }
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }

    @Test
    void killedBetweenCreatingTheFileAndMountingIt() throws Exception {
        String name = TestNames.unique("crash-file");
        Path file = Path.of("/run/netns", name);
        try {
            killAt(name, "create:file-created");
            // what the dead process left: an empty file, no mount
            assertThat(file).exists().isEmptyFile();
            assertThat(Leaks.runDirMounts()).doesNotContain(file.toString());
            assertThat(Netns.list()).doesNotContain(name);
            assertThat(Netns.registry().listStale()).contains(name);
            assertThat(Netns.exists(name)).isFalse();
            assertThatThrownBy(() -> Netns.open(name)).isInstanceOf(NotANetworkNamespaceException.class);
            // the lock the dead process held is gone: create does not hang, it explains
            assertThatThrownBy(() -> Netns.create(name)).isInstanceOf(NamespaceExistsException.class)
                    .hasMessageContaining("interrupted create");
            Netns.delete(name);
            assertThat(file).doesNotExist();
            try (NetworkNamespace ns = Netns.create(name)) {
                assertThat(Ip.netnsList()).contains(name);
            }
        } finally {
            if (Files.exists(file)) {
                Netns.delete(name);
            }
        }
        assertThat(Ip.netnsList()).doesNotContain(name);
    }

    @Test
    void killedAfterMountingLeavesAWholeNamespaceThatDeleteRemoves() throws Exception {
        String name = TestNames.unique("crash-mount");
        Path file = Path.of("/run/netns", name);
        try {
            killAt(name, "create:mounted");
            // the kernel object and its name are complete, only the handle was never returned
            assertThat(Netns.list()).contains(name);
            assertThat(Ip.netnsList()).contains(name);
            try (NetworkNamespace ns = Netns.open(name)) {
                assertThat(ns.call(EnterTest::threadNetInode)).isEqualTo(ns.inode());
            }
            assertThatThrownBy(() -> Netns.create(name)).isInstanceOf(NamespaceExistsException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("interrupted"));
            Netns.delete(name);
            assertThat(file).doesNotExist();
            assertThat(Leaks.runDirMounts()).doesNotContain(file.toString());
        } finally {
            if (Files.exists(file)) {
                Netns.delete(name);
            }
        }
    }
}
