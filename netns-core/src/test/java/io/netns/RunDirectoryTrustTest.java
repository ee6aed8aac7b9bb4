// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.FaultInjection;
import io.netns.internal.sys.FileCalls;
import io.netns.internal.sys.Linux;
import io.netns.testing.Ip;
import io.netns.testing.Leaks;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run directory of one's own is not trusted by its path (issue #11, item 10): a symlink on the
 * path is not followed, a directory others can write is refused, and the namespace is mounted
 * through descriptors onto the very file create made, so swapping that file for a symlink cannot
 * make root mount a namespace over another file. The oracle is /proc/self/mountinfo.
 */
@PrivilegedTest
class RunDirectoryTrustTest {
    private Path base;

    @BeforeEach
    void base() throws IOException {
        // under /tmp (sticky), mode 0700, owned by root: a trusted place to build the cases in
        base = Files.createTempDirectory("netns-trust-" + ProcessHandle.current().pid() + "-");
    }

    @AfterEach
    void cleanUp() throws IOException {
        FaultInjection.checkpoint = null;
        // whatever a failing run mounted under base (deepest first), then the files
        List<String> mounts = mountsUnder(base);
        mounts.sort(Comparator.comparing(String::length).reversed());
        for (String m : mounts) {
            FileCalls.umount2(m, Linux.MNT_DETACH);
        }
        try (Stream<Path> files = Files.walk(base)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Mount points at or below {@code dir}, from this process's mountinfo (octal escapes undone). */
    static List<String> mountsUnder(Path dir) throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String point = EnvironmentReport.unescape(line.split(" ")[4]);
            if (point.equals(dir.toString()) || point.startsWith(dir + "/")) {
                found.add(point);
            }
        }
        return found;
    }

    @Test
    void aSymlinkOnThePathIsRefusedNotFollowed() throws Exception {
        Path real = Files.createDirectory(base.resolve("real"));
        Path link = Files.createSymbolicLink(base.resolve("link"), real);
        String name = TestNames.unique("trust-sym");
        for (Path runDir : List.of(link.resolve("netns"), link)) {
            NamespaceRegistry registry = Netns.registry(runDir);
            assertThatThrownBy(() -> registry.create(name)).isInstanceOf(NetnsException.class)
                    .hasMessageContaining("symbolic link").hasMessageContaining(link.toString())
                    .hasMessageContaining(real.toString()) // the real directory, to name instead
                    .satisfies(e -> assertThat(((NetnsException) e).errno()).isEqualTo(Errno.ELOOP));
            assertThatThrownBy(registry::list).isInstanceOf(NetnsException.class).hasMessageContaining("symbolic link");
            assertThatThrownBy(() -> registry.open(name)).isInstanceOf(NetnsException.class)
                    .hasMessageContaining("symbolic link");
            assertThatThrownBy(() -> registry.delete(name)).isInstanceOf(NetnsException.class)
                    .hasMessageContaining("symbolic link");
        }
        // nothing was made or mounted behind the link
        try (Stream<Path> inside = Files.list(real)) {
            assertThat(inside).isEmpty();
        }
        assertThat(mountsUnder(base)).isEmpty();
        // the real path works
        try (NetworkNamespace ns = Netns.registry(real).create(name)) {
            assertThat(Netns.registry(real).list()).containsExactly(name);
        } finally {
            Netns.registry(real).delete(name);
        }
        assertThat(mountsUnder(real)).containsExactly(real.toString()); // the directory's own bind mount
    }

    @Test
    void aRunDirectoryOthersCanWriteIsRefusedBeforeAnythingIsMade() throws Exception {
        String name = TestNames.unique("trust-perm");
        for (String mode : List.of("0777", "0775", "0757", "1777", "0702")) {
            Path dir = Files.createDirectory(base.resolve("mode" + mode));
            Ip.exec("chmod", mode, dir.toString()).orFail("chmod");
            NamespaceRegistry registry = Netns.registry(dir);
            assertThatThrownBy(() -> registry.create(name)).as(mode).isInstanceOf(NetnsException.class)
                    .hasMessageContaining("writable by").hasMessageContaining("chmod go-w " + dir);
            assertThatThrownBy(registry::list).isInstanceOf(NetnsException.class).hasMessageContaining("writable by");
            try (Stream<Path> inside = Files.list(dir)) {
                assertThat(inside).as(mode).isEmpty();
            }
        }
        // owned by another user (nobody), even with mode 0755
        Path foreign = Files.createDirectory(base.resolve("foreign"));
        Ip.exec("chown", "65534:65534", foreign.toString()).orFail("chown");
        assertThatThrownBy(() -> Netns.registry(foreign).create(name)).isInstanceOf(NetnsException.class)
                .hasMessageContaining("owned by uid 65534");
        assertThat(mountsUnder(base)).isEmpty();
    }

