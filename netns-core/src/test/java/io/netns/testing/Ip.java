// SPDX-License-Identifier: Apache-2.0
package io.netns.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The independent oracle: runs iproute2's {@code ip} (never used by the library itself) and
 * parses its JSON output with Jackson.
 */
public final class Ip {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Ip() {
    }

    /** The outcome of one command. */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result orFail(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " exited " + exitCode + ": " + stderr.strip());
            }
            return this;
        }
    }

    /** Runs any command (no shell) and collects its output. */
    public static Result exec(String... command) {
        try {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            var out = p.getInputStream().readAllBytes();
            var err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(Arrays.toString(command) + " did not finish");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code ip ARGS...}, failing the test if ip fails; returns stdout. */
    public static String ip(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        return exec(cmd.toArray(String[]::new)).orFail("ip " + String.join(" ", args)).stdout();
    }

    /** {@code ip -j ARGS...} parsed; an empty output is an empty array. */
    public static JsonNode json(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("-j");
        cmd.addAll(List.of(args));
        String out = ip(cmd.toArray(String[]::new)).strip();
        try {
            return JSON.readTree(out.isEmpty() ? "[]" : out);
        } catch (IOException e) {
            throw new AssertionError("ip -j " + String.join(" ", args) + " printed no JSON: " + out, e);
        }
    }

    /** {@code ip -n NS ARGS...} */
    public static String in(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("-n", ns));
        cmd.addAll(List.of(args));
        return ip(cmd.toArray(String[]::new));
    }

    /** {@code ip -j -n NS ARGS...} parsed. */
    public static JsonNode jsonIn(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("-n", ns));
        cmd.addAll(List.of(args));
        return json(cmd.toArray(String[]::new));
    }

    /** Link names of a namespace, as {@code ip -j -n NS link show} reports them. */
    public static List<String> linkNames(String ns) {
        List<String> names = new ArrayList<>();
        jsonIn(ns, "link", "show").forEach(l -> names.add(l.get("ifname").asText()));
        return names;
    }

    /** Namespace names, as {@code ip netns list} prints them (first word of each line). */
    public static List<String> netnsList() {
        List<String> names = new ArrayList<>();
        for (String line : ip("netns", "list").split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip().split("\\s+")[0]);
            }
        }
        return names;
    }

    /** Parses JSON text with the shared mapper. */
    public static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
