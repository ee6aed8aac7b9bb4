// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.testing.Ip;
import io.netns.testing.Leaks;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PrivilegedTest
class NamedNamespaceTest {

    @Test
    void createListOpenDeleteRoundTripAgreesWithIp() throws Exception {
        String name = TestNames.unique("round");
        try (NetworkNamespace ns = Netns.create(name)) {
            assertThat(Ip.netnsList()).contains(name);
            assertThat(Netns.list()).contains(name);
            assertThat(Netns.exists(name)).isTrue();
            assertThat(ns.name()).contains(name);
            // the handle is the namespace ip sees under that name
            assertThat(ns.inode()).isEqualTo(Files.readAttributes(Path.of("/run/netns", name), "unix:ino")
                    .get("ino"));
            // a new namespace has only lo, down
            var links = Ip.jsonIn(name, "link", "show");
            assertThat(links).hasSize(1);
            assertThat(links.get(0).get("ifname").asText()).isEqualTo("lo");
            assertThat(links.get(0).get("operstate").asText()).isEqualTo("DOWN");
            try (NetworkNamespace again = Netns.open(name)) {
                assertThat(again).isEqualTo(ns).hasSameHashCodeAs(ns);
            }
            assertThat(Leaks.runDirMounts()).contains("/run/netns/" + name);
        } finally {
            Netns.delete(name);
        }
        assertThat(Ip.netnsList()).doesNotContain(name);
        assertThat(Netns.list()).doesNotContain(name);
        assertThat(Path.of("/run/netns", name)).doesNotExist();
        assertThat(Leaks.runDirMounts()).doesNotContain("/run/netns/" + name);
    }

    @Test
    void namespacesCreatedByIpAreSeenAndDeletable() {
        String name = TestNames.unique("byip");
        Ip.ip("netns", "add", name);
        try {
            assertThat(Netns.list()).contains(name);
            try (NetworkNamespace ns = Netns.open(name)) {
                assertThat(ns.inode()).isPositive();
            }
        } finally {
            Netns.delete(name);
        }
        assertThat(Ip.netnsList()).doesNotContain(name);
    }

    @Test
    void duplicateCreateIsRefusedAndLeavesTheFirstIntact() {
        String name = TestNames.unique("dup");
        try (NetworkNamespace first = Netns.create(name)) {
            assertThatThrownBy(() -> Netns.create(name))
                    .isInstanceOf(NamespaceExistsException.class)
                    .hasMessageContaining(name)
                    .satisfies(e -> assertThat(((NetnsException) e).errno()).isEqualTo(Errno.EEXIST));
            try (NetworkNamespace again = Netns.open(name)) {
                assertThat(again).isEqualTo(first);
            }
            assertThat(Leaks.runDirMounts().stream().filter(m -> m.equals("/run/netns/" + name))).hasSize(1);
        } finally {
            Netns.delete(name);
        }
    }

