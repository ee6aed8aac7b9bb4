// SPDX-License-Identifier: Apache-2.0
package io.netns.testcontainers;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.link.Link;
import io.netns.testing.Ip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;

import static io.netns.testcontainers.DockerEngine.busybox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which namespace {@link ContainerNamespaces} opens, checked against docker and the container's own /proc. */
@ExtendWith(DockerEngine.class)
class ContainerNamespacesTest {
    /** {@code docker inspect -f '{{.State.Pid}}' ID}, with Debian's client (it matches the engine). */
    static long dockerInspectPid(GenericContainer<?> c) {
        return Long.parseLong(Ip.exec("/usr/bin/docker", "inspect", "-f", "{{.State.Pid}}", c.getContainerId())
                .orFail("docker inspect").stdout().strip());
    }

    /** The inode of the namespace the container's PID 1 is in, read inside the container. */
    static long inodeSeenInside(GenericContainer<?> c) throws Exception {
        Container.ExecResult r = c.execInContainer("readlink", "/proc/1/ns/net");
        assertThat(r.getExitCode()).as(r.getStderr()).isZero();
        String link = r.getStdout().strip();
        assertThat(link).matches("net:\\[\\d+]");
        return Long.parseLong(link.substring(5, link.length() - 1));
    }

    @Test
    void opensTheNamespaceOfTheContainersMainProcess() throws Exception {
        try (GenericContainer<?> c = busybox("sleep", "600")) {
            c.start();
            long pid = ContainerNamespaces.pid(c);
            assertThat(pid).isEqualTo(dockerInspectPid(c)).isEqualTo(c.getContainerInfo().getState().getPidLong());
            try (NetworkNamespace ns = ContainerNamespaces.of(c); NetworkNamespace own = Netns.current()) {
                assertThat(ns.inode()).isEqualTo(inodeSeenInside(c));
                assertThat(ns.inode()).isEqualTo(inodeOfProc(pid));
                assertThat(ns).isNotEqualTo(own);
                assertThat(ns.name()).isEmpty();
                assertThat(ns.pids()).contains(pid);
                // Network mode "none": nothing but the container's own loopback.
                try (Rtnetlink rt = Rtnetlink.open(ns)) {
                    assertThat(rt.links().list()).extracting(Link::name).containsExactly("lo");
                }
            }
            // A second handle is the same namespace, and so is a second call's.
            try (NetworkNamespace a = ContainerNamespaces.of(c); NetworkNamespace b = ContainerNamespaces.of(c)) {
                assertThat(a).isEqualTo(b);
            }
        }
    }

    /** {@code stat -L -c %i /proc/PID/ns/net}: the nsfs inode, from the independent tool. */
    static long inodeOfProc(long pid) {
        return Long.parseLong(Ip.exec("stat", "-L", "-c", "%i", "/proc/" + pid + "/ns/net").orFail("stat").stdout()
                .strip());
    }

    @Test
    void twoContainersHaveTwoNamespaces() throws Exception {
        try (GenericContainer<?> a = busybox("sleep", "600"); GenericContainer<?> b = busybox("sleep", "600")) {
            a.start();
            b.start();
            try (NetworkNamespace na = ContainerNamespaces.of(a); NetworkNamespace nb = ContainerNamespaces.of(b)) {
                assertThat(na).isNotEqualTo(nb);
                assertThat(na.inode()).isEqualTo(inodeSeenInside(a));
                assertThat(nb.inode()).isEqualTo(inodeSeenInside(b));
            }
        }
    }

    @Test
    void aContainerSharingAnothersNetworkHasItsNamespace() throws Exception {
        try (GenericContainer<?> a = busybox("sleep", "600")) {
            a.start();
            try (GenericContainer<?> b = busybox("sleep", "600").withNetworkMode("container:" + a.getContainerId())) {
                b.start();
                try (NetworkNamespace na = ContainerNamespaces.of(a); NetworkNamespace nb = ContainerNamespaces.of(b)) {
                    assertThat(nb).isEqualTo(na);
                    assertThat(ContainerNamespaces.pid(b)).isNotEqualTo(ContainerNamespaces.pid(a));
                }
            }
        }
    }

    @Test
    void aContainerNeverStartedIsAClearError() {
        try (GenericContainer<?> c = busybox("sleep", "600")) {
            assertThatThrownBy(() -> ContainerNamespaces.of(c))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("has not been started")
                    .hasMessageContaining("start()");
            assertThatThrownBy(() -> ContainerNamespaces.pid(c))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("has not been started");
        }
    }

    @Test
    void aContainerStoppedThroughTestcontainersIsAClearError() {
        try (GenericContainer<?> c = busybox("sleep", "600")) {
            c.start();
            ContainerNamespaces.of(c).close();
            c.stop();
            assertThatThrownBy(() -> ContainerNamespaces.of(c))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("has not been started")
                    .hasMessageContaining("or stop() was");
        }
    }

    @Test
    void aContainerRemovedBehindTestcontainersBackIsAClearError() {
        try (GenericContainer<?> c = busybox("sleep", "600")) {
            c.start();
            String id = c.getContainerId();
            c.getDockerClient().removeContainerCmd(id).withForce(true).exec();
            assertThatThrownBy(() -> ContainerNamespaces.of(c))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot inspect container " + id.substring(0, 12))
                    .hasMessageContaining("No such container");
        }
    }

    @Test
    void aStoppedContainerIsAClearErrorEvenThoughItsCachedInfoSaysRunning() throws Exception {
        try (GenericContainer<?> c = busybox("sleep", "600")) {
            c.start();
            String id = c.getContainerId();
            try (NetworkNamespace held = ContainerNamespaces.of(c)) {
                c.getDockerClient().killContainerCmd(id).withSignal("KILL").exec();
                awaitNotRunning(c);
                // What start() cached still says running: the helper must not trust it.
                assertThat(c.getContainerInfo().getState().getRunning()).isTrue();
                assertThatThrownBy(() -> ContainerNamespaces.of(c))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(id.substring(0, 12))
                        .hasMessageContaining("is not running")
                        .hasMessageContaining("exited")
                        .hasMessageContaining("exit code 137");
                assertThatThrownBy(() -> ContainerNamespaces.pid(c))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("is not running");
                // A handle opened while it ran keeps the namespace alive after its last process is gone.
                try (Rtnetlink rt = Rtnetlink.open(held)) {
                    assertThat(rt.links().list()).extracting(Link::name).containsExactly("lo");
                }
            }
        }
    }

    @Test
    void aContainerWhoseProcessExitedOnItsOwnIsAClearError() throws Exception {
        try (GenericContainer<?> c = busybox("sh", "-c", "sleep 1; exit 3")) {
            c.start();
            awaitNotRunning(c);
            assertThatThrownBy(() -> ContainerNamespaces.of(c))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is not running (status exited, exit code 3")
                    .hasMessageContaining("a stopped container has no network namespace");
        }
    }

    static void awaitNotRunning(GenericContainer<?> c) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (Boolean.TRUE.equals(c.getCurrentContainerInfo().getState().getRunning())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("container " + c.getContainerId() + " still running");
            }
            Thread.sleep(50);
        }
    }
}
