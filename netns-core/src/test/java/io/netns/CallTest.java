// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.netns.EnterTest.threadNetInode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PrivilegedTest
class CallTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    @Test
    void callReturnsAValueComputedInsideWithoutMovingTheCaller() {
        NetworkNamespace ns = temp.create("call");
        long home = threadNetInode();
        long inside = ns.call(EnterTest::threadNetInode);
        assertThat(inside).isEqualTo(ns.inode());
        assertThat(threadNetInode()).isEqualTo(home);
    }

    @Test
    void runExecutesInside() {
        NetworkNamespace ns = temp.create("run");
        AtomicLong seen = new AtomicLong();
        ns.run(() -> seen.set(threadNetInode()));
        assertThat(seen.get()).isEqualTo(ns.inode());
    }

    @Test
    void exceptionsKeepTheirType() {
        NetworkNamespace ns = temp.create("excs");
        // checked: the compiler knows call throws IOException here
        assertThatThrownBy(() -> ns.call(() -> {
            throw new FileNotFoundException("nope");
        })).isExactlyInstanceOf(FileNotFoundException.class).hasMessage("nope");
        assertThatThrownBy(() -> ns.run(() -> {
            throw new UnsupportedOperationException("unchecked");
        })).isExactlyInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ns.call(() -> {
            throw new StackOverflowError("an error");
        })).isExactlyInstanceOf(StackOverflowError.class);
        // and a plain Callable variable, adapted by a method reference, throws its Exception unchanged
        Callable<String> plain = () -> {
            throw new IOException("plain");
        };
        assertThatThrownBy(() -> ns.call(plain::call)).isExactlyInstanceOf(IOException.class);
        // the thread survived all of it
        assertThat(ns.call(EnterTest::threadNetInode)).isEqualTo(ns.inode());
    }

    @Test
    void nestedCallOnAPinnedThreadRunsInline() {
        NetworkNamespace ns = temp.create("nested");
        String outerThread = ns.call(() -> {
            String inner = ns.call(() -> Thread.currentThread().getName());
            assertThat(inner).isEqualTo(Thread.currentThread().getName());
            return inner;
        });
        assertThat(outerThread).startsWith("netns-" + ns.name().orElseThrow());
    }

    @Test
    void virtualThreadsMayCallAndStayWhereTheyAre() throws Exception {
        NetworkNamespace ns = temp.create("vcall");
        int n = 200;
        List<Thread> vts = new ArrayList<>();
        List<Long> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            vts.add(Thread.ofVirtual().start(() -> results.add(ns.call(EnterTest::threadNetInode))));
        }
        for (Thread t : vts) {
            t.join();
        }
        assertThat(results).hasSize(n).containsOnly(ns.inode());
        // carriers were never moved: a virtual thread's view is the JVM's namespace
        long home = threadNetInode();
        AtomicLong carrierView = new AtomicLong();
        Thread.ofVirtual().start(() -> carrierView.set(threadNetInode())).join();
        assertThat(carrierView.get()).isEqualTo(home);
    }

    @Test
    void virtualThreadsOpeningSocketsInsideNeverPutCarriersInside() throws Exception {
        NetworkNamespace ns = temp.create("vsock");
        long home = threadNetInode();
        List<Thread> vts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            vts.add(Thread.ofVirtual().start(() -> {
                try (var c = ns.openSocketChannel()) {
                    c.isOpen();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        for (Thread t : vts) {
            t.join();
        }
        // every carrier, old or started meanwhile, is still in this JVM's namespace
        List<Long> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> probes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            probes.add(Thread.ofVirtual().start(() -> seen.add(threadNetInode())));
        }
        for (Thread t : probes) {
            t.join();
        }
        assertThat(seen).hasSize(200).containsOnly(home);
    }

    @Test
    void executorThreadsLiveInsideAndAreNamedAfterTheNamespace() throws Exception {
        NetworkNamespace ns = temp.create("exec");
        CompletableFuture<String> f = CompletableFuture.supplyAsync(
                () -> Thread.currentThread().getName() + "@" + threadNetInode(), ns.executor());
        String r = f.get();
        assertThat(r).startsWith("netns-" + ns.name().orElseThrow() + "-").endsWith("@" + ns.inode());
        // many concurrent tasks: more threads, all inside
        int n = 16;
        CountDownLatch together = new CountDownLatch(n);
        List<CompletableFuture<Long>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fs.add(CompletableFuture.supplyAsync(() -> {
                together.countDown();
                try {
                    together.await();
                } catch (InterruptedException e) {
                    throw new RuntimeException(e);
                }
                return threadNetInode();
            }, ns.executor()));
        }
        for (var x : fs) {
            assertThat(x.get()).isEqualTo(ns.inode());
        }
        assertThat(Thread.getAllStackTraces().keySet().stream().filter(Thread::isDaemon)
                .filter(t -> t.getName().startsWith("netns-" + ns.name().orElseThrow())).count())
                .isGreaterThanOrEqualTo(n);
    }

    @Test
    void aTaskThatLeavesItsThreadOutsideGetsTheThreadRetired() {
        NetworkNamespace ns = temp.create("retire");
        NetworkNamespace other = temp.create("retire-o");
        AtomicReference<Thread> leaky = new AtomicReference<>();
        // the task enters another namespace and never closes the scope
        ns.run(() -> {
            leaky.set(Thread.currentThread());
            other.enter();
        });
        // the next task runs on a thread that is inside, never on the leaky one
        for (int i = 0; i < 5; i++) {
            assertThat(ns.call(EnterTest::threadNetInode)).isEqualTo(ns.inode());
            assertThat(ns.call(Thread::currentThread)).isNotSameAs(leaky.get());
        }
        assertThat(awaitDeath(leaky.get())).isTrue();
    }

    static boolean awaitDeath(Thread t) {
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    @Test
    void sequentialCallsReuseOneThread() {
        NetworkNamespace ns = temp.create("reuse");
        java.util.Set<Thread> threads = new java.util.HashSet<>();
        for (int i = 0; i < 500; i++) {
            threads.add(ns.call(Thread::currentThread));
        }
        assertThat(threads).hasSize(1);
        assertThat(ns.pinnedThreads()).isEqualTo(1);
    }

    @Test
    void threadFactoryThreadsEnterBeforeRunning() throws Exception {
        NetworkNamespace ns = temp.create("factory");
        ThreadFactory tf = ns.threadFactory("loop-");
        AtomicLong seen = new AtomicLong();
        Thread t = tf.newThread(() -> seen.set(threadNetInode()));
        assertThat(t.getName()).isEqualTo("loop-1");
        t.start();
        t.join();
        assertThat(seen.get()).isEqualTo(ns.inode());
    }

    @Test
    void closingTheHandleStopsItsThreads() throws Exception {
        NetworkNamespace ns = Netns.open(temp.create("stop").name().orElseThrow());
        Thread pinned = ns.call(Thread::currentThread);
        ns.close();
        assertThat(awaitDeath(pinned)).isTrue();
        assertThatThrownBy(() -> ns.call(() -> 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sysctlIsPerNamespace() {
        NetworkNamespace a = temp.create("sysctl-a");
        NetworkNamespace b = temp.create("sysctl-b");
        a.setSysctl("net.ipv4.ip_forward", "1");
        assertThat(a.sysctl("net.ipv4.ip_forward")).isEqualTo("1");
        assertThat(b.sysctl("net.ipv4.ip_forward")).isEqualTo("0");
        assertThat(io.netns.testing.Ip.exec("ip", "netns", "exec", a.name().orElseThrow(), "sysctl", "-n",
                "net.ipv4.ip_forward").stdout().strip()).isEqualTo("1");
        assertThatThrownBy(() -> a.sysctl("kernel.hostname")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.sysctl("net/../kernel/hostname")).isInstanceOf(IllegalArgumentException.class);
    }
}
