// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Creates the family handles ({@code rt.links()}, {@code batch.routes()} ...) whose constructors
 * are package-private in their own packages: each family class registers its factory in a static
 * initialiser, and {@link io.netns.netlink.Rtnetlink} and {@link io.netns.netlink.Batch} ask for
 * them here. This keeps the constructors (which take this package's types) out of the public API;
 * it is the JDK's "shared secrets" pattern, within one module.
 */
public final class Families {
    private static final Map<Class<?>, Function<Sink, ?>> FACTORIES = new ConcurrentHashMap<>();

    private Families() {
    }

    /**
     * Registers how to make a {@code type} over a sink. Called from {@code type}'s static initialiser.
     *
     * @param type the public type handed out
     * @param factory makes one over a sink (an {@link Exchange} for direct handles, a batch's queue for views)
     * @param <T> the type
     */
    public static <T> void register(Class<T> type, Function<Sink, ? extends T> factory) {
        FACTORIES.put(type, factory);
    }

    /**
     * {@return a new {@code type} over {@code sink}}
     *
     * @param type a family handle or changes view registered by {@code implementation}
     * @param implementation the class whose static initialiser registers {@code type}
     * @param sink where its requests go
     * @param <T> the type
     */
    public static <T> T create(Class<T> type, Class<?> implementation, Sink sink) {
        Function<Sink, ?> f = FACTORIES.get(type);
        if (f == null) {
            try {
                Class.forName(implementation.getName(), true, implementation.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
            f = FACTORIES.get(type);
            if (f == null) {
                throw new AssertionError(implementation + " registers no factory for " + type);
            }
        }
        return type.cast(f.apply(sink));
    }
}
