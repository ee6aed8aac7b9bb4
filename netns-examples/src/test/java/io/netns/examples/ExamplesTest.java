// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.netlink.link.Link;
import io.netns.testing.Ip;
import io.netns.testing.Leaks;
import io.netns.testing.PrivilegedTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example of {@code io.netns.examples} runs, so none rots. Each makes its own namespaces
 * (named with this JVM's pid) and must leave none of them, no mount and no descriptor behind.
 * The Netty example has a test of its own ({@code netty.NettyServerTest}), the seed demo too.
 */
@PrivilegedTest
class ExamplesTest {
    private static final String PID = "-" + ProcessHandle.current().pid();
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    private Leaks.Snapshot before;

    @BeforeAll
    static void prime() {
        Leaks.primeLibraryCaches();
    }

    @BeforeEach
    void baseline() {
        assertThat(examplesNamespaces()).isEmpty();
        before = Leaks.snapshot();
    }

    @AfterEach
    void nothingLeft() throws InterruptedException {
        assertThat(examplesNamespaces()).as("namespaces left by the example").isEmpty();
        assertThat(Leaks.leaksAfterSettling(before, true)).as("printed:%n%s", printed()).isEmpty();
    }

    private static List<String> examplesNamespaces() {
        return Ip.netnsList().stream().filter(n -> n.endsWith(PID) || n.contains(PID + "-")).toList();
    }

    private String printed() {
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void quickStart() throws Exception {
        QuickStart.run(out);
        assertThat(printed()).contains("lo:", "veth0:").doesNotContain("veth1");
    }

    @Test
    void enter() throws Exception {
        Enter.run(out);
        List<String> lines = printed().lines().toList();
        String before = lines.get(0).substring(8);
        String inside = lines.get(1).substring(8);
        assertThat(before).matches("net:\\[\\d+]").isNotEqualTo(inside);
        assertThat(lines.get(2)).startsWith("1: lo: ");                 // ip -o link, started inside: lo only
        assertThat(lines.get(3).substring(8)).isEqualTo(before);        // after
        assertThat(lines.get(4).substring(8)).isNotEqualTo(before).isNotEqualTo(inside);   // red
        assertThat(lines.get(5).substring(8)).isEqualTo(inside);        // blue, Netns.enter(name) was blue too
        assertThat(lines).hasSize(6);
    }

    @Test
    void runInside() throws Exception {
        assertThat(RunInside.run(out)).containsExactly("lo");
        assertThat(printed()).startsWith("on netns-blue" + PID + "-").contains("lo:").doesNotContain("eth0:");
    }

    @Test
    void exec() throws Exception {
        Exec.run(out);
        assertThat(printed().lines()).containsExactly("exit 0: lo", "forwarding 1");
    }

    @Test
    void executorInside() throws Exception {
        assertThat(ExecutorInside.run(out)).isEqualTo(43);
        List<String> lines = printed().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("inside on blue-worker-1");
        assertThat(lines.get(1)).startsWith("supplied by netns-blue" + PID + "-");
        assertThat(lines.get(2)).isEqualTo("chain: 43");
    }

    @Test
    void channelsInside() throws Exception {
        ChannelsInside.run(out);
        assertThat(printed()).matches("/198\\.18\\.1\\.1:\\d+ said hi\\R");
    }

    @Test
    void checkEnvironment() {
        assertThat(CheckEnvironment.run(out).problems()).isEmpty();
        assertThat(printed()).isEmpty();
    }

    @Test
    void ownRunDirectory() throws Exception {
        java.nio.file.Path runDir = OwnRunDirectory.run(out);
        List<String> lines = printed().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\d+: lo");
        assertThat(lines.get(1)).isEqualTo("[rl] in " + runDir);
        assertThat(runDir.getParent()).doesNotExist();
        assertThat(OwnRunDirectory.isMountPoint(runDir)).isFalse();
        assertThat(Ip.netnsList()).doesNotContain("rl");
    }

    @Test
    void containerNamespace() throws Exception {
        assertThat(ContainerNamespace.run(out)).get().asString().startsWith("ex-pid-");
        assertThat(printed()).contains("same as ex-pid-").contains(": true");
        // the namespace opened through /proc/PID/task/PID/ns/net is the one entered through the PID
        String seen = printed().lines().filter(l -> l.startsWith("a thread entered")).findFirst().orElseThrow();
        String byTask = printed().lines().filter(l -> l.contains(" id ")).findFirst().orElseThrow();
        String inode = seen.substring(seen.indexOf("net:[") + 5, seen.length() - 1);
        assertThat(byTask).endsWith(" id " + inode).contains("net:[" + inode + "]");
    }

    @Test
    void serveAcrossNamespaces() throws Exception {
        assertThat(ServeAcrossNamespaces.run(out)).startsWith("hello /198.18.90.2:");
    }

    @Test
    void watchEvents() throws Exception {
        assertThat(WatchEvents.run(out)).contains("link NEW va DOWN", "link DEL va DOWN")
                .anyMatch(s -> s.startsWith("netns CREATE ex-watch-"))
                .anyMatch(s -> s.startsWith("netns DELETE ex-watch-"));
    }

    @Test
    void createVethPair() {
        List<Link> veths = CreateVethPair.run(out);
        assertThat(veths).extracting(Link::name).containsExactlyInAnyOrder("veth0", "veth1");
        assertThat(veths).allSatisfy(l -> assertThat(l.isUp()).isTrue());
        Link veth0 = veths.stream().filter(l -> l.name().equals("veth0")).findFirst().orElseThrow();
        Link veth1 = veths.stream().filter(l -> l.name().equals("veth1")).findFirst().orElseThrow();
        assertThat(veth0.link()).hasValue(veth1.index());
    }

    @Test
    void moveLinkToNamespace() {
        Link eth0 = MoveLinkToNamespace.run(out);
        assertThat(eth0.name()).isEqualTo("eth0");
        assertThat(eth0.isUp()).isTrue();
        assertThat(printed()).contains("veth1 gone").contains("in nsid ").doesNotContain("in nsid -1");
    }

    @Test
    void routedPair() throws Exception {
        assertThat(RoutedPair.run(out)).startsWith("hello from ex-rt-right-").contains(" to /198.18.10.2:");
        assertThat(printed()).contains("route get 198.18.11.2: via 198.18.10.1 dev eth0");
    }

    @Test
    void bridgeOfThree() throws Exception {
        assertThat(BridgeOfThree.run(out)).extracting(Link::name).containsExactlyInAnyOrder("port1", "port2", "port3");
        assertThat(printed()).contains(": hello /198.18.20.3:");
    }

    @Test
    void drawTopology() throws Exception {
        DrawTopology.Drawn d = DrawTopology.run(out);
        String blue = "ex-draw-blue" + PID;
        String red = "ex-draw-red" + PID;
        assertThat(d.topology().peers()).extracting(p -> p.a() + " -- " + p.b())
                .containsExactly(blue + "/veth0 -- " + red + "/veth1");
        assertThat(d.topology().gateways()).singleElement()
                .satisfies(g -> assertThat(g.owner().orElseThrow().toString()).isEqualTo(blue + "/veth0"));
        assertThat(printed()).isEqualTo(d.topology().toString())
                .contains(red + ": default via 198.18.30.1 dev veth1 -> " + blue + "/veth0");
        assertThat(d.dot()).startsWith("graph \"netns\" {").contains("label=\"default via 198.18.30.1\"");
    }

    @Test
    void batchSetup() {
        int[] counts = BatchSetup.run(out);
        assertThat(counts[0]).isEqualTo(1 + 2 * 100);   // lo and 100 pairs
        assertThat(counts[1]).isEqualTo(1);             // group 7 held the a* ends; each b* peer went with its end
        assertThat(counts[2]).isEqualTo(1 + 20);
    }
}
