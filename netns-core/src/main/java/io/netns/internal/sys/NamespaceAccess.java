// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import io.netns.NetworkNamespace;

import java.util.function.IntFunction;

/**
 * Gives the netns modules built on this one the raw descriptor of a {@link NetworkNamespace}
 * (for IFLA_NET_NS_FD, NETNSA_FD) without making it public API. The descriptor stays open while
 * the action runs, even if the handle is closed concurrently.
 */
public final class NamespaceAccess {
    /** Implemented by {@link NetworkNamespace}'s package. */
    public interface Accessor {
        <T> T withFd(NetworkNamespace namespace, IntFunction<T> action);

        <T> T callBriefly(NetworkNamespace namespace, java.util.concurrent.Callable<T> step);
    }

    private static volatile Accessor accessor;

    private NamespaceAccess() {
    }

    /** Called once by {@link NetworkNamespace}'s static initialiser; later calls are ignored. */
    public static void install(Accessor a) {
        if (accessor == null) {
            accessor = a;
        }
    }

    /**
     * Runs {@code action} with the namespace's descriptor.
     *
     * @throws IllegalStateException if the handle is closed
     */
    public static <T> T withFd(NetworkNamespace namespace, IntFunction<T> action) {
        return accessor().withFd(namespace, action);
    }

    /**
     * Runs a short step (opening a socket) on a thread inside {@code namespace}: the library's
     * dedicated factory thread, which returns to its own namespace afterwards. No user code may run
     * there; long or blocking work belongs to {@link NetworkNamespace#call}.
     */
    public static <T> T callBriefly(NetworkNamespace namespace, java.util.concurrent.Callable<T> step) {
        return accessor().callBriefly(namespace, step);
    }

    private static Accessor accessor() {
        Accessor a = accessor;
        if (a == null) {
            try {
                Class.forName(NetworkNamespace.class.getName(), true, NetworkNamespace.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = accessor;
        }
        return a;
    }
}
