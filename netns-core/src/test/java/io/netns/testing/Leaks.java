// SPDX-License-Identifier: Apache-2.0
package io.netns.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Accounting of what a test may leak, read from the kernel's own views: this JVM's namespace and
 * socket descriptors ({@code /proc/self/fd}), mounts under the run directory
 * ({@code /proc/self/mountinfo}) and files in it whose names carry this JVM's test prefix.
 */
public final class Leaks {
    private Leaks() {
    }

    /** What one snapshot counted. */
    public record Snapshot(List<String> namespaceFds, int socketFds, List<String> runDirMounts,
                           List<String> testNamespaceFiles) {
        /** The differences from an earlier snapshot that mean a leak, empty if none. */
        public List<String> leaksSince(Snapshot before) {
            List<String> leaks = new ArrayList<>();
            if (namespaceFds.size() > before.namespaceFds.size()) {
                leaks.add("namespace fds " + before.namespaceFds.size() + " -> " + namespaceFds.size() + ": "
                        + namespaceFds);
            }
            if (socketFds > before.socketFds) {
                leaks.add("socket fds " + before.socketFds + " -> " + socketFds);
            }
            List<String> mounts = new ArrayList<>(runDirMounts);
            mounts.removeAll(before.runDirMounts);
            if (!mounts.isEmpty()) {
                leaks.add("mounts under the run directory: " + mounts);
            }
            List<String> files = new ArrayList<>(testNamespaceFiles);
            files.removeAll(before.testNamespaceFiles);
            if (!files.isEmpty()) {
                leaks.add("namespace files: " + files);
            }
            return leaks;
        }
    }

    /**
     * Makes the descriptors the library keeps on purpose exist before a baseline is taken: a thread
     * that entered keeps one of its home namespace until it ends, and so does the library's
     * namespace thread while it lives (30 s after its last step). Neither is a leak.
     */
    public static void primeLibraryCaches() {
        try (io.netns.NetworkNamespace here = io.netns.Netns.current(); var s = here.enter()) {
            // entered and left: this thread's home descriptor now exists
        }
        io.netns.Netns.createUnnamed().close(); // starts the namespace thread
    }

    /**
     * Waits up to a second for what a test class released asynchronously (pinned threads ending,
     * descriptors of ended threads closed by a cleaner after GC), then returns what still differs
     * from {@code before}.
     *
     * @param countSockets whether sockets count (a Docker client pools its connections)
     */
    public static List<String> leaksAfterSettling(Snapshot before, boolean countSockets) throws InterruptedException {
        List<String> leaks = List.of();
        for (int i = 0; i < 50; i++) {
            Snapshot now = snapshot();
            if (!countSockets) {
                now = new Snapshot(now.namespaceFds(), before.socketFds(), now.runDirMounts(), now.testNamespaceFiles());
            }
            leaks = now.leaksSince(before);
            if (leaks.isEmpty()) {
                break;
            }
            System.gc();
            Thread.sleep(20);
        }
        return leaks;
    }

    /** Counts now. */
    public static Snapshot snapshot() {
        TreeMap<Integer, String> fds = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path p : ds) {
                try {
                    fds.put(Integer.parseInt(p.getFileName().toString()), Files.readSymbolicLink(p).toString());
                } catch (IOException closedMeanwhile) {
                    // the directory stream's own fd, or one closed while listing
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> ns = fds.values().stream().filter(t -> t.matches("[a-z_]+:\\[\\d+]") && !t.startsWith("socket:")
                && !t.startsWith("pipe:") && !t.startsWith("anon_inode:")).collect(Collectors.toList());
        int sockets = (int) fds.values().stream().filter(t -> t.startsWith("socket:")).count();
        return new Snapshot(ns, sockets, ownRunDirMounts(), testFiles());
    }

    /** Names besides the test prefix that tests of this JVM create (the demo's fixed names). */
    private static final java.util.Set<String> WATCHED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Also account for namespaces with these fixed names. */
    public static void watch(java.util.Collection<String> names) {
        WATCHED.addAll(names);
    }

    /**
     * Mounts under /run/netns that this JVM's tests may have made: names with the test prefix or
     * {@linkplain #watch watched} ones. /run/netns is a shared mount, so the others may belong to
     * other processes working at the same time.
     */
    public static List<String> ownRunDirMounts() {
        List<String> own = new ArrayList<>();
        for (String m : runDirMounts()) {
            String name = m.substring("/run/netns/".length());
            if (name.startsWith(TestNames.PREFIX) || WATCHED.contains(name)) {
                own.add(m);
            }
        }
        return own;
    }

    /** Mount points under /run/netns (and /var/run/netns) in this process's mount namespace. */
    public static List<String> runDirMounts() {
        List<String> mounts = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length > 4 && f[4].startsWith("/run/netns/")) {
                    mounts.add(f[4]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mounts;
    }

    /** Files in /run/netns whose names start with this JVM's test prefix (or are watched). */
    public static List<String> testFiles() {
        Path dir = Path.of("/run/netns");
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(p -> {
                String name = p.getFileName().toString();
                if (name.startsWith(TestNames.PREFIX) || WATCHED.contains(name)) {
                    names.add(name);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        return names;
    }

    /** Removes namespaces left by this JVM's tests, with the independent tool; returns their names. */
    public static List<String> removeTestNamespaces() {
        List<String> left = testFiles();
        for (String name : left) {
            Ip.exec("ip", "netns", "del", name);
            try {
                Files.deleteIfExists(Path.of("/run/netns", name));
            } catch (IOException ignored) {
                // reported by the caller through the returned list
            }
        }
        return left;
    }
}
