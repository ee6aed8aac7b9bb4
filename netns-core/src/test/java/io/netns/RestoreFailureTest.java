// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.FaultInjection;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.atomic.AtomicReference;

import static io.netns.EnterTest.threadNetInode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The restoring setns fails (made to, through the syscall layer's test hook): the caller gets an
 * Error, the thread is never silently used in the wrong namespace, a pinned thread is retired.
 */
@PrivilegedTest
class RestoreFailureTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    /** Fails the restoring setns of one thread only, so tests running alongside are not affected. */
    private static void failRestoresOn(Thread victim) {
        FaultInjection.setns = (fd, target) ->
                Thread.currentThread() == victim && target.startsWith("previous namespace") ? Errno.EPERM : 0;
    }

    @AfterEach
    void clearHook() {
        FaultInjection.setns = null;
    }

    @Test
    void aFailedRestoreThrowsAnErrorAndPoisonsTheThread() throws Exception {
        NetworkNamespace ns = temp.create("restore");
        AtomicReference<Throwable> onClose = new AtomicReference<>();
        AtomicReference<Throwable> onReenter = new AtomicReference<>();
        long[] inodes = new long[3];
        Thread t = Thread.ofPlatform().unstarted(() -> {
            inodes[0] = threadNetInode();
            try {
                try (NamespaceScope s = ns.enter()) {
                    failRestoresOn(Thread.currentThread());
                }
            } catch (Throwable e) {
                onClose.set(e);
            }
            inodes[1] = threadNetInode();
            FaultInjection.setns = null;
            try (NamespaceScope s = ns.enter()) {
                onReenter.set(new AssertionError("entered again"));
            } catch (Throwable e) {
                onReenter.set(e);
            }
            inodes[2] = threadNetInode();
        });
        t.start();
        t.join();
        assertThat(onClose.get()).isInstanceOf(NamespaceRestoreError.class)
                .hasMessageContaining("could not return").hasCauseInstanceOf(NetnsException.class);
        assertThat(((NetnsException) onClose.get().getCause()).errno()).isEqualTo(Errno.EPERM);
        // still inside: the error says so, and nothing pretends otherwise
        assertThat(inodes[1]).isEqualTo(ns.inode()).isNotEqualTo(inodes[0]);
        assertThat(onReenter.get()).isInstanceOf(NamespaceRestoreError.class).hasMessageContaining("must not be used");
        assertThat(inodes[2]).isEqualTo(ns.inode());
    }

    @Test
    void aPinnedThreadWhoseRestoreFailsIsRetiredAndNeverReused() {
        NetworkNamespace ns = temp.create("pinned");
        NetworkNamespace other = temp.create("other");
        AtomicReference<Thread> victim = new AtomicReference<>();
        assertThatThrownBy(() -> ns.run(() -> {
            victim.set(Thread.currentThread());
            try (NamespaceScope s = other.enter()) {
                failRestoresOn(Thread.currentThread());
            }
        })).isInstanceOf(NamespaceRestoreError.class);
        FaultInjection.setns = null;
        assertThat(CallTest.awaitDeath(victim.get())).as("the poisoned pinned thread ends").isTrue();
        for (int i = 0; i < 20; i++) {
            assertThat(ns.call(Thread::currentThread)).isNotSameAs(victim.get());
            assertThat(ns.call(EnterTest::threadNetInode)).isEqualTo(ns.inode());
        }
    }
}
