// SPDX-License-Identifier: Apache-2.0
package io.netns.bench;

import io.netns.NamespaceScope;
import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.netlink.Batch;
import io.netns.netlink.Family;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.address.AddressSpec;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.LinkUpdate;
import io.netns.netlink.link.OperState;
import io.netns.netlink.route.Route;
import io.netns.netlink.route.RouteSpec;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The workload harness behind {@code bin/netns-bench W1|W2|W3|W4|W5|CALL|SOCKET|ALL}: the workloads
 * the peers (C raw netlink, Go vishvananda/netlink, pyroute2, {@code ip -batch}) were measured
 * with, done with the public API, one {@code RESULT} line per run:
 *
 * <pre>RESULT tool=java workload=W2 elapsed_s=0.3100 ops=4000 ops_per_s=12903.2 setup_s=... delete_s=... run=cold</pre>
 *
 * Each workload runs once cold (a fresh JVM's first time) and then {@code --runs N} more times;
 * the line with {@code run=median} holds the median of those warm runs, which the goals are about.
 * {@code tool=java} is synchronous like the peers (one request, one acknowledgement); the
 * {@code java-batch}, {@code java-group} and {@code java-netns} variants use what the peers lack:
 * pipelined batches, one RTM_DELLINK for a whole link group, deleting the namespace.
 *
 * <p>Everything happens in namespaces the harness creates (named {@code bench-PID-...}) and
 * deletes, with 198.18.0.0/15 and fd42:6e73::/32 addresses only.
 */
public final class Workloads {
    private static final Duration UP = Duration.ofSeconds(5);
    private static final String PREFIX = "bench-" + ProcessHandle.current().pid() + "-";
    private static int warmRuns = 3;
    /** Runs between the cold one and the measured ones, so the JIT has compiled the paths measured. */
    private static int warmupRuns = 5;

    private Workloads() {
    }

    /** One run's figures: the named phases in seconds (or other units) and the operation count. */
    record Run(double elapsedS, long ops, Map<String, String> fields) {
    }

    interface Workload {
        Run run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        List<String> which = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs")) {
                warmRuns = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--warmup")) {
                warmupRuns = Integer.parseInt(args[++i]);
            } else {
                which.add(args[i].toUpperCase(Locale.ROOT));
            }
        }
        if (which.isEmpty() || which.contains("ALL")) {
            which = List.of("W1", "W2", "W3", "W4", "W5", "CALL", "SOCKET");
        }
        for (String w : which) {
            switch (w) {
                case "W1" -> measure("java", "W1", Workloads::w1);
                case "W2" -> {
                    measure("java", "W2", () -> w2(false, Teardown.PER_LINK));
                    measure("java-batch", "W2", () -> w2(true, Teardown.PER_LINK));
                    measure("java-group", "W2", () -> w2(true, Teardown.GROUP));
                    measure("java-netns", "W2", () -> w2(true, Teardown.NAMESPACE));
                }
                case "W3" -> {
                    measure("java", "W3", () -> w3(false));
                    measure("java-batch", "W3", () -> w3(true));
                }
                case "W4" -> measure("java", "W4", Workloads::w4);
                case "W5" -> measure("java", "W5", Workloads::w5);
                case "CALL" -> measure("java", "CALL", Workloads::call);
                case "SOCKET" -> measure("java", "SOCKET", Workloads::socketOpen);
                default -> {
                    System.err.println("usage: netns-bench [--runs N] [--warmup N] W1|W2|W3|W4|W5|CALL|SOCKET|ALL ...");
                    System.exit(1);
                }
            }
        }
    }

    /**
     * Runs a workload cold, then {@link #warmupRuns} times unmeasured, then {@link #warmRuns} times,
     * printing the cold run and the median of the measured ones. The slow per-link teardown
     * variants of W2 (about 10 s a run, all of it kernel time) are not repeated for warm-up.
     */
    static void measure(String tool, String workload, Workload w) throws Exception {
        Run cold = w.run();
        print(tool, workload, cold, "cold");
        int warmups = cold.elapsedS() > 2 ? 0 : warmupRuns;
        for (int i = 0; i < warmups; i++) {
            w.run();
        }
        List<Run> warm = new ArrayList<>();
        for (int i = 0; i < warmRuns; i++) {
            settle();
            warm.add(w.run());
        }
        if (!warm.isEmpty()) {
            print(tool, workload, median(warm), "median-of-" + warm.size());
        }
    }

    /**
     * Lets the kernel finish the asynchronous cleanup of the namespaces and devices the previous
     * run deleted (its cleanup_net work would otherwise compete for the 2 cores with the next run).
     */
    static void settle() throws InterruptedException {
        Thread.sleep(1000);
    }

    /** The run whose elapsed time is the median; its phases come with it. */
    static Run median(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Double.compare(a.elapsedS(), b.elapsedS()));
        return sorted.get(sorted.size() / 2);
    }

    static void print(String tool, String workload, Run r, String run) {
        StringBuilder sb = new StringBuilder("RESULT tool=").append(tool).append(" workload=").append(workload)
                .append(" elapsed_s=").append(fmt(r.elapsedS())).append(" ops=").append(r.ops())
                .append(" ops_per_s=").append(String.format(Locale.ROOT, "%.1f", r.ops() / r.elapsedS()));
        r.fields().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        sb.append(" run=").append(run);
        System.out.println(sb);
    }

    static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%.4f", seconds);
    }

    static double since(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    // ------------------------------------------------------------------ W1

    /** Create 200 named namespaces, then delete them. */
    static Run w1() {
        int n = 200;
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = PREFIX + "w1-" + i;
        }
        long t0 = System.nanoTime();
        for (String name : names) {
            Netns.create(name).close();
        }
        double create = since(t0);
        long t1 = System.nanoTime();
        for (String name : names) {
            Netns.delete(name);
        }
        double delete = since(t1);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("create_s", fmt(create));
        f.put("delete_s", fmt(delete));
        return new Run(create + delete, 2L * n, f);
    }

    // ------------------------------------------------------------------ W2

    enum Teardown { PER_LINK, GROUP, NAMESPACE }

    /**
     * In one fresh namespace: 500 veth pairs, both ends up, one IPv4 /30 and one IPv6 /64 on each
     * end; then delete them all.
     */
    static Run w2(boolean batch, Teardown teardown) throws Exception {
        int pairs = 500;
        String name = PREFIX + "w2";
        NetworkNamespace ns = Netns.create(name);
        Rtnetlink rt = Rtnetlink.open(ns);
        try {
            long t0 = System.nanoTime();
            if (batch) {
                Batch b = rt.batch();
                for (int i = 0; i < pairs; i++) {
                    int a = 1000 + 2 * i;
                    b.links().add(LinkSpec.veth("a" + i, "b" + i).index(a).peerIndex(a + 1).group(7).up());
                    b.links().set(a + 1, LinkUpdate.of().up());
                    b.addresses().add(AddressSpec.of(v4(i, 1), a));
                    b.addresses().add(AddressSpec.of(v4(i, 2), a + 1));
                    b.addresses().add(AddressSpec.of(v6(i, 1), a));
                    b.addresses().add(AddressSpec.of(v6(i, 2), a + 1));
                }
                b.execute().throwIfFailed();
            } else {
                // one request at a time, devices addressed by ifindex as the peers do (no name lookups)
                for (int i = 0; i < pairs; i++) {
                    int a = 1000 + 2 * i;
                    rt.links().add(LinkSpec.veth("a" + i, "b" + i).index(a).peerIndex(a + 1));
                    rt.links().set(a, LinkUpdate.of().up());
                    rt.links().set(a + 1, LinkUpdate.of().up());
                    rt.addresses().add(AddressSpec.of(v4(i, 1), a));
                    rt.addresses().add(AddressSpec.of(v4(i, 2), a + 1));
                    rt.addresses().add(AddressSpec.of(v6(i, 1), a));
                    rt.addresses().add(AddressSpec.of(v6(i, 2), a + 1));
                }
            }
            double setup = since(t0);
            long t1 = System.nanoTime();
            switch (teardown) {
                case PER_LINK -> {
                    if (batch) {
                        Batch b = rt.batch();
                        for (int i = 0; i < pairs; i++) {
                            b.links().del(1000 + 2 * i);
                        }
                        b.execute().throwIfFailed();
                    } else {
                        for (int i = 0; i < pairs; i++) {
                            rt.links().del(1000 + 2 * i);
                        }
                    }
                }
                case GROUP -> rt.links().delGroup(7);
                case NAMESPACE -> {
                    rt.close();
                    ns.close();
                    Netns.delete(name);
                }
            }
            double delete = since(t1);
            Map<String, String> f = new LinkedHashMap<>();
            f.put("setup_s", fmt(setup));
            f.put("delete_s", fmt(delete));
            return new Run(setup + delete, 8L * pairs, f);
        } finally {
            rt.close();
            ns.close();
            if (Netns.exists(name)) {
                Netns.delete(name);
            }
        }
    }

    static IpPrefix v4(int pair, int host) {
        int base = pair * 4 + host;
        return IpPrefix.parse("198.18." + (base >> 8) + "." + (base & 0xff) + "/30");
    }

    static IpPrefix v6(int pair, int host) {
        return IpPrefix.parse("fd42:6e73:" + Integer.toHexString(pair) + "::" + host + "/64");
    }

    // ------------------------------------------------------------------ W3

    /**
     * A fresh namespace with a veth end up at 198.18.0.1/24; add 10,000 /32 routes via 198.18.0.2,
     * dump the main table (every route decoded into a value) and count them, delete them.
     */
    static Run w3(boolean batch) throws Exception {
        int n = 10_000;
        String name = PREFIX + "w3";
        try (NetworkNamespace ns = Netns.create(name); Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.veth("va", "vb").up());
            rt.links().setUp("vb");
            rt.addresses().add("va", "198.18.0.1/24");
            RouteSpec[] routes = new RouteSpec[n];
            for (int i = 0; i < n; i++) {
                routes[i] = RouteSpec.to("198.19." + (i >> 8) + "." + (i & 0xff) + "/32").via("198.18.0.2");
            }
            long t0 = System.nanoTime();
            if (batch) {
                Batch b = rt.batch();
                for (RouteSpec r : routes) {
                    b.routes().add(r);
                }
                b.execute().throwIfFailed();
            } else {
                for (RouteSpec r : routes) {
                    rt.routes().add(r);
                }
            }
            double add = since(t0);
            long t1 = System.nanoTime();
            List<Route> main = rt.routes().list(Family.INET, 254);
            double dump = since(t1);
            long t2 = System.nanoTime();
            if (batch) {
                Batch b = rt.batch();
                for (RouteSpec r : routes) {
                    b.routes().del(r);
                }
                b.execute().throwIfFailed();
            } else {
                for (RouteSpec r : routes) {
                    rt.routes().del(r);
                }
            }
            double del = since(t2);
            Map<String, String> f = new LinkedHashMap<>();
            f.put("add_s", fmt(add));
            f.put("dump_s", fmt(dump));
            f.put("del_s", fmt(del));
            f.put("dumped_main", Integer.toString(main.size()));
            return new Run(add + dump + del, 2L * n + 1, f);
        } finally {
            Netns.delete(name);
        }
    }

    // ------------------------------------------------------------------ W4

    /** setns into a namespace and back, 100,000 times on one thread. */
    static Run w4() throws Exception {
        int n = 100_000;
        String name = PREFIX + "w4";
        try (NetworkNamespace ns = Netns.create(name)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                try (NamespaceScope s = ns.enter()) {
                    // in and straight back out
                }
            }
            double s = since(t0);
            Map<String, String> f = new LinkedHashMap<>();
            f.put("ns_per_roundtrip", String.format(Locale.ROOT, "%.0f", s * 1e9 / n));
            return new Run(s, n, f);
        } finally {
            Netns.delete(name);
        }
    }

    // ------------------------------------------------------------------ W5

    /**
     * Per iteration: two (unnamed) namespaces, a veth between them, addresses, links up, wait until
     * operationally UP, a TCP connect and 1-byte echo, delete both; 20 iterations.
     */
    static Run w5() throws Exception {
        int iterations = 20;
        double[] setup = new double[iterations];
        double[] echo = new double[iterations];
        double[] teardown = new double[iterations];
        double[] total = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            // unnamed, as the peers' W5 (Go's netns.New): no file or mount in the run directory
            NetworkNamespace na = Netns.createUnnamed();
            NetworkNamespace nb = Netns.createUnnamed();
            long t1;
            long t2;
            try (Rtnetlink ra = Rtnetlink.open(na); Rtnetlink rb = Rtnetlink.open(nb)) {
                ra.links().add(LinkSpec.veth("va", "vb").peerNamespace(nb).up());
                ra.addresses().add("va", "198.18.0.1/24");
                rb.addresses().add("vb", "198.18.0.2/24");
                rb.links().setUp("vb");
                ra.links().awaitOperState("va", OperState.UP, UP);
                rb.links().awaitOperState("vb", OperState.UP, UP);
                t1 = System.nanoTime();
                try (ServerSocketChannel server = nb.openServerSocketChannel();
                     SocketChannel client = na.openSocketChannel()) {
                    server.bind(new InetSocketAddress("198.18.0.2", 0));
                    client.connect(server.getLocalAddress());
                    try (SocketChannel accepted = server.accept()) {
                        client.write(ByteBuffer.wrap(new byte[] {42}));
                        ByteBuffer one = ByteBuffer.allocate(1);
                        accepted.read(one);
                        accepted.write(one.flip());
                        ByteBuffer back = ByteBuffer.allocate(1);
                        client.read(back);
                        if (back.get(0) != 42) {
                            throw new IllegalStateException("echo failed");
                        }
                    }
                }
                t2 = System.nanoTime();
            }
            na.close(); // the last reference: the kernel destroys the namespace and its devices
            nb.close();
            long t3 = System.nanoTime();
            setup[i] = (t1 - t0) / 1e6;
            echo[i] = (t2 - t1) / 1e6;
            teardown[i] = (t3 - t2) / 1e6;
            total[i] = (t3 - t0) / 1e6;
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("ms_per_iteration", ms(medianOf(total)));
        f.put("setup_ms", ms(medianOf(setup)));
        f.put("echo_ms", ms(medianOf(echo)));
        f.put("teardown_ms", ms(medianOf(teardown)));
        return new Run(Arrays.stream(total).sum() / 1e3, iterations, f);
    }

    static double medianOf(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    static String ms(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    // ------------------------------------------------------------------ extras

    /** {@code ns.call()} round trip: a lambda on the namespace's pinned thread and back. */
    static Run call() throws Exception {
        int n = 100_000;
        String name = PREFIX + "call";
        try (NetworkNamespace ns = Netns.create(name)) {
            ns.call(() -> 0);
            long[] each = new long[n];
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                ns.call(() -> 1);
                each[i] = System.nanoTime() - s;
            }
            double total = since(t0);
            Arrays.sort(each);
            Map<String, String> f = new LinkedHashMap<>();
            f.put("median_us", String.format(Locale.ROOT, "%.2f", each[n / 2] / 1e3));
            f.put("p99_us", String.format(Locale.ROOT, "%.2f", each[n * 99 / 100] / 1e3));
            return new Run(total, n, f);
        } finally {
            Netns.delete(name);
        }
    }

    /** The cost of opening an rtnetlink socket inside a namespace from a thread outside it. */
    static Run socketOpen() throws Exception {
        int n = 2_000;
        String name = PREFIX + "sock";
        try (NetworkNamespace ns = Netns.create(name)) {
            Rtnetlink.open(ns).close();
            long[] each = new long[n];
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                Rtnetlink.open(ns).close();
                each[i] = System.nanoTime() - s;
            }
            double total = since(t0);
            Arrays.sort(each);
            Map<String, String> f = new LinkedHashMap<>();
            f.put("median_us", String.format(Locale.ROOT, "%.2f", each[n / 2] / 1e3));
            return new Run(total, n, f);
        } finally {
            Netns.delete(name);
        }
    }
}
