// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.CurrentNamespace;
import io.netns.internal.sys.FileCalls;
import io.netns.internal.sys.Home;

import java.util.ArrayDeque;

/**
 * What the library knows about one platform thread's namespace moves: the stack of open
 * {@link NamespaceScope}s (innermost last), whether a restore ever failed on it, and a descriptor
 * of the namespace it is found in outside every scope (its "home"), kept so that entering and
 * leaving do not open /proc files each time. The home descriptor is closed when the thread ends.
 */
final class ThreadState {
    private static final ThreadLocal<ThreadState> CURRENT = ThreadLocal.withInitial(ThreadState::new);

    final Thread owner = Thread.currentThread();
    final ArrayDeque<NamespaceScope> scopes = new ArrayDeque<>(4);
    /** Set once a restore failed: the thread is in an unknown namespace for good. */
    NamespaceRestoreError poisoned;
    /** The home descriptor, shared with the cleaner that closes it after the thread's end. */
    private final int[] home = {-1};
    private long homeInode;

    private ThreadState() {
        int[] h = home;
        // the library's cleaner, born or moved home: this class may first be used on a pinned thread
        Home.CLEANER.register(this, () -> FileCalls.closeQuietly(h[0]));
    }

    static ThreadState current() {
        return CURRENT.get();
    }

    /** A descriptor of the home namespace if the thread is in it ({@code inode}), else -1. */
    int homeIfIn(long inode) {
        return home[0] >= 0 && homeInode == inode ? home[0] : -1;
    }

    /** Makes the namespace the thread is in now ({@code inode}) its home; returns the descriptor. */
    int rememberHome(long inode) {
        int fd = CurrentNamespace.open();
        FileCalls.closeQuietly(home[0]);
        home[0] = fd;
        homeInode = inode;
        return fd;
    }

    /** The current thread's state if it ever entered, without creating one. */
    static boolean isClean() {
        ThreadState st = CURRENT.get();
        return st.scopes.isEmpty() && st.poisoned == null;
    }

    void checkUsable() {
        if (poisoned != null) {
            throw new NamespaceRestoreError("thread " + owner.getName()
                    + " failed to restore its network namespace earlier and is still in the wrong one; "
                    + "it must not be used for namespace work any more", poisoned);
        }
    }

    /** Forgets scopes a task leaked, closing their saved descriptors; the thread is retired after this. */
    void abandon() {
        NamespaceScope s;
        while ((s = scopes.pollLast()) != null) {
            s.abandon();
        }
    }
}
