// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.FileCalls;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TestNames;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handle nobody closes is released once it is unreachable: its descriptor is closed and its
 * pinned threads end, so the namespace it held is freed. Oracles: this JVM's descriptors
 * ({@code /proc/self/fd}) and threads ({@code /proc/self/task/TID/ns/net}) that refer to the
 * namespace, which {@code ip} created, so no handle of the test holds it.
 */
@PrivilegedTest
class UnclosedHandleTest {

    @Test
    void oneLinersThatNeverCloseTheirHandleLeaveNothingBehindOnceCollected() throws Exception {
        String name = TestNames.unique("unclosed");
        Ip.ip("netns", "add", name);
        try {
            long inode = FileCalls.stat("/run/netns/" + name).ino();
            useWithoutClosing(name);
            // the handles above are unreachable now: the library's cleaner releases them after a GC
            assertThat(heldAfterGc(inode, name)).as("descriptors and threads of this JVM in the namespace").isEmpty();
        } finally {
            Ip.ip("netns", "del", name);
        }
    }

    /** The cookbook's one-liners, each on a handle that is never closed. */
    private static void useWithoutClosing(String name) throws Exception {
        assertThat(Netns.open(name).call(() -> 42)).isEqualTo(42);
        Netns.open(name).run(() -> { });
        assertThat(Netns.open(name).pids()).isEmpty();
        Process p = Netns.open(name).exec("true");
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        try (ServerSocketChannel server = Netns.open(name).openServerSocketChannel()) {
            assertThat(server.isOpen()).isTrue();
        }
        assertThat(CompletableFuture.supplyAsync(() -> 5, Netns.open(name).executor()).get(20, TimeUnit.SECONDS))
                .isEqualTo(5);
        assertThat(Netns.open(name).sysctl("net.ipv4.ip_forward")).isEqualTo("0");
    }

    @Test
    void aHandleInUseIsNotReleasedUnderItsCaller() throws Exception {
        String name = TestNames.unique("inuse");
        Ip.ip("netns", "add", name);
        try {
            for (int i = 0; i < 50; i++) {
                // the handle is unreachable from the caller's code while its task runs, collections included
                assertThat(Netns.open(name).call(() -> {
                    System.gc();
                    Thread.sleep(2);
                    return 1;
                })).isEqualTo(1);
            }
            // an executor kept without its handle keeps the handle (and its threads) usable
            Executor executor = Netns.open(name).executor();
            for (int i = 0; i < 20; i++) {
                System.gc();
                Thread.sleep(5);
                assertThat(CompletableFuture.supplyAsync(() -> 1, executor).get(20, TimeUnit.SECONDS)).isEqualTo(1);
            }
            executor = null;
            long inode = FileCalls.stat("/run/netns/" + name).ino();
            assertThat(heldAfterGc(inode, name)).isEmpty();
        } finally {
            Ip.ip("netns", "del", name);
        }
    }

    /** Collects garbage until nothing of this JVM holds the namespace, for at most 10 s; returns what still does. */
    private static List<String> heldAfterGc(long inode, String name) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(10);
        List<String> held;
        int gcs = 0;
        do {
            System.gc();
            gcs++;
            Thread.sleep(20);
            held = holders(inode, name);
        } while (!held.isEmpty() && System.nanoTime() < deadline);
        System.out.printf("UnclosedHandleTest: released after %d GCs, %d ms%n", gcs,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return held;
    }

    /** Descriptors (opened by path: the mount point; by /proc: net:[INODE]) and threads in the namespace. */
    private static List<String> holders(long inode, String name) throws IOException {
        List<String> found = new ArrayList<>();
        Set<String> targets = Set.of("net:[" + inode + "]", "/run/netns/" + name);
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (targets.contains(target)) {
                        found.add("fd " + fd.getFileName() + " -> " + target);
                    }
                } catch (IOException closedMeanwhile) {
                    // the stream's own descriptor
                }
            }
        }
        found.addAll(HomeThreadsTest.threadsIn(ProcessHandle.current().pid(), Set.of(inode)));
        return found;
    }
}
