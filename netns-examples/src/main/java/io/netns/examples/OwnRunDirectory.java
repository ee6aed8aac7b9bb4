// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.NamespaceRegistry;
import io.netns.Netns;
import io.netns.NetworkNamespace;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keep names in a run directory of your own instead of /run/netns, as a rootless JVM (inside
 * {@code unshare --user --map-root-user --net --mount}) must: the names are invisible to
 * {@code ip netns list} and to {@link Netns#list()}. Here the directory is a fresh temporary
 * directory, which the first {@code create} turns into a shared mount point (bound onto itself);
 * the example unmounts and removes it at the end. The rootless snippet of docs/guide.md.
 *
 * <p>Replaces: {@code mkdir -p DIR}; {@code ip netns add rl} with iproute2's run directory
 * moved to DIR; {@code ip netns exec rl ls /sys/class/net}; {@code ip netns del rl}.
 */
public final class OwnRunDirectory {
    private OwnRunDirectory() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** @return the run directory it used, gone by now */
    public static Path run(PrintStream out) throws Exception {
        Path runDir = Files.createTempDirectory("netns-run-" + ProcessHandle.current().pid() + "-").resolve("netns");
        try {
            // docs:begin guide.md
            NamespaceRegistry registry = Netns.registry(runDir);   // for instance /tmp/myrun/netns
            try (NetworkNamespace ns = registry.create("rl")) {
                long inode = ns.call(() -> (Long) Files.getAttribute(Path.of("/proc/thread-self/ns/net"), "unix:ino"));
                Process p = ns.exec("ls", "/sys/class/net");
                out.println(inode + ": " + new String(p.getInputStream().readAllBytes()).strip());   // ...: lo
                p.waitFor();
                out.println(registry.list() + " in " + registry.directory());   // [rl] in /tmp/...
            } finally {
                registry.delete("rl");
            }
            // docs:end
            return runDir;
        } finally {
            removeRunDirectory(runDir);
        }
    }

    /** Unmounts the run directory (the library made it a mount point) and removes it and its parent. */
    static void removeRunDirectory(Path runDir) throws Exception {
        if (isMountPoint(runDir)) {
            Process umount = new ProcessBuilder("umount", runDir.toString()).inheritIO().start();
            if (umount.waitFor() != 0) {
                throw new IllegalStateException("umount " + runDir + " failed");
            }
        }
        Files.deleteIfExists(runDir);
        Files.deleteIfExists(runDir.getParent());
    }

    static boolean isMountPoint(Path dir) throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .anyMatch(l -> l.split(" ")[4].equals(dir.toString()));
    }
}
