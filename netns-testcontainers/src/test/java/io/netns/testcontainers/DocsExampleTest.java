// SPDX-License-Identifier: Apache-2.0
package io.netns.testcontainers;

import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.OperState;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snippets of docs/containers.md, verbatim between the {@code // docs} markers, compiled and
 * run, so the page cannot rot.
 */
@ExtendWith(DockerEngine.class)
class DocsExampleTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    @Test
    void theExampleRuns() throws Exception {
        NetworkNamespace host = temp.create("docs");
        assertThat(DockerEngine.IMAGE).isEqualTo("netns-busybox:latest");
        // docs: container
        GenericContainer<?> echo = new GenericContainer<>("netns-busybox:latest")
                .withImagePullPolicy(image -> false)                  // a local image: never pull
                .withNetworkMode("none")                              // only lo inside
                .withCommand("nc", "-ll", "-p", "8080", "-e", "cat")  // echoes every connection
                .waitingFor(Wait.forSuccessfulCommand("netstat -ltn | grep -q ':8080 '"));
        echo.start();
        // docs: end
        try (echo) {
            // docs: wire
            try (NetworkNamespace inside = ContainerNamespaces.of(echo);     // nsenter -t PID -n
                 Rtnetlink h = Rtnetlink.open(host);
                 Rtnetlink c = Rtnetlink.open(inside)) {
                h.links().add(LinkSpec.veth("c0", "eth0").peerNamespace(inside)); // ip link add c0 type veth peer name eth0 netns PID
                h.addresses().add("c0", "198.18.77.1/24");                         // ip addr add 198.18.77.1/24 dev c0
                c.addresses().add("eth0", "198.18.77.2/24");                       // nsenter -t PID -n ip addr add ... dev eth0
                h.links().setUp("c0");
                c.links().setUp("eth0");
                c.links().awaitOperState("eth0", OperState.UP, Duration.ofSeconds(5)); // a SYN sent earlier may be lost
            }
            // docs: end
            try (Rtnetlink h = Rtnetlink.open(host)) {
                h.links().awaitOperState("c0", OperState.UP, Duration.ofSeconds(5));
            }
            ByteBuffer echoed;
            // docs: talk
            try (SocketChannel ch = host.openSocketChannel()) {
                ch.connect(new InetSocketAddress("198.18.77.2", 8080));
                ch.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.UTF_8)));
                ByteBuffer reply = ByteBuffer.allocate(4);
                while (reply.hasRemaining() && ch.read(reply) >= 0) { }
                // reply holds "ping", echoed by busybox nc in the container
                // docs: end
                echoed = reply.flip();
                // docs: talk
            }
            Container.ExecResult ip = echo.execInContainer("ip", "-o", "addr", "show", "dev", "eth0");
            // ip.getStdout() shows "inet 198.18.77.2/24": the container's own tools see what netlink did
            // docs: end
            assertThat(StandardCharsets.UTF_8.decode(echoed).toString()).isEqualTo("ping");
            assertThat(ip.getStdout()).contains("inet 198.18.77.2/24");
            // docs: talk
            echo.stop();
            // docs: end
            assertThat(echo.isRunning()).isFalse();
            // The container's namespace is gone, and with it both ends of the veth.
            try (Rtnetlink h = Rtnetlink.open(host)) {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (h.links().find("c0").isPresent() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(h.links().find("c0")).isEmpty();
            }
        }
    }

    /** Every java block of docs/containers.md appears, line by line, between markers of this file. */
    @Test
    void everySnippetOfThePageIsInThisTest() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "containers.md"));
        List<String> marked = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(Path.of("src/test/java/io/netns/testcontainers/DocsExampleTest.java"))) {
            String s = line.strip();
            if (s.startsWith("// docs: end")) {
                in = false;
            } else if (s.startsWith("// docs: ")) {
                in = true;
            } else if (in) {
                marked.add(s);
            }
        }
        Matcher blocks = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(page);
        int count = 0;
        while (blocks.find()) {
            List<String> snippet = blocks.group(1).lines().map(String::strip).toList();
            assertThat(String.join("\n", marked)).as("docs/containers.md snippet %d:%n%s", count + 1, blocks.group(1))
                    .contains(String.join("\n", snippet));
            count++;
        }
        assertThat(count).isEqualTo(3);
    }
}