    @Test
    void deleteAndOpenOfAMissingNameAreNotFound() {
        String name = TestNames.unique("missing");
        assertThatThrownBy(() -> Netns.delete(name))
                .isInstanceOf(NamespaceNotFoundException.class)
                .satisfies(e -> assertThat(((NetnsException) e).errno()).isEqualTo(Errno.ENOENT));
        assertThatThrownBy(() -> Netns.open(name)).isInstanceOf(NamespaceNotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "/abs", "nul\0byte", "new\nline", "tab\tname", "bad\ud800",
            "lossy\ufffd"})
    void namesIproute2OrTheKernelWouldMisreadAreRefusedBeforeAnythingIsCreated(String bad) {
        List<String> before = Leaks.ownRunDirMounts();
        assertThatThrownBy(() -> Netns.create(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Leaks.ownRunDirMounts()).isEqualTo(before);
    }

    /** Runs {@code script} under bash with {@code $name} made from printf escapes (no String holds such bytes). */
    private static Ip.Result withBytes(String printfName, String script) {
        return Ip.exec("bash", "-c", "name=$(printf \"$1\"); " + script, "bash", printfName);
    }

    @Test
    void aNameIpMadeOfBytesThatAreNotUtf8IsNotListedAndItsLossyFormIsRefused() {
        String base = TestNames.unique("bytes");
        String bytes = base + "\\377\\376";   // printf escapes: 0xff 0xfe
        String lossy = base + "\ufffd\ufffd";    // what a decoder makes of them
        withBytes(bytes, "exec ip netns add \"$name\"").orFail("ip netns add");
        try {
            // the library cannot address that file: it does not list it under another name
            assertThat(Netns.list()).noneMatch(n -> n.startsWith(base));
            assertThat(Netns.registry().listStale()).noneMatch(n -> n.startsWith(base));
            // and the lossy form, which would mean other bytes, is refused, not looked up or made
            assertThatThrownBy(() -> Netns.open(lossy)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("U+FFFD");
            assertThatThrownBy(() -> Netns.create(lossy)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Netns.delete(lossy)).isInstanceOf(IllegalArgumentException.class);
            assertThat(Path.of("/run/netns", lossy)).doesNotExist();
            assertThat(withBytes(bytes, "mountpoint -q \"/run/netns/$name\"").exitCode()).isZero();
        } finally {
            withBytes(bytes, "exec ip netns del \"$name\"");
            if (Files.exists(Path.of("/run/netns", lossy))) {
                Ip.exec("ip", "netns", "del", lossy);
            }
        }
        assertThat(withBytes(bytes, "test -e \"/run/netns/$name\"").exitCode()).isNotZero();
    }

    @Test
    void nameOfMoreThan255BytesIsRefused() {
        assertThatThrownBy(() -> Netns.create("x".repeat(256)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NAME_MAX");
        // multi-byte characters count in bytes: 128 x 2 bytes = 256
        assertThatThrownBy(() -> Netns.create("é".repeat(128))).isInstanceOf(IllegalArgumentException.class);
        String longest = TestNames.PREFIX + "x".repeat(255 - TestNames.PREFIX.length());
        try (NetworkNamespace ns = Netns.create(longest)) {
            assertThat(Ip.netnsList()).contains(longest);
        } finally {
            Netns.delete(longest);
        }
    }

    @Test
    void attachNamesTheNamespaceOfAProcess() throws Exception {
        String source = TestNames.unique("attsrc");
        String alias = TestNames.unique("attach");
        try (NetworkNamespace ns = Netns.create(source)) {
            Process sleeper = ns.exec("sleep", "30");
            try {
                try (NetworkNamespace attached = Netns.attach(alias, sleeper.pid())) {
                    assertThat(attached).isEqualTo(ns);
                }
                assertThat(Ip.netnsList()).contains(alias);
                // both names are bound to one namespace; ip prints one of them, as do we
                String ipSays = Ip.ip("netns", "identify", Long.toString(sleeper.pid())).strip();
                assertThat(ipSays).isIn(alias, source);
                assertThat(Netns.identify(sleeper.pid())).get().isIn(alias, source);
            } finally {
                sleeper.destroyForcibly().waitFor();
            }
        } finally {
            Netns.delete(source);
            if (Netns.exists(alias)) {
                Netns.delete(alias);
            }
        }
        assertThat(Ip.netnsList()).doesNotContain(alias, source);
    }

    @Test
    void identifyAndPidsAgreeWithIp() throws Exception {
        String name = TestNames.unique("ident");
        try (NetworkNamespace ns = Netns.create(name)) {
            Process a = ns.exec("sleep", "30");
            Process b = ns.exec("sleep", "30");
            try {
                assertThat(Netns.identify(a.pid())).contains(name);
                assertThat(Ip.ip("netns", "identify", Long.toString(a.pid())).strip()).isEqualTo(name);
                List<Long> ipPids = Ip.ip("netns", "pids", name).lines().map(Long::parseLong).sorted().toList();
                assertThat(ns.pids()).containsExactlyElementsOf(ipPids).contains(a.pid(), b.pid());
                // this JVM is not inside: identify of our own pid names nothing of ours
                assertThat(Netns.identify(ProcessHandle.current().pid())).isNotEqualTo(java.util.Optional.of(name));
            } finally {
                a.destroyForcibly().waitFor();
                b.destroyForcibly().waitFor();
            }
            assertThat(ns.pids()).isEmpty();
        } finally {
            Netns.delete(name);
        }
    }

    @Test
    void identifyOfAMissingProcessIsNotFound() {
        assertThatThrownBy(() -> Netns.identify(Integer.MAX_VALUE)).isInstanceOf(NamespaceNotFoundException.class)
                .hasMessageContaining("no process");
        assertThatThrownBy(() -> Netns.ofPid(Integer.MAX_VALUE)).isInstanceOf(NamespaceNotFoundException.class);
        assertThatThrownBy(() -> Netns.ofPid(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnnamedNamespaceLivesAsLongAsItsHandle() throws Exception {
        java.util.List<String> namesBefore = Ip.netnsList();
        NetworkNamespace ns = Netns.createUnnamed();
        try {
            assertThat(ns.name()).isEmpty();
            assertThat(ns.path()).isEmpty();
            assertThat(Ip.netnsList()).isEqualTo(namesBefore);
            long inside = ns.call(() -> (Long) Files.readAttributes(Path.of("/proc/thread-self/ns/net"), "unix:ino")
                    .get("ino"));
            assertThat(inside).isEqualTo(ns.inode());
            Process p = ns.exec("ip", "-j", "link", "show");
            assertThat(Ip.parse(new String(p.getInputStream().readAllBytes()))).hasSize(1);
            assertThat(p.waitFor()).isZero();
            // a second handle through a process inside is the same namespace
            Process sleeper = ns.exec("sleep", "30");
            try (NetworkNamespace again = Netns.ofPid(sleeper.pid())) {
                assertThat(again).isEqualTo(ns);
            } finally {
                sleeper.destroyForcibly().waitFor();
            }
        } finally {
            ns.close();
        }
    }

    @Test
    void aNamespaceStaysAliveWhileAHandleHoldsItAfterDelete() throws Exception {
        String name = TestNames.unique("alive");
        NetworkNamespace ns = Netns.create(name);
        try {
            Netns.delete(name);
            assertThat(Ip.netnsList()).doesNotContain(name);
            // still usable: a thread inside sees its own loopback only
            long inode = ns.call(() -> (Long) Files.readAttributes(Path.of("/proc/thread-self/ns/net"), "unix:ino")
                    .get("ino"));
            assertThat(inode).isEqualTo(ns.inode());
        } finally {
            ns.close();
        }
    }
}
