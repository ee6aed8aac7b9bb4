// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.netns.testing.Ip;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Runs the CLI in-process with captured streams and compares it with real {@code ip}. */
final class CliHarness {
    private CliHarness() {
    }

    /** What one run printed and returned. */
    record Result(int status, String out, String err) {
    }

    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = IpCommand.run(args, o, e);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs the CLI and fails the test if it does not exit 0. */
    static String ok(String... args) {
        Result r = cli(args);
        assertThat(r.status()).as("netns %s: %s", String.join(" ", args), r.err()).isZero();
        return r.out();
    }

    static Ip.Result ip(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        return Ip.exec(cmd.toArray(String[]::new));
    }

    /** Keys whose values move with time: lifetimes, route expiry, bridge timers. */
    private static final Set<String> VOLATILE = Set.of("valid_life_time", "preferred_life_time", "expires",
            "gc_timer", "hello_timer", "tcn_timer", "topology_change_timer", "hold_timer", "message_age_timer",
            "forward_delay_timer");

    /**
     * {@code ip -j -n NS ARGS} and {@code netns -j -n NS ARGS} give the same JSON, field by field
     * (time-dependent values within a few seconds).
     *
     * @return ip's JSON, for further checks
     */
    static JsonNode assertSameJson(String ns, String... args) {
        List<String> full = new ArrayList<>(List.of("-j", "-n", ns));
        full.addAll(List.of(args));
        String[] argv = full.toArray(String[]::new);
        Ip.Result want = ip(argv);
        assertThat(want.exitCode()).as("ip %s: %s", String.join(" ", argv), want.stderr()).isZero();
        Result got = cli(argv);
        assertThat(got.status()).as("netns %s: %s", String.join(" ", argv), got.err()).isZero();
        JsonNode expected = Ip.parse(want.stdout().isBlank() ? "[]" : want.stdout());
        JsonNode actual = Ip.parse(got.out());
        compare("ip " + String.join(" ", argv), "$", expected, actual);
        return expected;
    }

    /** Text output identical to ip's (for commands whose output does not move with time). */
    static void assertSameText(String ns, String... args) {
        List<String> full = new ArrayList<>(List.of("-n", ns));
        full.addAll(List.of(args));
        String[] argv = full.toArray(String[]::new);
        Ip.Result want = ip(argv);
        Result got = cli(argv);
        assertThat(got.out()).as("text of %s", String.join(" ", argv)).isEqualTo(want.stdout());
        assertThat(got.status()).isEqualTo(want.exitCode());
    }

    /** Same stderr and exit status as ip for a failing command (run by ip first, then by the CLI). */
    static void assertSameError(String... args) {
        Ip.Result want = ip(args);
        assertThat(want.exitCode()).as("ip %s should fail", String.join(" ", args)).isNotZero();
        Result got = cli(args);
        assertThat(got.err()).as("stderr of %s", String.join(" ", args)).isEqualTo(want.stderr());
        assertThat(got.status()).as("exit status of %s", String.join(" ", args)).isEqualTo(want.exitCode());
    }

    static void compare(String what, String path, JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                fail(what + ": " + path + " should be an object: " + actual);
            }
            List<String> wantKeys = new ArrayList<>();
            expected.fieldNames().forEachRemaining(wantKeys::add);
            List<String> gotKeys = new ArrayList<>();
            actual.fieldNames().forEachRemaining(gotKeys::add);
            assertThat(gotKeys).as("%s: keys of %s", what, path).containsExactlyInAnyOrderElementsOf(wantKeys);
            for (String k : wantKeys) {
                String p = path + "." + k;
                if (VOLATILE.contains(k) && expected.get(k).isNumber()) {
                    assertThat(actual.get(k).asDouble()).as("%s: %s", what, p)
                            .isBetween(expected.get(k).asDouble() - 5, expected.get(k).asDouble() + 5);
                } else {
                    compare(what, p, expected.get(k), actual.get(k));
                }
            }
        } else if (expected.isArray()) {
            assertThat(actual.isArray()).as("%s: %s is an array", what, path).isTrue();
            assertThat(actual.size()).as("%s: size of %s (want %s, got %s)", what, path, expected, actual)
                    .isEqualTo(expected.size());
            Iterator<JsonNode> a = actual.elements();
            int i = 0;
            for (JsonNode e : expected) {
                compare(what, path + "[" + i++ + "]", e, a.next());
            }
        } else {
            assertThat(actual).as("%s: %s", what, path).isEqualTo(expected);
        }
    }
}
