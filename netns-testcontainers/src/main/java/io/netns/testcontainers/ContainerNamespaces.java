// SPDX-License-Identifier: Apache-2.0
package io.netns.testcontainers;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.netns.NamespaceNotFoundException;
import io.netns.Netns;
import io.netns.NetworkNamespace;
import org.testcontainers.containers.ContainerState;

import java.util.Objects;

/**
 * The network namespace of a running Testcontainers container, by the PID of its main process.
 *
 * <pre>{@code
 * try (GenericContainer<?> c = new GenericContainer<>("netns-busybox:latest")
 *              .withNetworkMode("none").withCommand("nc", "-ll", "-p", "8080", "-e", "cat");
 *      ...) {
 *     c.start();
 *     try (NetworkNamespace inside = ContainerNamespaces.of(c);
 *          Rtnetlink rt = Rtnetlink.open(host)) {
 *         rt.links().add(LinkSpec.veth("c0", "eth0").peerNamespace(inside));
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <h2>Where this works</h2>
 * The PID that Docker reports is a PID of the Docker daemon's PID namespace, and the namespace is
 * opened through {@code /proc/PID/ns/net}. So the JVM must run on the Docker host itself (a local
 * {@code unix://} {@code DOCKER_HOST}), in the daemon's PID namespace (not inside a container of
 * its own), with the rights to open another process's namespace file (root, or CAP_SYS_PTRACE
 * over it) and, for what is done with it afterwards, CAP_SYS_ADMIN and CAP_NET_ADMIN. With a
 * remote Docker host, a Docker Desktop VM or rootless Docker in a PID namespace of its own, the
 * PID means nothing here.
 *
 * <p>The handle is the container's namespace only as the container's network mode makes it: with
 * {@code withNetworkMode("host")} it is the host's own namespace, and with
 * {@code "container:OTHER"} it is the other container's. Use network mode {@code "none"} to get a
 * namespace that holds only {@code lo}, for links you add yourself.
 *
 * <p>The handle keeps the namespace alive while it is open, even after the container stops; it
 * does not stop or remove the container. Close it when done.
 */
public final class ContainerNamespaces {
    private ContainerNamespaces() {
    }

    /**
     * Opens the network namespace of a running container.
     *
     * <p>The container is inspected afresh (not the state cached when it started), its main
     * process's namespace file is opened, and the container is inspected once more to check that
     * the same process still runs: a container that exited or restarted meanwhile (its PID then
     * possibly taken by another process) gives an error rather than a handle on someone else's
     * namespace.
     *
     * <p>Equivalent commands: {@code PID=$(docker inspect -f '{{.State.Pid}}' CONTAINER)}, then
     * {@code nsenter -t $PID -n} (or {@code ip netns attach NAME $PID}).
     *
     * @param container a started container ({@code GenericContainer}, or any {@link ContainerState})
     * @return an open, unnamed handle on the container's network namespace
     * @throws IllegalStateException if the container was never started (or was stopped through
     *         Testcontainers), is not running (created, exited, dead, restarting), was removed, or
     *         its process cannot be found in this JVM's {@code /proc}
     * @throws io.netns.NetnsException if the namespace file cannot be opened (EACCES, EPERM without
     *         the rights above)
     */
    public static NetworkNamespace of(ContainerState container) {
        Objects.requireNonNull(container, "container");
        String id = containerId(container);
        InspectContainerResponse.ContainerState before = runningState(container, id);
        long pid = before.getPidLong();
        NetworkNamespace ns;
        try {
            ns = Netns.ofPid(pid);
        } catch (NamespaceNotFoundException e) {
            // Exited in between? Then say so; otherwise the PID is not one of this JVM's /proc.
            runningState(container, id);
            throw new IllegalStateException("container " + shortId(id) + " is running as PID " + pid
                    + " according to the Docker daemon, but /proc/" + pid + " is not there: this JVM must run on the"
                    + " Docker host, in the daemon's PID namespace (not a remote DOCKER_HOST, a Docker Desktop VM or"
                    + " a container of its own)", e);
        }
        try {
            InspectContainerResponse.ContainerState after = runningState(container, id);
            if (after.getPidLong() != pid || !Objects.equals(after.getStartedAt(), before.getStartedAt())) {
                throw new IllegalStateException("container " + shortId(id) + " restarted while its namespace was"
                        + " being opened (PID " + pid + " -> " + after.getPidLong() + "): try again");
            }
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /**
     * The PID, in the Docker daemon's PID namespace, of a running container's main process, from a
     * fresh inspection of the container.
     *
     * <p>Equivalent command: {@code docker inspect -f '{{.State.Pid}}' CONTAINER}.
     *
     * @param container a started container
     * @return the PID, at least 1
     * @throws IllegalStateException if the container was never started, is not running or was removed
     */
    public static long pid(ContainerState container) {
        Objects.requireNonNull(container, "container");
        String id = containerId(container);
        return runningState(container, id).getPidLong();
    }

    private static String containerId(ContainerState container) {
        String id;
        try {
            id = container.getContainerId();
        } catch (NullPointerException notStarted) {
            // ContainerState's default getContainerId() reads getContainerInfo(), null before start.
            id = null;
        }
        if (id == null || id.isEmpty()) {
            throw new IllegalStateException("the container has not been started (no container id: start() was"
                    + " not called, or stop() was): start it before asking for its network namespace");
        }
        return id;
    }

    /** Inspects the container now and returns its state, if it has a running process. */
    private static InspectContainerResponse.ContainerState runningState(ContainerState container, String id) {
        InspectContainerResponse info;
        try {
            info = container.getCurrentContainerInfo();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot inspect container " + shortId(id) + " (docker inspect " + id
                    + "): " + e.getMessage(), e);
        }
        InspectContainerResponse.ContainerState state = info == null ? null : info.getState();
        if (state == null) {
            throw new IllegalStateException("docker inspect " + shortId(id) + " returned no state");
        }
        Long pid = state.getPidLong();
        if (!Boolean.TRUE.equals(state.getRunning()) || Boolean.TRUE.equals(state.getRestarting())
                || pid == null || pid <= 0) {
            StringBuilder m = new StringBuilder("container ").append(shortId(id)).append(" is not running (status ")
                    .append(state.getStatus());
            if (state.getExitCodeLong() != null && !"created".equals(state.getStatus())) {
                m.append(", exit code ").append(state.getExitCodeLong());
            }
            if (Boolean.TRUE.equals(state.getOOMKilled())) {
                m.append(", killed for lack of memory");
            }
            if (state.getError() != null && !state.getError().isEmpty()) {
                m.append(", error: ").append(state.getError());
            }
            m.append("): a stopped container has no network namespace; start it, or keep it running while the"
                    + " namespace is used");
            throw new IllegalStateException(m.toString());
        }
        return state;
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
