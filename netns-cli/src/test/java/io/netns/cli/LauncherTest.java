// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI as {@code bin/netns} runs it: a separate JVM on the module path, with native access
 * granted to {@code io.netns} only. Surefire runs before {@code package}, so the test does not
 * call {@code bin/netns} (which would build the jar); it starts the same command line bin/netns
 * ends with, taking the module path from this JVM's class path (the modules' classes directories
 * and the Jackson jars).
 */
@PrivilegedTest
class LauncherTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    static String modulePath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(e).getFileName().toString();
            boolean moduleClasses = e.endsWith("/target/classes") && (e.contains("netns-core") || e.contains("netns-netlink")
                    || e.contains("netns-cli"));
            boolean moduleJar = name.matches("netns-(core|netlink)-.*\\.jar") && !name.contains("tests");
            boolean jackson = name.matches("jackson-(core|databind|annotations)-.*\\.jar");
            if (moduleClasses || moduleJar || jackson) {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    @Test
    void moduleLauncherPrintsWhatIpPrints() {
        String n = TempNamespaces.name(temp.create("launch"));
        Ip.in(n, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        Ip.in(n, "link", "set", "v0", "up");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Ip.Result r = Ip.exec(java, "--enable-native-access=io.netns", "-p", modulePath(), "-m",
                "io.netns.cli/io.netns.cli.Main", "-n", n, "link", "show");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo(Ip.in(n, "link", "show"));

        Ip.Result bad = Ip.exec(java, "--enable-native-access=io.netns", "-p", modulePath(), "-m",
                "io.netns.cli/io.netns.cli.Main", "-n", n, "link", "del", "nosuch");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stderr()).isEqualTo("Cannot find device \"nosuch\"\n");
    }
}
