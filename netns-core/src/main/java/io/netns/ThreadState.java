package io.netns;

import io.netns.internal.sys.Sys;

import java.util.ArrayDeque;

/**
 * What the library knows about one platform thread's namespace moves: the stack of open
 * {@link NamespaceScope}s (innermost last) and whether a restore ever failed on it.
 */
final class ThreadState {
    private static final ThreadLocal<ThreadState> CURRENT = ThreadLocal.withInitial(ThreadState::new);

    final Thread owner = Thread.currentThread();
    final ArrayDeque<NamespaceScope> scopes = new ArrayDeque<>(4);
    /** Set once a restore failed: the thread is in an unknown namespace for good. */
    NamespaceRestoreError poisoned;

    static ThreadState current() {
        return CURRENT.get();
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

    static int openCurrentNamespace() {
        return Sys.open("/proc/thread-self/ns/net", io.netns.internal.sys.Linux.O_RDONLY
                | io.netns.internal.sys.Linux.O_CLOEXEC, 0);
    }
}
