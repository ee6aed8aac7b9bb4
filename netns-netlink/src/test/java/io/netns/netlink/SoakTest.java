// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.link.LinkSpec;
import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.testing.Leaks;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TestNames;
import org.junit.jupiter.api.Test;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of create/configure/delete cycles: descriptors, mounts, threads, heap and resident
 * memory must not grow. Prints the samples (docs/reliability.md quotes a run).
 */
@PrivilegedTest
class SoakTest {
    static final int CYCLES = Integer.getInteger("netns.soak.cycles", 4_000);

    record Sample(int cycle, int fds, int nsFds, int sockets, int mounts, int threads, long heapKb, long rssKb) {
        @Override
        public String toString() {
            return String.format("%6d %5d %6d %7d %6d %7d %9d %8d", cycle, fds, nsFds, sockets, mounts, threads,
                    heapKb, rssKb);
        }
    }

    static Sample sample(int cycle) throws IOException {
        // pinned threads of closed handles end asynchronously; give them a moment before counting
        for (int i = 0; i < 50 && liveNetnsThreads() > 0; i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        System.gc();
        Leaks.Snapshot s = Leaks.snapshot();
        int fds;
        try (var list = Files.list(Path.of("/proc/self/fd"))) {
            fds = (int) list.count();
        }
        long rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1);
        long heap = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1024;
        return new Sample(cycle, fds, s.namespaceFds().size(), s.socketFds(), s.runDirMounts().size(),
                Thread.activeCount(), heap, rss);
    }

    static long liveNetnsThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("netns-nt")).count();
    }

    @Test
    void createConfigureDeleteCyclesDoNotLeak() throws Exception {
        List<Sample> samples = new ArrayList<>();
        String base = TestNames.unique("soak");
        long started = System.nanoTime();
        samples.add(sample(0));
        for (int i = 1; i <= CYCLES; i++) {
            String name = base + "-" + (i % 2);
            try (NetworkNamespace ns = Netns.create(name); Rtnetlink rt = Rtnetlink.open(ns)) {
                rt.links().add(LinkSpec.veth("va", "vb").up());
                rt.addresses().add("va", "198.18.0.1/24");
                rt.links().setUp("lo");
                ns.call(() -> 1); // a pinned thread too
            } finally {
                Netns.delete(name);
            }
            if (i % (CYCLES / 10) == 0) {
                samples.add(sample(i));
            }
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("soak: " + CYCLES + " cycles in " + ms + " ms");
        System.out.println(" cycle   fds nsFds sockets mounts threads   heapKiB   rssKiB");
        samples.forEach(System.out::println);

        Sample first = samples.get(0);
        Sample warm = samples.get(1);
        Sample last = samples.get(samples.size() - 1);
        assertThat(last.fds()).as("descriptors").isLessThanOrEqualTo(first.fds());
        assertThat(last.nsFds()).as("namespace descriptors").isEqualTo(first.nsFds());
        assertThat(last.sockets()).as("sockets").isEqualTo(first.sockets());
        assertThat(last.mounts()).as("mounts").isEqualTo(first.mounts());
        assertThat(last.threads()).as("threads").isLessThanOrEqualTo(warm.threads() + 2);
        // after warm-up nothing may keep growing: heap after GC within 16 MiB, RSS within 64 MiB
        assertThat(last.heapKb() - warm.heapKb()).as("heap growth KiB").isLessThan(16 * 1024);
        assertThat(last.rssKb() - warm.rssKb()).as("RSS growth KiB").isLessThan(64 * 1024);
    }
}
