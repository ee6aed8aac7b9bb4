// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.NetworkNamespace;
import io.netns.netlink.topology.Topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code netns graph [-all | NS...] [-format text|dot|mermaid|svg|json]}: a picture of namespaces
 * with their devices, veth pairs (also across namespaces), bridge ports, addresses and route
 * gateways ({@link Topology}). Not an ip object: ip has nothing that draws. Without a name it draws
 * the {@code -n} namespace, or the caller's; {@code -all} draws every named namespace. svg is
 * rendered by Graphviz's {@code dot -Tsvg}, run as a child process, when it is on PATH.
 */
final class GraphCmd {
    static final String USAGE = """
            Usage: netns graph [ -all | NAME... ] [ -format { text | dot | mermaid | svg | json } ]
            Draws the named namespaces (-all: every one in ip netns list; no NAME: the -n namespace,
            else this one) with their devices, veth pairs, bridge ports, addresses and gateways.
            text (the default, json with -j) and dot, mermaid, json are written by netns itself;
            svg runs Graphviz's "dot -Tsvg" (package graphviz), which must be on PATH.""";

    /** How long Graphviz may take to lay a picture out. */
    private static final long DOT_TIMEOUT_SECONDS = 60;

    private final Session s;

    GraphCmd(Session s) {
        this.s = s;
    }

    int run(Args a) {
        boolean all = false;
        String format = null;
        List<String> names = new ArrayList<>();
        while (a.has()) {
            String w = a.take();
            String o = w.startsWith("--") ? w.substring(1) : w;
            if (o.equals("-all")) {
                all = true;
            } else if (o.equals("-format") || o.equals("-f")) {
                a.back();
                format = a.nextArgOnce("-format", format != null);
                a.take();
            } else if (w.equals("help") && names.isEmpty()) {
                throw new CliException(CliException.USAGE, USAGE);
            } else if (w.startsWith("-")) {
                throw new CliException(CliException.USAGE, "Option \"" + w + "\" is unknown, try \"netns graph help\".");
            } else {
                names.add(w);
            }
        }
        if (format == null) {
            format = s.opt.json() ? "json" : "text";
        }
        if (!List.of("text", "dot", "mermaid", "svg", "json").contains(format)) {
            throw CliException.invarg("\"text\", \"dot\", \"mermaid\", \"svg\" or \"json\" is expected", format);
        }
        if (all && !names.isEmpty()) {
            throw new CliException(CliException.USAGE, "netns graph: -all or namespace names, not both");
        }
        Optional<Path> dot = format.equals("svg") ? findOnPath("dot") : Optional.empty();
        if (format.equals("svg") && dot.isEmpty()) {
            throw new CliException(1, "netns graph: -format svg needs Graphviz's \"dot\", which is not on PATH"
                    + " (install the graphviz package), or use -format dot or -format mermaid");
        }
        Topology t = snapshot(all, names);
        String text = switch (format) {
            case "dot" -> t.toDot();
            case "mermaid" -> t.toMermaid();
            case "json" -> t.toJson();
            case "svg" -> render(dot.orElseThrow(), t.toDot());
            default -> t.toString();
        };
        s.out.print(text);
        return 0;
    }

    private Topology snapshot(boolean all, List<String> names) {
        if (all) {
            return Topology.snapshotAll();
        }
        if (names.isEmpty()) {
            return Topology.snapshot(s.namespace());
        }
        List<NetworkNamespace> open = new ArrayList<>();
        try {
            for (String n : names) {
                open.add(Session.openNamed(n)); // a missing name fails as ip -n does
            }
            return Topology.snapshot(open);
        } finally {
            open.forEach(NetworkNamespace::close);
        }
    }

    /** The first executable {@code name} in a directory of PATH. */
    static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code dot -Tsvg}: the graph on its stdin, the picture from its stdout. */
    private static String render(Path dot, String graph) {
        try {
            Process p = new ProcessBuilder(dot.toString(), "-Tsvg").start();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            Thread drain = Thread.ofPlatform().daemon().name("netns-graph-dot-stderr")
                    .start(() -> copy(p.getErrorStream(), errors));
            try (OutputStream in = p.getOutputStream()) {
                in.write(graph.getBytes(StandardCharsets.UTF_8));
            }
            byte[] svg = p.getInputStream().readAllBytes();
            if (!p.waitFor(DOT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CliException(1, "netns graph: " + dot + " -Tsvg did not finish in " + DOT_TIMEOUT_SECONDS + " s");
            }
            drain.join(TimeUnit.SECONDS.toMillis(DOT_TIMEOUT_SECONDS));
            if (p.exitValue() != 0) {
                throw new CliException(1, "netns graph: " + dot + " -Tsvg failed (exit " + p.exitValue() + "): "
                        + errors.toString(StandardCharsets.UTF_8).strip());
            }
            return new String(svg, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(1, "netns graph: cannot run " + dot + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(1, "netns graph: interrupted while " + dot + " ran");
        }
    }

    private static void copy(InputStream from, ByteArrayOutputStream to) {
        try {
            from.transferTo(to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
