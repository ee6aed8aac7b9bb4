// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static io.netns.EnterTest.threadNetInode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PrivilegedTest
class ExecTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    static String output(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("exit status; stderr: %s", err).isZero();
        return out;
    }

    @Test
    void ipLinkInAFreshNamespaceListsOnlyLoopback() throws Exception {
        NetworkNamespace ns = temp.create("exec-ip");
        String out = output(ns.exec("ip", "-j", "link", "show"));
        var links = Ip.parse(out);
        assertThat(links).hasSize(1);
        assertThat(links.get(0).get("ifname").asText()).isEqualTo("lo");
        // the same view as iproute2's own ip netns exec
        assertThat(Ip.parse(Ip.exec("ip", "netns", "exec", ns.name().orElseThrow(), "ip", "-j", "link", "show")
                .stdout()).get(0).get("ifindex")).isEqualTo(links.get(0).get("ifindex"));
    }

    @Test
    void sysClassNetShowsTheNamespacesDevices() throws Exception {
        NetworkNamespace ns = temp.create("exec-sys");
        assertThat(output(ns.exec("ls", "/sys/class/net")).split("\\s+")).containsExactly("lo");
        // the JVM's own /sys is untouched
        try (Stream<Path> host = Files.list(Path.of("/sys/class/net"))) {
            assertThat(host.map(p -> p.getFileName().toString()).toList()).contains("lo").hasSizeGreaterThan(1);
        }
    }

    @Test
    void theProcessIsInTheNamespaceAndTheCallerIsNot() throws Exception {
        NetworkNamespace ns = temp.create("exec-ns");
        long home = threadNetInode();
        String link = output(ns.exec("readlink", "/proc/self/ns/net")).strip();
        assertThat(link).isEqualTo("net:[" + ns.inode() + "]");
        assertThat(threadNetInode()).isEqualTo(home);
    }

    @Test
    void filesOfEtcNetnsNameReplaceTheirNamesakes() throws Exception {
        NetworkNamespace ns = temp.create("exec-etc");
        Path dir = Path.of("/etc/netns", ns.name().orElseThrow());
        Files.createDirectories(dir);
        try {
            Files.writeString(dir.resolve("hosts"), "198.18.7.7 only-in-this-namespace\n");
            String hosts = output(ns.exec("cat", "/etc/hosts"));
            assertThat(hosts).isEqualTo("198.18.7.7 only-in-this-namespace\n");
            assertThat(Files.readString(Path.of("/etc/hosts"))).doesNotContain("only-in-this-namespace");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void argumentsArePassedAsTheyAreWithoutAShell() throws Exception {
        NetworkNamespace ns = temp.create("exec-args");
        String out = output(ns.exec("printf", "%s|", "a b", "$HOME", "; echo injected"));
        assertThat(out).isEqualTo("a b|$HOME|; echo injected|");
    }

    @Test
    void aProcessBuilderKeepsItsSettings() throws Exception {
        NetworkNamespace ns = temp.create("exec-pb");
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "echo $NETNS_TEST_VAR; pwd").directory(Path.of("/tmp").toFile());
        pb.environment().put("NETNS_TEST_VAR", "kept");
        assertThat(output(ns.start(pb)).lines().toList()).containsExactly("kept", "/tmp");
    }

    @Test
    void aMissingProgramIsAnUncheckedIoExceptionAndLeavesNothing() {
        NetworkNamespace ns = temp.create("exec-missing");
        List<String> mountsBefore = io.netns.testing.Leaks.ownRunDirMounts();
        assertThatThrownBy(() -> ns.exec("/nonexistent/program")).isInstanceOf(java.io.UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(io.netns.testing.Leaks.ownRunDirMounts()).isEqualTo(mountsBefore);
        assertThatThrownBy(ns::exec).isInstanceOf(IllegalArgumentException.class);
    }
}
