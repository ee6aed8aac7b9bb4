// SPDX-License-Identifier: Apache-2.0
package io.netns.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Registered on every privileged test class ({@link PrivilegedTest}): snapshots the leak
 * accounting before the class and, after it, removes anything the class left with the test prefix
 * and fails the class if it left namespace files, mounts, namespace descriptors or sockets.
 *
 * <p>The test tiers: without root the class is skipped with a one-line reason, so {@code mvn test}
 * as a user runs every root-free test (codec, golden bytes, parsers) and only those. With
 * {@value #REQUIRE_PRIVILEGED}{@code =true} (what {@code .ci/run} passes) a missing root fails the
 * class instead: in CI a skip would be a test that never ran.
 */
public final class NetnsTestExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {
    /** System property: {@code true} makes a run without root fail the privileged tests instead of skipping them. */
    public static final String REQUIRE_PRIVILEGED = "netns.test.requirePrivileged";

    /** The one-line reason of a skipped privileged test class. */
    public static final String SKIP_REASON = "privileged tier skipped: needs root (CAP_SYS_ADMIN, CAP_NET_ADMIN);"
            + " run as root (.ci/run does) or set -D" + REQUIRE_PRIVILEGED + "=true to make this a failure";

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
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (isRoot() || requirePrivileged()) {
            return ConditionEvaluationResult.enabled("root, or privileged tests required");
        }
        announceSkip(SKIP_REASON);
        return ConditionEvaluationResult.disabled(SKIP_REASON);
    }

    private static final java.util.Set<String> ANNOUNCED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Says once per test JVM and reason, on the JVM's own standard error, why classes are skipped:
     * surefire keeps skip messages in its XML reports only, and redirects the tests' System.out/err
     * to files. Surefire shows the line in the build's output.
     *
     * @param reason the one-line reason
     */
    public static void announceSkip(String reason) {
        if (ANNOUNCED.add(reason)) {
            @SuppressWarnings("resource") // the process's descriptor 2: never closed
            java.io.PrintStream err = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                    java.nio.charset.StandardCharsets.UTF_8);
            err.println("netns: " + reason);
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

    /** Whether this JVM runs as root. */
    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Whether {@value #REQUIRE_PRIVILEGED} is {@code true}: privileged tests fail rather than skip. */
    public static boolean requirePrivileged() {
        return Boolean.parseBoolean(System.getProperty(REQUIRE_PRIVILEGED, "false").strip());
    }

    /** These tests run as root in CI; there a run without root fails loudly instead of skipping. */
    static void requireRoot() {
        if (!isRoot()) {
            throw new AssertionError("the netns test suite needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN): "
                    + "run it with sudo, as .ci/run does; skipping would hide untested code");
        }
    }
}
