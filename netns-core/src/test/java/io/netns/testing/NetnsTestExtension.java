package io.netns.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Registered on every privileged test class ({@link PrivilegedTest}): snapshots the leak
 * accounting before the class and, after it, removes anything the class left with the test prefix
 * and fails the class if it left namespace files, mounts, namespace descriptors or sockets.
 */
public final class NetnsTestExtension implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(NetnsTestExtension.class);

    static {
        // The JDK keeps one socket for good once NIO is first used (the marker descriptor its
        // channels dup2 over on asynchronous close). Make it exist before any baseline is taken.
        // No packet is sent: the channels are opened and closed, never connected.
        try {
            java.nio.channels.SocketChannel.open().close();
            java.nio.channels.DatagramChannel.open().close();
            java.nio.channels.ServerSocketChannel.open().close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        requireRoot();
        Leaks.primeLibraryCaches();
        context.getStore(STORE).put("before", Leaks.snapshot());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Leaks.Snapshot before = context.getStore(STORE).get("before", Leaks.Snapshot.class);
        List<String> leaks = Leaks.leaksAfterSettling(before, true);
        List<String> removed = Leaks.removeTestNamespaces();
        if (!leaks.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " leaked: " + String.join("; ", leaks)
                    + (removed.isEmpty() ? "" : " (removed namespaces " + removed + ")"));
        }
    }

    /** These tests run as root in CI; a run without root fails loudly instead of skipping. */
    static void requireRoot() {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new AssertionError("the netns test suite needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN): "
                    + "run it with sudo, as .ci/run does; skipping would hide untested code");
        }
    }
}
