// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TestNames;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names whose bytes are not UTF-8 (issue #11, item 15), through the CLI as bin/netns starts it
 * and through ip with the very same bytes. A Java string cannot hold such bytes, so each command
 * runs under bash, which makes the name from printf escapes ({@code \377\376}); the oracle is
 * bash's {@code test -e} and util-linux's {@code mountpoint} on those bytes.
 */
@PrivilegedTest
class NonUtf8NameTest {

    /** Runs {@code script} under bash with {@code $1} = the name made from printf escapes. */
    private static Ip.Result bash(String locale, String script, String printfName, String... more) {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "name=$(printf \"$1\"); shift; " + script, "bash",
                printfName));
        cmd.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (locale != null) {
            pb.environment().remove("LANG");
            pb.environment().remove("LC_CTYPE");
            pb.environment().put("LC_ALL", locale);
        }
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("bash %s finished", script).isTrue();
            return new Ip.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code netns WORDS... NAME}, as bin/netns runs it (module path, native access for io.netns). */
    private static Ip.Result netns(String locale, String printfName, String... words) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> more = new ArrayList<>(List.of(java, LauncherTest.modulePath()));
        more.addAll(List.of(words));
        return bash(locale, "java=$1; mp=$2; shift 2; exec \"$java\" --enable-native-access=io.netns -p \"$mp\""
                + " -m io.netns.cli/io.netns.cli.Main \"$@\" \"$name\"", printfName, more.toArray(String[]::new));
    }

    /** {@code ip WORDS... NAME}. */
    private static Ip.Result ip(String printfName, String... words) {
        return bash(null, "exec ip \"$@\" \"$name\"", printfName, words);
    }

    private static boolean exists(String printfName) {
        return bash(null, "test -e \"/run/netns/$name\"", printfName).exitCode() == 0;
    }

    private static boolean mounted(String printfName) {
        return bash(null, "mountpoint -q \"/run/netns/$name\"", printfName).exitCode() == 0;
    }

    /** Removes whatever a failed run left under the name's bytes or their U+FFFD form. */
    private static void remove(String... printfNames) {
        for (String n : printfNames) {
            if (exists(n)) {
                ip(n, "netns", "del");
                bash(null, "rm -f \"/run/netns/$name\"", n);
            }
        }
    }

    @Test
    void aNameThatIsNotUtf8IsRefusedByAddAndDelWhereIpPassesItThrough() {
        String base = TestNames.unique("cli-bytes");
        String name = base + "\\377\\376";
        String lossy = base + "\\357\\277\\275\\357\\277\\275"; // U+FFFD U+FFFD: the JVM's decoding of it
        try {
            Ip.Result add = netns(null, name, "netns", "add");
            assertThat(add.exitCode()).as(add.stderr()).isEqualTo(255);
            assertThat(add.stderr()).contains("Invalid argument \"" + base + "\\xff\\xfe\": not valid UTF-8");
            assertThat(exists(name)).isFalse();
            assertThat(exists(lossy)).as("nothing made under another name").isFalse();
            // ip takes the bytes as they are
            assertThat(ip(name, "netns", "add").exitCode()).isZero();
            assertThat(exists(name)).isTrue();
            assertThat(mounted(name)).isTrue();
            Ip.Result del = netns(null, name, "netns", "del");
            assertThat(del.exitCode()).as(del.stderr()).isEqualTo(255);
            assertThat(del.stderr()).contains("not valid UTF-8").contains("use ip");
            assertThat(mounted(name)).as("del refused, ip's namespace intact").isTrue();
            assertThat(ip(name, "netns", "del").exitCode()).isZero();
            assertThat(exists(name)).isFalse();
        } finally {
            remove(name, lossy);
        }
    }

    @Test
    void aUtf8NameGoesThroughByteForByteWhateverTheLocale() {
        String name = TestNames.unique("cli-utf8") + "-bl\\303\\251"; // "blé"
        String asciiDecoded = name.replace("\\303\\251", "\\357\\277\\275\\357\\277\\275");
        try {
            for (String locale : new String[] {"C", "C.UTF-8"}) {
                // the CLI adds, ip deletes the same bytes
                Ip.Result add = netns(locale, name, "netns", "add");
                assertThat(add.exitCode()).as(locale + ": " + add.stderr()).isZero();
                assertThat(exists(asciiDecoded)).as(locale).isFalse();
                assertThat(mounted(name)).as(locale).isTrue();
                assertThat(ip(name, "netns", "del").exitCode()).as(locale).isZero();
                assertThat(exists(name)).as(locale).isFalse();
                // ip adds, the CLI deletes
                assertThat(ip(name, "netns", "add").exitCode()).as(locale).isZero();
                Ip.Result del = netns(locale, name, "netns", "del");
                assertThat(del.exitCode()).as(locale + ": " + del.stderr()).isZero();
                assertThat(exists(name)).as(locale).isFalse();
            }
        } finally {
            remove(name, asciiDecoded);
        }
    }

    @Test
    void aReplacementCharacterInANameIsRefusedAsTheLibraryRefusesIt() {
        String name = TestNames.unique("cli-fffd") + "\\357\\277\\275"; // valid UTF-8 for U+FFFD
        try {
            Ip.Result add = netns(null, name, "netns", "add");
            assertThat(add.exitCode()).as(add.stderr()).isEqualTo(255);
            assertThat(add.stderr()).contains("U+FFFD");
            assertThat(exists(name)).isFalse();
        } finally {
            remove(name);
        }
    }
}
