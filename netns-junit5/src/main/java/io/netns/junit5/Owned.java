package io.netns.junit5;

import io.netns.NamespaceNotFoundException;
import io.netns.NamespaceRegistry;
import io.netns.Netns;
import io.netns.NetworkNamespace;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The namespaces this JVM's extension created and has not deleted yet, by name: what the leak
 * check must not count.
 */
final class Owned {
    static final String PREFIX = "junit-" + ProcessHandle.current().pid() + "-";

    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Owned() {
    }

    static NamespaceRegistry registry() {
        return Netns.registry();
    }

    /** {@code ip netns add PREFIX<hint>-<n>} */
    static NetworkNamespace create(String hint) {
        String name = PREFIX + sanitize(hint) + "-" + COUNTER.incrementAndGet();
        LIVE.add(name);
        try {
            return registry().create(name);
        } catch (RuntimeException | Error e) {
            LIVE.remove(name);
            throw e;
        }
    }

    /** Closes the handle and removes the name ({@code ip netns del}), if the test did not already. */
    static void delete(NetworkNamespace ns) {
        ns.close();
        String name = ns.name().orElseThrow();
        try {
            registry().delete(name);
        } catch (NamespaceNotFoundException alreadyGone) {
            // the test deleted it itself
        } finally {
            LIVE.remove(name);
        }
    }

    static boolean isLive(String name) {
        return LIVE.contains(name);
    }

    private static String sanitize(String hint) {
        StringBuilder sb = new StringBuilder();
        hint.codePoints().limit(64).forEach(c -> sb.appendCodePoint(
                c == '/' || c < 0x20 || c == 0x7f || Character.isWhitespace(c) ? '_' : c));
        return sb.isEmpty() ? "ns" : sb.toString();
    }
}