    @Test
    void aParentOthersCanWriteIsRefusedUnlessItIsSticky() throws Exception {
        String name = TestNames.unique("trust-parent");
        Path open = Files.createDirectory(base.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        // another user could rename open/netns away and put a directory of their own in its place
        assertThatThrownBy(() -> Netns.registry(open.resolve("netns")).create(name)).isInstanceOf(NetnsException.class)
                .hasMessageContaining(open + " is writable by group and others and not sticky");
        assertThat(open.resolve("netns")).doesNotExist();
        // sticky, like /tmp: only the owner of open/netns (root) may rename it
        Ip.exec("chmod", "1777", open.toString()).orFail("chmod");
        try (NetworkNamespace ns = Netns.registry(open.resolve("netns")).create(name)) {
            assertThat(Files.getAttribute(open.resolve("netns"), "unix:mode")).isEqualTo(040755);
        } finally {
            Netns.registry(open.resolve("netns")).delete(name);
        }
    }

    @Test
    void aPlaceholderSwappedForASymlinkBeforeTheMountDoesNotRedirectIt() throws Exception {
        Path runDir = base.resolve("run");
        Path victim = Files.writeString(base.resolve("victim"), "precious\n");
        String name = TestNames.unique("trust-swap");
        Path entry = runDir.resolve(name);
        // what another user with write access could do between the file's creation and its mount
        FaultInjection.checkpoint = point -> {
            if (point.equals("create:file-created")) {
                try {
                    Files.delete(entry);
                    Files.createSymbolicLink(entry, victim);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        };
        NamespaceRegistry registry = Netns.registry(runDir);
        assertThatThrownBy(() -> registry.create(name).close()).isInstanceOf(NetnsException.class)
                .hasMessageContaining("replaced").hasMessageContaining("nothing was mounted");
        FaultInjection.checkpoint = null;
        // the victim is untouched and not a mount point; the planted link is left alone
        assertThat(mountsUnder(base)).containsExactly(runDir.toString());
        assertThat(victim).hasContent("precious\n");
        assertThat(Files.isSymbolicLink(entry)).isTrue();
        assertThat(registry.list()).isEmpty();
        // delete removes the link, not what it points to
        registry.delete(name);
        assertThat(entry).doesNotExist();
        assertThat(victim).hasContent("precious\n");
        assertThat(mountsUnder(base)).containsExactly(runDir.toString());
    }

    @Test
    void ipDeletesWhatTheLibraryCreatedAndTheLibraryDeletesWhatIpCreated() throws Exception {
        String ours = TestNames.unique("trust-ours");
        String theirs = TestNames.unique("trust-theirs");
        try (NetworkNamespace ns = Netns.create(ours)) {
            assertThat(Ip.netnsList()).contains(ours);
            Ip.ip("netns", "del", ours);
            assertThat(Path.of("/run/netns", ours)).doesNotExist();
            assertThat(Leaks.runDirMounts()).doesNotContain("/run/netns/" + ours);
            assertThat(Netns.list()).doesNotContain(ours);
        } finally {
            if (Files.exists(Path.of("/run/netns", ours))) {
                Netns.delete(ours);
            }
        }
        Ip.ip("netns", "add", theirs);
        try {
            assertThat(Netns.list()).contains(theirs);
            Netns.delete(theirs);
            assertThat(Path.of("/run/netns", theirs)).doesNotExist();
            assertThat(Leaks.runDirMounts()).doesNotContain("/run/netns/" + theirs);
            assertThat(Ip.netnsList()).doesNotContain(theirs);
        } finally {
            Ip.exec("ip", "netns", "del", theirs);
        }
    }
}
