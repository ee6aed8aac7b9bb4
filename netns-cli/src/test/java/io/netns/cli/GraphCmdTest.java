// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.link.OperState;
import io.netns.netlink.topology.Topology;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.netns.cli.CliHarness.cli;
import static io.netns.cli.CliHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code netns graph}: the library's {@link Topology} of the namespaces named on the command line
 * (or of {@code -n}'s, or of every named one with {@code -all}) in each format; svg through
 * Graphviz's {@code dot} (which .ci/run installs), and a clear error without it; bad arguments
 * refused before anything is read.
 */
@PrivilegedTest
class GraphCmdTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();
    private NetworkNamespace a;
    private NetworkNamespace b;
    private String an;
    private String bn;

    @BeforeEach
    void twoNamespacesAndAVeth() {
        a = temp.create("graph-a");
        b = temp.create("graph-b");
        an = TempNamespaces.name(a);
        bn = TempNamespaces.name(b);
        Ip.in(an, "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", bn);
        Ip.in(an, "addr", "add", "198.18.20.1/24", "dev", "va");
        Ip.in(bn, "addr", "add", "198.18.20.2/24", "dev", "vb");
        Ip.in(an, "link", "set", "va", "up");
        Ip.in(bn, "link", "set", "vb", "up");
        Ip.in(bn, "route", "add", "default", "via", "198.18.20.1");
        for (NetworkNamespace ns : List.of(a, b)) {
            try (Rtnetlink rt = Rtnetlink.open(ns)) {
                rt.links().awaitOperState(ns == a ? "va" : "vb", OperState.UP, Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void eachFormatIsTheLibrarysRenderingOfTheNamedNamespaces() {
        Topology t = Topology.snapshot(a, b);
        assertThat(ok("graph", an, bn)).isEqualTo(t.toString())
                .contains(an + "/va -- " + bn + "/vb", bn + ": default via 198.18.20.1 dev vb -> " + an + "/va");
        assertThat(ok("graph", bn, an, "-format", "dot")).isEqualTo(t.toDot());
        assertThat(ok("graph", "-format", "mermaid", an, bn)).isEqualTo(t.toMermaid());
        assertThat(ok("graph", an, bn, "--format", "json")).isEqualTo(t.toJson());
        assertThat(ok("-j", "graph", an, bn)).isEqualTo(t.toJson());                 // -j means json
        JsonCheck.parses(ok("-j", "graph", an, bn));
        assertThat(ok("g", an, bn, "-f", "text")).isEqualTo(t.toString());           // ip's abbreviations
    }

    @Test
    void withoutANameItDrawsTheDashNNamespaceAndDashAllDrawsEveryNamedOne() {
        assertThat(ok("-n", an, "graph")).isEqualTo(Topology.snapshot(a).toString())
                .startsWith("namespace " + an + " ").doesNotContain("namespace " + bn);
        String all = ok("graph", "-all");
        // other namespaces come and go on a shared machine: ours are there, with their pair
        assertThat(all).contains("namespace " + an + " ", "namespace " + bn + " ", an + "/va -- " + bn + "/vb");
        assertThat(ok("graph", "--all", "-format", "json")).contains("\"name\": \"" + an + "\"");
    }

    @Test
    void svgIsGraphvizsPictureOfTheDotGraph() {
        assertThat(GraphCmd.findOnPath("dot")).as("Graphviz's dot (.ci/run installs graphviz)").isPresent();
        String svg = ok("graph", an, bn, "-format", "svg");
        assertThat(svg).startsWith("<?xml").contains("<svg", ">" + an.replace("-", "&#45;") + "</text>", ">va</text>", ">vb</text>",
                ">default via 198.18.20.1</text>").endsWith("</svg>\n");
        Ip.Result fromDot = CliProcess.dotSvg(Topology.snapshot(a, b).toDot());
        assertThat(svg).isEqualTo(fromDot.stdout());
    }

    @Test
    void svgWithoutGraphvizOnPathFailsNamingTheTool() throws Exception {
        Ip.Result r = CliProcess.run(Map.of("PATH", "/nonexistent"), "graph", an, "-format", "svg");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("netns graph: -format svg needs Graphviz's \"dot\", which is not on PATH"
                + " (install the graphviz package), or use -format dot or -format mermaid\n");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThat(cli("graph", "-all", an)).isEqualTo(new CliHarness.Result(255, "",
                "netns graph: -all or namespace names, not both\n"));
        assertThat(cli("graph", an, "-format", "png")).isEqualTo(new CliHarness.Result(255, "",
                "Error: argument \"png\" is wrong: \"text\", \"dot\", \"mermaid\", \"svg\" or \"json\" is expected\n"));
        assertThat(cli("graph", an, "-format")).isEqualTo(new CliHarness.Result(255, "",
                "Command line is not complete. Try option \"help\"\n"));
        assertThat(cli("graph", an, "-format", "dot", "-format", "json").status()).isEqualTo(255);
        assertThat(cli("graph", "-x")).isEqualTo(new CliHarness.Result(255, "",
                "Option \"-x\" is unknown, try \"netns graph help\".\n"));
        assertThat(cli("graph", an, "nt-no-such-namespace")).isEqualTo(new CliHarness.Result(255, "",
                "Cannot open network namespace \"nt-no-such-namespace\": No such file or directory\n"));
        CliHarness.Result help = cli("graph", "help");
        assertThat(help.status()).isEqualTo(255);
        assertThat(help.err()).startsWith("Usage: netns graph [ -all | NAME... ]");
        assertThat(cli("-help").out()).contains("netns graph [ -all | NAME... ]");
    }

    /** Parses JSON with the oracle's JSON library. */
    private static final class JsonCheck {
        static void parses(String json) {
            assertThat(Ip.parse(json).get("namespaces").size()).isEqualTo(2);
        }
    }

    /** The CLI in a JVM of its own (for another PATH), and Graphviz directly. */
    private static final class CliProcess {
        static Ip.Result run(Map<String, String> env, String... args) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), "io.netns.cli.Main"));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Ip.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        }

        static Ip.Result dotSvg(String graph) {
            try {
                Process p = new ProcessBuilder("dot", "-Tsvg").start();
                try (var in = p.getOutputStream()) {
                    in.write(graph.getBytes(StandardCharsets.UTF_8));
                }
                byte[] out = p.getInputStream().readAllBytes();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                return new Ip.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
