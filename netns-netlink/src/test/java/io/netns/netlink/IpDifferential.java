package io.netns.netlink;

import io.netns.testing.Ip;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The library against ip: the same listing, the same failure. */
public final class IpDifferential {
    private IpDifferential() {
    }

    /** {@code ip -n NS ARGS}, failing or not. */
    public static Ip.Result ipRun(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
        cmd.addAll(List.of(args));
        return Ip.exec(cmd.toArray(String[]::new));
    }

    /** An ip command line as its arguments. */
    public static String[] args(String line) {
        return line.trim().split("\\s+");
    }

    /**
     * Asserts two listings hold the same elements. The Java listing is taken before and after ip's;
     * if they differ (IPv6 autoconfiguration still settling) the comparison is retried.
     */
    public static <T> void agree(String what, Supplier<List<T>> java, Supplier<List<T>> ip) {
        for (int attempt = 1; ; attempt++) {
            List<T> before = java.get();
            List<T> oracle = ip.get();
            List<T> after = java.get();
            boolean stable = new ArrayList<>(before).containsAll(after) && before.size() == after.size();
            if (stable || attempt == 30) {
                assertThat(before).as(what + ": Java's listing vs ip's").containsExactlyInAnyOrderElementsOf(oracle);
                return;
            }
            sleep(100);
        }
    }

    /**
     * Asserts the Java failure is what ip reported for the same command: the kernel's extended-ack
     * text when ip printed "Error: TEXT.", else the errno's description ("RTNETLINK answers: TEXT").
     */
    public static void assertSameFailure(NetlinkException e, Ip.Result ip) {
        assertThat(ip.exitCode()).as("ip should fail too").isNotZero();
        String err = ip.stderr().strip().lines().findFirst().orElse("");
        if (err.startsWith("Error: ")) {
            String text = stripDot(err.substring("Error: ".length()));
            assertThat(e.kernelMessage()).as("extended ack of " + e.getMessage()).isPresent();
            assertThat(stripDot(e.kernelMessage().get())).isEqualTo(text);
            assertThat(e.getMessage()).contains(text);
        } else {
            assertThat(err).as("ip's stderr").startsWith("RTNETLINK answers: ");
            String text = err.substring("RTNETLINK answers: ".length()).strip();
            assertThat(e.getMessage()).contains("(" + text + ")");
            assertThat(e.kernelMessage()).as("ip printed no extended ack").isEmpty();
        }
    }

    private static String stripDot(String s) {
        s = s.strip();
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
