// SPDX-License-Identifier: Apache-2.0
package io.netns.testcontainers;

import com.github.dockerjava.api.exception.NotFoundException;
import io.netns.testing.Leaks;
import io.netns.testing.NetnsTestExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.List;

/**
 * The Docker engine of {@code .ci/docker-up} for the tests of this module: before a class, fails it
 * (never skips it) when the JVM is not root, {@code DOCKER_HOST} is not set, the engine does not
 * answer or the local image is missing; after it, fails it if it left namespace descriptors, mounts
 * or namespace files of this JVM's tests (the accounting of netns-core's {@code @PrivilegedTest},
 * less its socket count: the Docker client keeps its connections to the engine open in a pool).
 *
 * <p>Like netns-core's privileged tier, a run without root or without {@code DOCKER_HOST} skips the
 * class with a one-line reason, unless {@code -Dnetns.test.requirePrivileged=true} (what
 * {@code .ci/run} passes): then it fails, as described above.
 */
public final class DockerEngine implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {
    /** The image {@code .ci/docker-up} builds. */
    public static final String IMAGE = System.getProperty("netns.testcontainers.image", "netns-busybox:latest");

    /** No registry is reachable: the image is local or the test fails. */
    public static final ImagePullPolicy NEVER_PULL = image -> false;

    private static final String HOW = "start the tests' Docker engine as root with"
            + " `export DOCKER_HOST=\"$(.ci/docker-up)\"`, run the tests, then `.ci/docker-down`";

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(DockerEngine.class);

    /** A container of the local busybox image with no network but its own loopback. */
    public static GenericContainer<?> busybox(String... command) {
        return new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withImagePullPolicy(NEVER_PULL)
                .withNetworkMode("none")
                .withCommand(command)
                .withStartupTimeout(Duration.ofSeconds(60));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (NetnsTestExtension.requirePrivileged()) {
            return ConditionEvaluationResult.enabled("privileged tests required: beforeAll checks the engine");
        }
        if (!NetnsTestExtension.isRoot()) {
            NetnsTestExtension.announceSkip(NetnsTestExtension.SKIP_REASON);
            return ConditionEvaluationResult.disabled(NetnsTestExtension.SKIP_REASON);
        }
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isBlank()) {
            String reason = "container tier skipped: DOCKER_HOST is not set; " + HOW;
            NetnsTestExtension.announceSkip(reason);
            return ConditionEvaluationResult.disabled(reason);
        }
        return ConditionEvaluationResult.enabled("root, DOCKER_HOST=" + host);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new AssertionError("these tests need root (namespaces of containers, veth pairs): run them as"
                    + " root, as .ci/run does; skipping would hide untested code");
        }
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isBlank()) {
            throw new AssertionError("DOCKER_HOST is not set: " + HOW);
        }
        if (!host.startsWith("unix://")) {
            throw new AssertionError("DOCKER_HOST=" + host + " is not a local unix socket: container PIDs are only"
                    + " meaningful on the Docker host itself; " + HOW);
        }
        try {
            DockerClientFactory.instance().client();
        } catch (RuntimeException e) {
            throw new AssertionError("no Docker engine answers at DOCKER_HOST=" + host + " (" + e.getMessage() + "): "
                    + HOW, e);
        }
        try {
            DockerClientFactory.instance().client().inspectImageCmd(IMAGE).exec();
        } catch (NotFoundException e) {
            throw new AssertionError("the image " + IMAGE + " is missing at DOCKER_HOST=" + host
                    + " (no registry is reachable, it is built locally): " + HOW, e);
        }
        // The baseline is taken after the Docker client exists, so its own descriptors are in it.
        Leaks.primeLibraryCaches();
        context.getStore(STORE).put("before", Leaks.snapshot());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Leaks.Snapshot before = context.getStore(STORE).get("before", Leaks.Snapshot.class);
        if (before == null) {
            return;
        }
        // Sockets are not counted: the Docker client pools its connections to the engine.
        List<String> leaks = Leaks.leaksAfterSettling(before, false);
        List<String> removed = Leaks.removeTestNamespaces();
        if (!leaks.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " leaked: " + String.join("; ", leaks)
                    + (removed.isEmpty() ? "" : " (removed namespaces " + removed + ")"));
        }
    }
}
