// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.CurrentNamespace;
import io.netns.internal.sys.FileCalls;
import io.netns.internal.sys.Linux;
import io.netns.internal.sys.NamespaceCalls;

/**
 * The calling thread's stay inside a network namespace, ended by {@link #close()}.
 *
 * <pre>{@code
 * try (var inside = Netns.enter("ns1")) {
 *     // this thread's sockets, netlink requests and child processes belong to ns1
 * }   // the thread is back in its previous namespace, also if the block threw
 * }</pre>
 *
 * <p>Scopes nest and must be closed in reverse order, by the thread that opened them; anything
 * else is an {@link IllegalStateException} that leaves the thread where it is. If the kernel
 * refuses to move the thread back, {@link #close()} throws {@link NamespaceRestoreError}: see
 * there for what happens to the thread.
 */
public final class NamespaceScope implements AutoCloseable {
    private final ThreadState state;
    private final NetworkNamespace namespace;
    /** Descriptor of the namespace to go back to (see {@link Previous}). */
    private final int previousFd;
    private final Previous previous;
    /** The enclosing scope's handle descriptor, held while this scope needs it to go back. */
    private final NamespaceFd borrowed;
    /** Whether the handle was opened for this scope alone ({@link Netns#enter(String)}) and closes with it. */
    private final boolean ownsHandle;
    private boolean closed;

    /** Where {@link #previousFd} comes from, and so who closes it. */
    private enum Previous {
        /** the thread's cached home descriptor (kept by {@link ThreadState}) */
        HOME,
        /** the enclosing scope's namespace handle ({@link #borrowed}, released on close) */
        ENCLOSING,
        /** opened for this scope alone (closed on close) */
        OWN
    }

    private NamespaceScope(ThreadState state, NetworkNamespace namespace, int previousFd, Previous previous,
                           NamespaceFd borrowed, boolean ownsHandle) {
        this.state = state;
        this.namespace = namespace;
        this.previousFd = previousFd;
        this.previous = previous;
        this.borrowed = borrowed;
        this.ownsHandle = ownsHandle;
    }

    static NamespaceScope enter(NetworkNamespace namespace, boolean ownsHandle) {
        Thread thread = Thread.currentThread();
        if (thread.isVirtual()) {
            throw new IllegalStateException("enter() refused on virtual thread " + thread
                    + ": setns moves the carrier OS thread, and unrelated virtual threads scheduled on it "
                    + "would run inside " + namespace + ". Use namespace.run(...) or namespace.call(...), "
                    + "which run the code on a platform thread pinned inside the namespace");
        }
        ThreadState state = ThreadState.current();
        state.checkUsable();
        // Where is the thread now? Asked of the kernel every time (a readlink, cheap), so a move by
        // other code is noticed; the descriptor to come back through is reused when already known.
        long here = CurrentNamespace.inode();
        NamespaceScope enclosing = state.scopes.peekLast();
        int previousFd = -1;
        Previous previous = Previous.OWN;
        NamespaceFd borrowed = null;
        if (enclosing != null && enclosing.namespace.inode() == here) {
            try {
                borrowed = enclosing.namespace.fd();
                previousFd = borrowed.acquireRaw();
                previous = Previous.ENCLOSING;
            } catch (IllegalStateException closedHandle) {
                borrowed = null; // the enclosing handle was closed meanwhile: open our own below
            }
        } else if (enclosing == null) {
            previousFd = state.homeIfIn(here);
            if (previousFd < 0) {
                previousFd = state.rememberHome(here);
            }
            previous = Previous.HOME;
        }
        if (previousFd < 0) {
            previousFd = CurrentNamespace.open();
            previous = Previous.OWN;
        }
        try {
            namespace.fd().use(fd -> {
                NamespaceCalls.setns(fd, Linux.CLONE_NEWNET, namespace.describe());
                return null;
            });
        } catch (RuntimeException e) {
            release(previous, previousFd, borrowed);
            throw e;
        }
        NamespaceScope scope = new NamespaceScope(state, namespace, previousFd, previous, borrowed, ownsHandle);
        state.scopes.addLast(scope);
        return scope;
    }

    private static void release(Previous previous, int fd, NamespaceFd borrowed) {
        switch (previous) {
            case OWN -> FileCalls.closeQuietly(fd);
            case ENCLOSING -> borrowed.release();
            case HOME -> {
                // kept by the thread state
            }
        }
    }

    /** {@return the namespace this scope entered} */
    public NetworkNamespace namespace() {
        return namespace;
    }

    /**
     * Moves the thread back to the namespace it was in before {@code enter}. Idempotent.
     *
     * @throws IllegalStateException if called from another thread, or while an inner scope is open
     * @throws NamespaceRestoreError if the kernel refused the move back (the thread is poisoned)
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != state.owner) {
            throw new IllegalStateException("scope of " + namespace + " belongs to thread " + state.owner.getName()
                    + " and cannot be closed from " + Thread.currentThread().getName());
        }
        NamespaceScope innermost = state.scopes.peekLast();
        if (innermost != this) {
            throw new IllegalStateException("scopes must be closed in reverse order: the scope of "
                    + (innermost == null ? "?" : innermost.namespace) + " is still open inside the scope of "
                    + namespace);
        }
        closed = true;
        state.scopes.pollLast();
        try {
            NamespaceCalls.setns(previousFd, Linux.CLONE_NEWNET,
                    "previous namespace of thread " + state.owner.getName());
        } catch (RuntimeException e) {
            NamespaceRestoreError error = new NamespaceRestoreError("thread " + state.owner.getName()
                    + " could not return from " + namespace + " to its previous network namespace and is still "
                    + "inside; it is marked unusable for namespace work", e);
            state.poisoned = error;
            throw error;
        } finally {
            release(previous, previousFd, borrowed);
            if (ownsHandle) {
                namespace.close();
            }
        }
    }

    void abandon() {
        closed = true;
        release(previous, previousFd, borrowed);
        if (ownsHandle) {
            namespace.close();
        }
    }

    @Override
    public String toString() {
        return "NamespaceScope[" + namespace + (closed ? ", closed]" : "]");
    }
}
