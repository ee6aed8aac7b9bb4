// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rootless mode: a JVM started by an unprivileged user under {@code unshare -Urnm} cannot
 * write /run/netns but runs the whole library against a run directory of its own.
 */
@PrivilegedTest
class RootlessTest {

    @Test
    void anUnprivilegedUserInAUserNamespaceCreatesEntersExecsAndDeletes() throws Exception {
        Path copy = Files.createTempDirectory("netns-rootless");
        try {
            // the build tree may not be readable by nobody (a clone under /root): copy the classes
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path classes = Path.of(RootlessMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path main = Path.of(Netns.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            copyTree(classes, copy.resolve("test-classes"));
            copyTree(main, copy.resolve("classes"));
            String java = ProcessHandle.current().info().command().orElseThrow();
            Path runDir = Path.of("/tmp", "netns-rootless-run-" + ProcessHandle.current().pid());
            List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    "--", "unshare", "--user", "--map-root-user", "--net", "--mount",
                    java, "--enable-native-access=ALL-UNNAMED",
                    "-cp", copy.resolve("classes") + ":" + copy.resolve("test-classes"),
                    RootlessMain.class.getName(), runDir.toString()));
            Ip.Result r = Ip.exec(cmd.toArray(String[]::new));
            assertThat(r.exitCode()).as("child stderr: %s", r.stderr()).isZero();
            assertThat(r.stderr()).as("no native-access warning").doesNotContain("WARNING");
            Map<String, String> seen = new HashMap<>();
            r.stdout().lines().filter(l -> l.contains("=")).forEach(l ->
                    seen.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
            assertThat(seen.get("ENV_USERNS")).isEqualTo("true");
            assertThat(seen.get("HOST_RUN_DIR")).isIn("EACCES", "EPERM");
            assertThat(seen.get("LIST")).isEqualTo("rl");
            assertThat(seen.get("CALL_INODE")).isEqualTo(seen.get("INODE"));
            assertThat(seen.get("ENTER_INODE")).isEqualTo(seen.get("INODE"));
            assertThat(seen.get("EXEC")).isEqualTo("lo");
            assertThat(seen.get("OPEN_SAME")).isEqualTo("true");
            assertThat(seen.get("AFTER_DELETE")).isEmpty();
            // nothing of the child is visible to the host
            assertThat(Ip.netnsList()).doesNotContain("rl", "rootless-denied");
            Files.deleteIfExists(runDir.resolve("netns"));
            Files.deleteIfExists(runDir);
        } finally {
            try (Stream<Path> files = Files.walk(copy)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
