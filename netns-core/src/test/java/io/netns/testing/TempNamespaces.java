// SPDX-License-Identifier: Apache-2.0
package io.netns.testing;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Namespaces for one test, created through the library with unique names and removed after the
 * test, pass or fail: {@code @RegisterExtension final TempNamespaces temp = new TempNamespaces();}.
 */
public final class TempNamespaces implements AfterEachCallback {
    private final Deque<NetworkNamespace> created = new ArrayDeque<>();

    /** Creates {@code nt<pid>-<hint>-<n>}. */
    public NetworkNamespace create(String hint) {
        NetworkNamespace ns = Netns.create(TestNames.unique(hint));
        synchronized (created) {
            created.push(ns);
        }
        return ns;
    }

    /** The name of a namespace created here. */
    public static String name(NetworkNamespace ns) {
        return ns.name().orElseThrow();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        synchronized (created) {
            NetworkNamespace ns;
            while ((ns = created.poll()) != null) {
                ns.close();
                String name = ns.name().orElseThrow();
                if (Netns.exists(name)) {
                    Netns.delete(name);
                }
            }
        }
    }
}
