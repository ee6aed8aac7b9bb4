// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables;

import io.netns.testing.Ip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The independent oracle of the nftables tests: Debian's {@code nft} (nftables 1.0.6), always run
 * inside a namespace a test created ({@code ip netns exec NS nft ...}), never in the root one; and
 * the corpus and golden files under {@code src/test/resources/io/netns/nftables}.
 */
public final class NftOracle {
    private NftOracle() {
    }

    /** {@code ip netns exec NS nft ARGS...}; the result, whatever the exit status. */
    public static Ip.Result nft(String ns, String... args) {
        if (ns == null || ns.isEmpty()) {
            throw new IllegalArgumentException("nft runs only inside a test namespace");
        }
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, "nft"));
        cmd.addAll(List.of(args));
        return Ip.exec(cmd.toArray(String[]::new));
    }

    /** {@code nft -j list ruleset} of a namespace, as printed (trailing newline removed). */
    public static String listing(String ns) {
        return nft(ns, "-j", "list", "ruleset").orFail("nft -j list ruleset").stdout().strip();
    }

    /** {@code nft -j -f FILE} in a namespace, failing the test if nft fails. */
    public static void applyFile(String ns, Path file) {
        nft(ns, "-j", "-f", file.toString()).orFail("nft -j -f " + file.getFileName());
    }

    /** The text of a resource under io/netns/nftables. */
    public static String resource(String path) {
        try (InputStream in = NftOracle.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A resource copied to a temporary file (nft reads files), deleted when the JVM exits. */
    public static Path resourceFile(String path) {
        try {
            Path f = Files.createTempFile("nftables-test-", ".json");
            f.toFile().deleteOnExit();
            Files.writeString(f, resource(path));
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the corpus rulesets (corpus/NAME.json), sorted. */
    public static List<String> corpus() {
        URL dir = NftOracle.class.getResource("corpus");
        if (dir == null) {
            throw new AssertionError("no corpus directory on the test class path");
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
