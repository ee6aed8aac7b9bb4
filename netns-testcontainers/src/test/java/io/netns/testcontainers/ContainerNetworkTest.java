// SPDX-License-Identifier: Apache-2.0
package io.netns.testcontainers;

import com.fasterxml.jackson.databind.JsonNode;
import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.TestTopology;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;
import io.netns.testing.Ip;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.netns.testcontainers.DockerEngine.busybox;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A container wired to a namespace of ours through a veth pair made with netlink: real TCP both
 * ways between busybox in the container and threads of this JVM, and the container's links as
 * netlink lists them compared with busybox {@code ip -o link} inside the container and with
 * iproute2's {@code ip -j -d link show} run in the container's namespace.
 */
@ExtendWith(DockerEngine.class)
class ContainerNetworkTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    /** busybox nc echoing every connection on port 8080, ready once the port listens. */
    static GenericContainer<?> echoServer() {
        return busybox("nc", "-ll", "-p", "8080", "-e", "cat")
                .waitingFor(Wait.forSuccessfulCommand("netstat -ltn | grep -q ':8080 '")
                        .withStartupTimeout(Duration.ofSeconds(30)));
    }

    /**
     * {@code ip link add c0 type veth peer name eth0 netns CONTAINER}, 198.18.77.1/24 on c0 in
     * {@code host}, 198.18.77.2/24 on eth0 in the container, lo and both ends up and operationally UP
     * ({@link TestTopology#vethBetween}).
     */
    static void wire(NetworkNamespace host, NetworkNamespace container) {
        TestTopology.vethBetween(host, "c0", "198.18.77.1/24", container, "eth0", "198.18.77.2/24");
    }

    static Container.ExecResult exec(GenericContainer<?> c, String... command) throws Exception {
        Container.ExecResult r = c.execInContainer(command);
        assertThat(r.getExitCode()).as("%s in the container: %s", String.join(" ", command), r.getStderr()).isZero();
        return r;
    }

    @Test
    void tcpBothWaysBetweenTheContainersProcessAndANamespaceOfOurs() throws Exception {
        NetworkNamespace host = temp.create("tchost");
        try (GenericContainer<?> c = echoServer()) {
            c.start();
            try (NetworkNamespace inside = ContainerNamespaces.of(c)) {
                wire(host, inside);

                // What the container's own tools see of what netlink did from outside.
                assertThat(exec(c, "ip", "-o", "addr", "show", "dev", "eth0").getStdout())
                        .contains("inet 198.18.77.2/24");
                assertThat(exec(c, "ip", "route").getStdout()).contains("198.18.77.0/24 dev eth0");

                // A thread of ours, its socket in our namespace, to busybox nc in the container: echoed.
                for (String text : List.of("hello container", "and again, a second connection")) {
                    try (SocketChannel ch = host.openSocketChannel()) {
                        ch.connect(new InetSocketAddress("198.18.77.2", 8080));
                        assertThat(exchange(ch, text)).isEqualTo(text);
                    }
                }

                // busybox nc in the container to a server of ours.
                try (ServerSocketChannel server = host.openServerSocketChannel()) {
                    server.bind(new InetSocketAddress("198.18.77.1", 0));
                    int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
                    CompletableFuture<String> received = answerOneLine(server);
                    Container.ExecResult r = exec(c, "sh", "-c",
                            "echo from-busybox | nc -w 10 198.18.77.1 " + port);
                    assertThat(received.get(20, TimeUnit.SECONDS)).isEqualTo("from-busybox");
                    assertThat(r.getStdout()).isEqualTo("got from-busybox\n");
                }

                // The container's side of the connections, as its kernel counts them.
                try (Rtnetlink rt = Rtnetlink.open(inside)) {
                    assertThat(rt.links().get("eth0").stats()).hasValueSatisfying(s -> assertThat(s.rxPackets()).isPositive());
                }
            }
        }
    }

    /** Writes {@code text}, then reads until as many bytes came back. */
    static String exchange(SocketChannel ch, String text) throws IOException {
        byte[] out = text.getBytes(StandardCharsets.UTF_8);
        ch.write(ByteBuffer.wrap(out));
        ByteBuffer in = ByteBuffer.allocate(out.length);
        while (in.hasRemaining() && ch.read(in) >= 0) {
            // until the echo is complete
        }
        return new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
    }

    /** Accepts one connection, reads one line, answers "got LINE\n" and closes. */
    static CompletableFuture<String> answerOneLine(ServerSocketChannel server) {
        return CompletableFuture.supplyAsync(() -> {
            try (SocketChannel ch = server.accept()) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                ByteBuffer one = ByteBuffer.allocate(1);
                while (ch.read(one.clear()) > 0 && one.get(0) != '\n') {
                    line.write(one.get(0));
                }
                String got = line.toString(StandardCharsets.UTF_8);
                ch.write(ByteBuffer.wrap(("got " + got + "\n").getBytes(StandardCharsets.UTF_8)));
                return got;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
    }

    @Test
    void linksListedThroughNetlinkAgreeWithIpInsideTheContainer() throws Exception {
        NetworkNamespace host = temp.create("tchost");
        try (GenericContainer<?> c = busybox("sleep", "600")) {
            c.start();
            try (NetworkNamespace inside = ContainerNamespaces.of(c); Rtnetlink rt = Rtnetlink.open(inside)) {
                wire(host, inside);
                // More kinds and states inside: a bridge (up, no carrier), a veth pair with one end a
                // bridge port, the other down with another MTU.
                rt.links().add(LinkSpec.bridge("br0"));
                rt.links().add(LinkSpec.veth("a0", "a1"));
                rt.links().setMaster("a0", "br0");
                rt.links().setMtu("a1", 1400);
                rt.links().setUp("br0");
                rt.links().setUp("a0");

                List<Link> links = rt.links().list();
                assertThat(links).extracting(Link::name).containsExactlyInAnyOrder("lo", "eth0", "br0", "a0", "a1");

                String busyboxOut = exec(c, "ip", "-o", "link").getStdout();
                Map<String, BusyboxLink> seen = parseBusybox(busyboxOut);
                assertThat(seen.keySet()).as(busyboxOut)
                        .containsExactlyInAnyOrderElementsOf(links.stream().map(Link::name).toList());
                Map<Integer, String> names = new LinkedHashMap<>();
                Map<Integer, Link> byIndex = new LinkedHashMap<>();
                links.forEach(l -> {
                    names.put(l.index(), l.name());
                    byIndex.put(l.index(), l);
                });
                for (Link l : links) {
                    BusyboxLink b = seen.get(l.name());
                    assertThat(b.index()).as(l.name()).isEqualTo(l.index());
                    assertThat(b.mtu()).as(l.name()).isEqualTo(l.mtu());
                    assertThat(comparable(b.flags(), l)).as("flags of %s in %s", l.name(), b.line())
                            .isEqualTo(expectedFlags(l, byIndex));
                    assertThat(b.master()).as(l.name())
                            .isEqualTo(l.master().isPresent() ? Optional.of(names.get(l.master().getAsInt())) : Optional.empty());
                    assertThat(b.address()).as(l.name()).isEqualTo(l.address().map(Object::toString));
                    if (l.link().isPresent() && l.linkNetnsId().isEmpty()) {
                        // A veth whose peer is here: busybox prints the peer's name.
                        assertThat(b.peer()).as(l.name()).contains(names.get(l.link().getAsInt()));
                    } else if (l.link().isPresent()) {
                        // The peer is in another namespace (eth0's c0): busybox prints some "@" part
                        // (it resolves the index here, where it may name an unrelated device).
                        assertThat(b.peer()).as(l.name()).isPresent();
                    } else {
                        assertThat(b.peer()).as(l.name()).isEmpty();
                    }
                }
                assertThat(seen.get("eth0").flags()).contains("UP", "LOWER_UP");
                assertThat(seen.get("a1").flags()).doesNotContain("UP");
                assertThat(seen.get("a0").master()).contains("br0");
                assertThat(seen.get("a0").flags()).contains("M-DOWN"); // its peer a1 is down

                // iproute2, the project's usual oracle, run in the container's namespace (nsenter -n).
                JsonNode json = ipJson(inside, "-d", "link", "show");
                assertThat(json).hasSameSizeAs(links);
                for (JsonNode j : json) {
                    Link l = links.stream().filter(x -> x.index() == j.get("ifindex").asInt()).findFirst().orElseThrow();
                    assertThat(j.get("ifname").asText()).isEqualTo(l.name());
                    assertThat(j.get("mtu").asInt()).isEqualTo(l.mtu());
                    assertThat(j.get("operstate").asText()).isEqualTo(l.operState().name());
                    Set<String> flags = new TreeSet<>();
                    j.get("flags").forEach(f -> flags.add(f.asText()));
                    assertThat(comparable(flags, l)).as("flags of %s", l.name()).isEqualTo(expectedFlags(l, byIndex));
                    assertThat(j.has("master") ? Optional.of(j.get("master").asText()) : Optional.<String>empty())
                            .isEqualTo(l.master().isPresent() ? Optional.of(names.get(l.master().getAsInt())) : Optional.empty());
                    assertThat(j.get("address").asText()).isEqualTo(l.address().orElseThrow().toString());
                    assertThat(j.has("linkinfo") ? Optional.of(j.get("linkinfo").get("info_kind").asText())
                            : Optional.<String>empty()).as(l.name()).isEqualTo(l.kind());
                }
            }
        }
    }

    /** One line of busybox {@code ip -o link}. */
    record BusyboxLink(String line, int index, String name, Optional<String> peer, Set<String> flags, int mtu,
                       Optional<String> master, Optional<String> address) {
    }

    private static final Pattern BUSYBOX_LINE = Pattern.compile(
            "^(\\d+): ([^:@\\s]+)(?:@([^:\\s]+))?: <([^>]*)> mtu (\\d+)(.*?)\\\\\\s+link/\\S+(?: ([0-9a-f:]+))?.*$");
    private static final Pattern MASTER = Pattern.compile(" master (\\S+)");

    /** Parses busybox {@code ip -o link}: {@code 4: a0@a1: <FLAGS> mtu 1500 qdisc noqueue master br0 ...\ link/ether MAC brd ...}. */
    static Map<String, BusyboxLink> parseBusybox(String out) {
        Map<String, BusyboxLink> links = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = BUSYBOX_LINE.matcher(line);
            assertThat(m.matches()).as("a line of busybox ip -o link: %s", line).isTrue();
            Set<String> flags = new TreeSet<>(List.of(m.group(4).split(",")));
            Matcher master = MASTER.matcher(m.group(6));
            links.put(m.group(2), new BusyboxLink(line, Integer.parseInt(m.group(1)), m.group(2),
                    Optional.ofNullable(m.group(3)), flags, Integer.parseInt(m.group(5)),
                    master.find() ? Optional.of(master.group(1)) : Optional.empty(),
                    Optional.ofNullable(m.group(7))));
        }
        return links;
    }

    /** IFF_* bits and the names both ip implementations print for them (linux/if.h). */
    private static final Map<String, Integer> IFF = new LinkedHashMap<>();

    static {
        IFF.put("UP", 0x1);
        IFF.put("BROADCAST", 0x2);
        IFF.put("LOOPBACK", 0x8);
        IFF.put("POINTOPOINT", 0x10);
        IFF.put("NOARP", 0x80);
        IFF.put("PROMISC", 0x100);
        IFF.put("ALLMULTI", 0x200);
        IFF.put("MASTER", 0x400);
        IFF.put("SLAVE", 0x800);
        IFF.put("MULTICAST", 0x1000);
        IFF.put("LOWER_UP", 0x10000);
    }

    private static final int IFF_RUNNING = 0x40;

    /**
     * The flag names ip prints for a link: its IFF_* names, NO-CARRIER for a link up without
     * IFF_RUNNING, and M-DOWN when the device its IFLA_LINK names (a veth's peer) is down.
     */
    static Set<String> expectedFlags(Link l, Map<Integer, Link> byIndex) {
        Set<String> names = new TreeSet<>();
        IFF.forEach((name, bit) -> {
            if ((l.flags() & bit) != 0) {
                names.add(name);
            }
        });
        if ((l.flags() & 0x1) != 0 && (l.flags() & IFF_RUNNING) == 0) {
            names.add("NO-CARRIER");
        }
        if (l.link().isPresent() && l.linkNetnsId().isEmpty() && !byIndex.get(l.link().getAsInt()).isUp()) {
            names.add("M-DOWN");
        }
        return names;
    }

    /**
     * The flags ip printed, less M-DOWN for a link whose IFLA_LINK is in another namespace: both ip
     * tools look that index up here, where it names an unrelated device or none.
     */
    static Set<String> comparable(Set<String> printed, Link l) {
        Set<String> flags = new TreeSet<>(printed);
        if (l.linkNetnsId().isPresent()) {
            flags.remove("M-DOWN");
        }
        return flags;
    }

    /** {@code ip -j ARGS} run inside {@code ns} (iproute2 of the host, in the container's network namespace). */
    static JsonNode ipJson(NetworkNamespace ns, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "-j"));
        cmd.addAll(List.of(args));
        Process p = ns.exec(cmd.toArray(String[]::new));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return Ip.parse(out);
    }
}
