// SPDX-License-Identifier: Apache-2.0
package io.netns.examples.demo;

import io.netns.Netns;
import io.netns.testing.Ip;
import io.netns.testing.Leaks;
import io.netns.testing.PrivilegedTest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@PrivilegedTest
class SeedDemoTest {
    static {
        Leaks.watch(SeedDemo.NAMES);
    }

    private static List<String> demoNamespaces() {
        return Ip.netnsList().stream().filter(SeedDemo.NAMES::contains).toList();
    }

    @Test
    void theDemoBuildsTheTopologyExchangesTcpAndLeavesNothing() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SeedDemo demo = new SeedDemo(new PrintStream(buf, true, StandardCharsets.UTF_8), false);
        List<String> mountsBefore = Leaks.ownRunDirMounts();
        boolean clean;
        try {
            demo.runSteps();
            // while it stands, ip sees what the demo printed
            assertThat(demoNamespaces()).containsExactlyInAnyOrderElementsOf(SeedDemo.NAMES);
            assertThat(Ip.in("demo-ns2", "route", "show")).contains("default via 198.18.2.1 dev v21");
            assertThat(Ip.jsonIn("demo-sw", "link", "show", "master", "br0")).hasSize(2);
        } finally {
            clean = demo.teardownAndVerify();
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("$ ip netns add demo-ns1", "$ ip -n demo-ns2 route add default via 198.18.2.1",
                "echoed \"hello from 198.18.1.1", "echoed \"hello from 198.18.3.1", "nothing left");
        assertThat(out.lines().filter(l -> l.startsWith("  echoed \"hello")).count()).isEqualTo(3);
        assertThat(clean).isTrue();
        assertThat(demoNamespaces()).isEmpty();
        assertThat(Leaks.ownRunDirMounts()).isEqualTo(mountsBefore);
    }

    @Test
    void anInterruptedDemoTearsDownAndARerunWorks() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "io.netns.examples.Main", "demo")
                .redirectErrorStream(true).start();
        List<String> seen = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                seen.add(line);
                if (line.startsWith("== 3.")) {
                    p.toHandle().destroy(); // SIGTERM, like Ctrl-C: the shutdown hook tears down
                }
            }
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).anyMatch(l -> l.startsWith("== 3.")).anyMatch(l -> l.contains("Teardown"));
        assertThat(demoNamespaces()).as("after SIGTERM: %s", seen).isEmpty();
        // a kill -9 leaves everything; the next run removes it first
        Process killed = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "io.netns.examples.Main", "demo")
                .redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(killed.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("== 2.")) {
                    killed.toHandle().destroyForcibly();
                }
            }
        }
        killed.waitFor(30, TimeUnit.SECONDS);
        assertThat(demoNamespaces()).isNotEmpty();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SeedDemo rerun = new SeedDemo(new PrintStream(buf, true, StandardCharsets.UTF_8), false);
        try {
            rerun.runSteps();
        } finally {
            assertThat(rerun.teardownAndVerify()).isTrue();
        }
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("left by an earlier run");
        assertThat(demoNamespaces()).isEmpty();
        assertThat(Netns.registry().listStale()).doesNotContainAnyElementsOf(SeedDemo.NAMES);
    }
}
