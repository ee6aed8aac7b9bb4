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
        Accessor a = accessor;
        if (a == null) {
            try {
                Class.forName(NetworkNamespace.class.getName(), true, NetworkNamespace.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = accessor;
        }
        return a.withFd(namespace, action);
    }
}
