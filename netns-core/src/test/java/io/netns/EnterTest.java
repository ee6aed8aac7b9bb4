// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PrivilegedTest
class EnterTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    /** The oracle: the inode the kernel shows for this very OS thread. */
    static long threadNetInode() {
        try {
            return (Long) Files.readAttributes(Path.of("/proc/thread-self/ns/net"), "unix:ino").get("ino");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void enterMovesTheThreadAndCloseRestoresIt() {
        NetworkNamespace ns = temp.create("enter");
        long home = threadNetInode();
        try (NamespaceScope scope = ns.enter()) {
            assertThat(threadNetInode()).isEqualTo(ns.inode()).isNotEqualTo(home);
            assertThat(scope.namespace()).isEqualTo(ns);
        }
        assertThat(threadNetInode()).isEqualTo(home);
    }

    @Test
    void enterByNameRestoresAndClosesItsHandle() {
        NetworkNamespace ns = temp.create("byname");
        long home = threadNetInode();
        NetworkNamespace inner;
        try (NamespaceScope scope = Netns.enter(ns.name().orElseThrow())) {
            assertThat(threadNetInode()).isEqualTo(ns.inode());
            inner = scope.namespace();
            assertThat(inner.isClosed()).isFalse();
        }
        assertThat(threadNetInode()).isEqualTo(home);
        assertThat(inner.isClosed()).isTrue();
    }

    @Test
    void closeRestoresWhenTheBlockThrows() {
        NetworkNamespace ns = temp.create("throws");
        long home = threadNetInode();
        assertThatThrownBy(() -> {
            try (NamespaceScope scope = ns.enter()) {
                throw new IllegalStateException("boom inside");
            }
        }).hasMessage("boom inside");
        assertThat(threadNetInode()).isEqualTo(home);
    }

    @Test
    void nestedScopesRestoreInReverseOrder() {
        NetworkNamespace a = temp.create("nest-a");
        NetworkNamespace b = temp.create("nest-b");
        long home = threadNetInode();
        try (NamespaceScope outer = a.enter()) {
            assertThat(threadNetInode()).isEqualTo(a.inode());
            try (NamespaceScope inner = b.enter()) {
                assertThat(threadNetInode()).isEqualTo(b.inode());
                try (NamespaceScope again = a.enter()) {
                    assertThat(threadNetInode()).isEqualTo(a.inode());
                }
                assertThat(threadNetInode()).isEqualTo(b.inode());
            }
            assertThat(threadNetInode()).isEqualTo(a.inode());
        }
        assertThat(threadNetInode()).isEqualTo(home);
    }

    @Test
    void closingOutOfOrderIsRefusedAndMovesNothing() {
        NetworkNamespace a = temp.create("order-a");
        NetworkNamespace b = temp.create("order-b");
        long home = threadNetInode();
        NamespaceScope outer = a.enter();
        NamespaceScope inner = b.enter();
        try {
            assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("reverse order");
            assertThat(threadNetInode()).isEqualTo(b.inode());
        } finally {
            inner.close();
            outer.close();
        }
        assertThat(threadNetInode()).isEqualTo(home);
        outer.close(); // idempotent
        assertThat(threadNetInode()).isEqualTo(home);
    }

    @Test
    void closingFromAnotherThreadIsRefused() throws Exception {
        NetworkNamespace ns = temp.create("other");
        long home = threadNetInode();
        try (NamespaceScope scope = ns.enter()) {
            AtomicReference<Throwable> seen = new AtomicReference<>();
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    scope.close();
                } catch (Throwable e) {
                    seen.set(e);
                }
            });
            t.join();
            assertThat(seen.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("belongs to thread");
            assertThat(threadNetInode()).isEqualTo(ns.inode());
        }
        assertThat(threadNetInode()).isEqualTo(home);
    }

    @Test
    void enterFromAVirtualThreadIsRefusedWithAPointerToCall() throws Exception {
        NetworkNamespace ns = temp.create("virtual");
        AtomicReference<Throwable> byHandle = new AtomicReference<>();
        AtomicReference<Throwable> byName = new AtomicReference<>();
        Thread vt = Thread.ofVirtual().start(() -> {
            try (NamespaceScope s = ns.enter()) {
                byHandle.set(new AssertionError("entered"));
            } catch (Throwable e) {
                byHandle.set(e);
            }
            try (NamespaceScope s = Netns.enter(ns.name().orElseThrow())) {
                byName.set(new AssertionError("entered"));
            } catch (Throwable e) {
                byName.set(e);
            }
        });
        vt.join();
        assertThat(byHandle.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("virtual thread")
                .hasMessageContaining("call(");
        assertThat(byName.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("virtual thread");
    }

    @Test
    void thousandsOfCyclesOnEightThreadsLeaveEveryThreadHome() throws Exception {
        NetworkNamespace a = temp.create("cycle-a");
        NetworkNamespace b = temp.create("cycle-b");
        int threads = 8;
        int cycles = 1000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] homes = new long[threads];
        long[] after = new long[threads];
        for (int t = 0; t < threads; t++) {
            int index = t;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    homes[index] = threadNetInode();
                    start.await();
                    for (int i = 0; i < cycles; i++) {
                        NetworkNamespace first = (i + index) % 2 == 0 ? a : b;
                        NetworkNamespace second = first == a ? b : a;
                        try (NamespaceScope s1 = first.enter()) {
                            if (threadNetInode() != first.inode()) {
                                throw new AssertionError("not in first");
                            }
                            if (i % 3 == 0) {
                                try (NamespaceScope s2 = second.enter()) {
                                    if (threadNetInode() != second.inode()) {
                                        throw new AssertionError("not in second");
                                    }
                                }
                            }
                        }
                    }
                    after[index] = threadNetInode();
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertThat(failures).isEmpty();
        assertThat(after).containsExactly(homes);
    }

    @Test
    void aClosedHandleCannotBeEntered() {
        NetworkNamespace ns = temp.create("closed");
        try (NetworkNamespace copy = Netns.open(ns.name().orElseThrow())) {
            copy.close();
            assertThatThrownBy(copy::enter).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            assertThatThrownBy(() -> copy.run(() -> { })).isInstanceOf(IllegalStateException.class);
        }
    }
}
