package io.netns;

import io.netns.internal.sys.Linux;
import io.netns.internal.sys.Sys;

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
    /** Descriptor of the namespace to go back to; owned by this scope. */
    private final int previousFd;
    /** Whether the handle was opened for this scope alone ({@link Netns#enter(String)}) and closes with it. */
    private final boolean ownsHandle;
    private boolean closed;

    private NamespaceScope(ThreadState state, NetworkNamespace namespace, int previousFd, boolean ownsHandle) {
        this.state = state;
        this.namespace = namespace;
        this.previousFd = previousFd;
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
        int previous = ThreadState.openCurrentNamespace();
        try {
            namespace.fd().use(fd -> {
                Sys.setns(fd, Linux.CLONE_NEWNET, namespace.describe());
                return null;
            });
        } catch (RuntimeException e) {
            Sys.closeQuietly(previous);
            throw e;
        }
        NamespaceScope scope = new NamespaceScope(state, namespace, previous, ownsHandle);
        state.scopes.addLast(scope);
        return scope;
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
            Sys.setns(previousFd, Linux.CLONE_NEWNET, "previous namespace of thread " + state.owner.getName());
        } catch (RuntimeException e) {
            NamespaceRestoreError error = new NamespaceRestoreError("thread " + state.owner.getName()
                    + " could not return from " + namespace + " to its previous network namespace and is still "
                    + "inside; it is marked unusable for namespace work", e);
            state.poisoned = error;
            throw error;
        } finally {
            Sys.closeQuietly(previousFd);
            if (ownsHandle) {
                namespace.close();
            }
        }
    }

    void abandon() {
        closed = true;
        Sys.closeQuietly(previousFd);
        if (ownsHandle) {
            namespace.close();
        }
    }

    @Override
    public String toString() {
        return "NamespaceScope[" + namespace + (closed ? ", closed]" : "]");
    }
}
