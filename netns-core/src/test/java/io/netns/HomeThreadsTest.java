// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.FileCalls;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TestNames;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Threads the library (or the JDK on its behalf) starts lazily must not be born inside a namespace
 * and keep it alive: after a fresh JVM's first use of the library from inside a namespace, closing
 * every handle and deleting the name frees the namespace. Oracles: the namespace of every thread of
 * the child JVM ({@code /proc/PID/task/TID/ns/net}), and a veth end whose peer sits in the deleted
 * namespace, which the kernel removes only once that namespace is really gone.
 */
@PrivilegedTest
class HomeThreadsTest {
    /** Far below the JDK process reaper's 60 s keep-alive, far above what a prompt release takes. */
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Test
    void theFirstCallOfAJvmLeavesNoThreadInsideAfterCloseAndDelete() throws Exception {
        assertFreedAfter("first-call");
    }

    @Test
    void creatingFromAPinnedThreadLeavesNoThreadInsideEither() throws Exception {
        assertFreedAfter("create-inside");
    }

    @Test
    void virtualCallersStartingPinnedThreadsPutNoCarrierThreadInside() throws Exception {
        assertFreedAfter("virtual-calls");
    }

    @Test
    void theFirstExecOfAJvmLeavesNoProcessReaperInside() throws Exception {
        assertFreedAfter("exec");
    }

    /**
     * Creates namespace a with {@code ip}, and a veth pair between a and a witness namespace c; runs
     * {@code scenario} in a child JVM, deletes a and waits until neither a (nor a namespace the child
     * created and deleted) holds a thread of the child, and the veth end in c has disappeared.
     */
    private static void assertFreedAfter(String scenario) throws Exception {
        String a = TestNames.unique("home-a");
        String b = TestNames.unique("home-b");
        String c = TestNames.unique("home-c");
        Process child = null;
        try {
            Ip.ip("netns", "add", a);
            Ip.ip("netns", "add", c);
            Ip.in(c, "link", "add", "witness0", "type", "veth", "peer", "name", "witness1", "netns", a);
            Set<Long> watched = new TreeSet<>();
            watched.add(FileCalls.stat("/run/netns/" + a).ino());
            String java = ProcessHandle.current().info().command().orElseThrow();
            child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), HomeThreadsMain.class.getName(), scenario, a, b)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            List<String> output = readUntilDone(child);
            output.stream().filter(l -> l.startsWith("INODE ")).forEach(l -> watched.add(Long.parseLong(l.substring(6))));
            Ip.ip("netns", "del", a);
            long pid = child.pid();
            long deleted = System.nanoTime();
            long deadline = deleted + SETTLE_NANOS;
            List<String> inside;
            boolean witnessGone;
            do {
                Thread.sleep(50);
                inside = threadsIn(pid, watched);
                witnessGone = !Ip.linkNames(c).contains("witness0");
            } while ((!inside.isEmpty() || !witnessGone) && System.nanoTime() < deadline);
            System.out.printf("HomeThreadsTest %s: namespace freed %d ms after delete%n", scenario,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - deleted));
            assertThat(inside).as("threads of the child JVM still inside the deleted namespaces %s", watched).isEmpty();
            assertThat(witnessGone).as("the veth end whose peer was in the deleted namespace is gone").isTrue();
        } finally {
            if (child != null) {
                child.getOutputStream().close();
                if (!child.waitFor(20, TimeUnit.SECONDS)) {
                    child.destroyForcibly().waitFor();
                }
            }
            for (String n : List.of(a, b, c)) {
                if (Ip.netnsList().contains(n)) {
                    Ip.ip("netns", "del", n);
                }
            }
        }
    }

    /** The child's output up to its {@code DONE} line, failing if it ends or takes more than 60 s first. */
    private static List<String> readUntilDone(Process child) throws Exception {
        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> {
            List<String> seen = new ArrayList<>();
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null) {
                    seen.add(line);
                    if (line.equals("DONE")) {
                        return seen;
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new AssertionError("child ended before DONE (exit " + child.exitValue() + "): " + seen);
        }, Thread::startVirtualThread);
        return lines.get(60, TimeUnit.SECONDS);
    }

    /** "NAME (tid TID)" of every thread of {@code pid} whose network namespace is one of {@code inodes}. */
    static List<String> threadsIn(long pid, Set<Long> inodes) throws IOException {
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                String link;
                String name;
                try {
                    link = Files.readSymbolicLink(task.resolve("ns/net")).toString();
                    name = Files.readString(task.resolve("comm")).strip();
                } catch (IOException endedMeanwhile) {
                    continue;
                }
                long inode = Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
                if (inodes.contains(inode)) {
                    found.add(name + " (tid " + task.getFileName() + ")");
                }
            }
        }
        return found;
    }
}
