// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import io.netns.NamespaceNotFoundException;
import io.netns.NamespaceRegistry;
import io.netns.Netns;
import io.netns.NetworkNamespace;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The namespaces this JVM's extension created and has not deleted yet, by name: what the leak
 * check must not count.
 */
final class Owned {
    /** The first part of every name when {@value NetnsExtension#PREFIX_PROPERTY} is not set. */
    static final String DEFAULT_PREFIX = "junit";

    /** Set once per JVM, by the first test's configuration (or the system property). */
    private static volatile String prefix;

    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Owned() {
    }

    /** {@code <prefix>-<pid>-}: the prefix of every name this JVM's extension gives. */
    static String prefix() {
        String p = prefix;
        return p != null ? p : configure(System.getProperty(NetnsExtension.PREFIX_PROPERTY));
    }

    /** Fixes the prefix from the JUnit configuration (parameters, system properties, junit-platform.properties). */
    static String configure(ExtensionContext context) {
        String p = prefix;
        return p != null ? p : configure(context.getConfigurationParameter(NetnsExtension.PREFIX_PROPERTY).orElse(null));
    }

    private static synchronized String configure(String configured) {
        if (prefix == null) {
            prefix = prefixOf(configured, ProcessHandle.current().pid());
        }
        return prefix;
    }

    /** The full prefix for a configured first part (null or blank: the default) and a pid. */
    static String prefixOf(String configured, long pid) {
        String first = configured == null || configured.isBlank() ? DEFAULT_PREFIX : configured.strip();
        if (!first.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,31}")) {
            throw new ExtensionConfigurationException(NetnsExtension.PREFIX_PROPERTY + "=\"" + configured
                    + "\" is not a usable name prefix: use 1 to 32 letters, digits, '.', '_' or '-', starting with"
                    + " a letter or digit (it starts every namespace name, a file name in the run directory)");
        }
        return first + "-" + pid + "-";
    }

    static NamespaceRegistry registry() {
        return Netns.registry();
    }

    /** {@code ip netns add <prefix><hint>-<n>} */
    static NetworkNamespace create(String hint) {
        String name = prefix() + sanitize(hint) + "-" + COUNTER.incrementAndGet();
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
