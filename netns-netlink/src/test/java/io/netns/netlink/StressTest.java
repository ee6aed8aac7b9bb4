// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.link.LinkSpec;
import io.netns.NamespaceScope;
import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TestNames;
import org.junit.jupiter.api.Test;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sixteen platform threads doing thousands of random namespace operations at once: nested scopes,
 * calls that return or throw, namespaces created and deleted, netlink requests on shared handles
 * and in namespaces whose names are being deleted. Afterwards every thread is in its original
 * namespace and every namespace it created is gone.
 */
@PrivilegedTest
class StressTest {
    static final int THREADS = 16;
    static final int OPS_PER_THREAD = Integer.getInteger("netns.stress.ops", 1000);
    static final long TIME_BOUND_NANOS = 60_000_000_000L;

    static long inode() {
        try {
            return (Long) Files.readAttributes(Path.of("/proc/thread-self/ns/net"), "unix:ino").get("ino");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static final class Boom extends RuntimeException {
        Boom() {
            super("thrown inside", null, false, false);
        }
    }

    @Test
    void randomInterleavingsLeaveEveryThreadHomeAndNothingBehind() throws Exception {
        List<NetworkNamespace> pool = new ArrayList<>();
        List<Rtnetlink> sockets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            NetworkNamespace ns = Netns.create(TestNames.unique("stress-pool"));
            pool.add(ns);
            sockets.add(Rtnetlink.open(ns));
        }
        Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        long[] home = new long[THREADS];
        long[] end = new long[THREADS];
        CountDownLatch go = new CountDownLatch(1);
        long deadline = System.nanoTime() + TIME_BOUND_NANOS;
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int t = 0; t < THREADS; t++) {
                int index = t;
                threads.add(Thread.ofPlatform().name("stress-" + t).start(() -> {
                    SplittableRandom random = new SplittableRandom(1234 + index);
                    home[index] = inode();
                    try {
                        go.await();
                        for (int op = 0; op < OPS_PER_THREAD && System.nanoTime() < deadline; op++) {
                            String kind = step(random, pool, sockets, index, op);
                            counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
                            if (inode() != home[index]) {
                                throw new AssertionError("thread " + index + " not home after " + kind);
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                    end[index] = inode();
                }));
            }
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
        } finally {
            sockets.forEach(Rtnetlink::close);
            for (NetworkNamespace ns : pool) {
                ns.close();
                Netns.delete(ns.name().orElseThrow());
            }
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        long total = counts.values().stream().mapToLong(LongAdder::sum).sum();
        System.out.println("stress: " + THREADS + " threads, " + total + " operations in " + elapsedMs + " ms: "
                + new java.util.TreeMap<>(counts));
        assertThat(failures).isEmpty();
        assertThat(end).containsExactly(home);
        assertThat(total).isGreaterThanOrEqualTo((long) THREADS * Math.min(OPS_PER_THREAD, 100));
        assertThat(Ip.netnsList()).noneMatch(n -> n.startsWith(TestNames.PREFIX + "stress"));
    }

    private static String step(SplittableRandom random, List<NetworkNamespace> pool, List<Rtnetlink> sockets,
                               int thread, int op) throws Exception {
        NetworkNamespace a = pool.get(random.nextInt(pool.size()));
        NetworkNamespace b = pool.get(random.nextInt(pool.size()));
        switch (random.nextInt(7)) {
            case 0 -> {
                try (NamespaceScope s1 = a.enter()) {
                    check(a);
                    try (NamespaceScope s2 = b.enter()) {
                        check(b);
                    }
                    check(a);
                }
                return "nested-scopes";
            }
            case 1 -> {
                try (NamespaceScope s1 = a.enter()) {
                    throw new Boom();
                } catch (Boom expected) {
                    return "scope-with-exception";
                }
            }
            case 2 -> {
                long seen = a.call(StressTest::inode);
                if (seen != a.inode()) {
                    throw new AssertionError("call ran in " + seen + ", not " + a.inode());
                }
                return "call";
            }
            case 3 -> {
                try {
                    a.run(() -> {
                        throw new Boom();
                    });
                    throw new AssertionError("no exception");
                } catch (Boom expected) {
                    return "call-with-exception";
                }
            }
            case 4 -> {
                String name = TestNames.unique("stress-t" + thread);
                try (NetworkNamespace ns = Netns.create(name)) {
                    try (NamespaceScope s = ns.enter()) {
                        check(ns);
                    }
                } finally {
                    Netns.delete(name);
                }
                return "create-enter-delete";
            }
            case 5 -> {
                // netlink in a namespace whose name is deleted while the socket is in use
                String name = TestNames.unique("stress-d" + thread);
                NetworkNamespace ns = Netns.create(name);
                try (ns; Rtnetlink rt = Rtnetlink.open(ns)) {
                    Netns.delete(name);
                    rt.links().add(LinkSpec.veth("x" + op, "y" + op));
                    rt.links().setUp("lo");
                    if (rt.links().list().size() != 3) {
                        throw new AssertionError("expected lo and a veth pair");
                    }
                }
                return "netlink-in-deleted-namespace";
            }
            default -> {
                // shared handles used by many threads at once
                Rtnetlink rt = sockets.get(random.nextInt(sockets.size()));
                String address = "198.18." + thread + "." + (op % 250 + 1) + "/32";
                rt.addresses().add("lo", address);
                if (rt.addresses().ofDevice("lo").stream().noneMatch(x -> x.prefix().toString().equals(address.replace("/32", "")))) {
                    throw new AssertionError(address + " not listed");
                }
                rt.addresses().del("lo", address);
                return "netlink-shared-handle";
            }
        }
    }

    private static void check(NetworkNamespace expected) {
        if (inode() != expected.inode()) {
            throw new AssertionError("scope did not move the thread into " + expected);
        }
    }
}
