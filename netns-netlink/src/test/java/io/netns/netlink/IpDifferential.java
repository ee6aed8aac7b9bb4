// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.NetworkNamespace;
import io.netns.testing.Ip;
import io.netns.testing.TempNamespaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The library against ip: the same listing, the same failure, and the same namespace whether a change
 * was made by ip or by the library ({@link #assertSameAsIp}).
 */
public final class IpDifferential {
    private IpDifferential() {
    }

    /**
     * One change written twice: as ip's arguments (what follows {@code ip -n NS}) and through the library.
     *
     * @param mayFail whether the kernel may refuse it (a kind it lacks); then the library must fail as ip did
     */
    public record Step(List<String> ip, Consumer<Rtnetlink> java, boolean mayFail) {
        /** A change both ip and the library must make; {@code ip} is split at white space. */
        public static Step of(String ip, Consumer<Rtnetlink> java) {
            return of(List.of(args(ip)), java);
        }

        /** As {@link #of(String, Consumer)}, with ip's arguments one by one (one may hold a space). */
        public static Step of(List<String> ip, Consumer<Rtnetlink> java) {
            return new Step(List.copyOf(ip), java, false);
        }

        /** A change the kernel may refuse: ip and the library both make it, or both fail alike. */
        public static Step mayFail(String ip, Consumer<Rtnetlink> java) {
            return new Step(List.of(args(ip)), java, true);
        }

        @Override
        public String toString() {
            return "ip " + String.join(" ", ip);
        }
    }

    /**
     * What a namespace holds, as ip lists it and as the library lists it, both brought to one type.
     *
     * @param ordered whether the two namespaces' listings must also agree in order (the kernel dumps
     *                rules by priority), not only as multisets
     */
    public record Listing<T>(String what, Function<String, List<T>> ip, BiFunction<Rtnetlink, String, List<T>> java,
                             boolean ordered) {
        /** A listing compared in any order. */
        public static <T> Listing<T> of(String what, Function<String, List<T>> ip,
                                        BiFunction<Rtnetlink, String, List<T>> java) {
            return new Listing<>(what, ip, java, false);
        }

        /** A listing whose order is part of what must agree. */
        public static <T> Listing<T> ordered(String what, Function<String, List<T>> ip,
                                             BiFunction<Rtnetlink, String, List<T>> java) {
            return new Listing<>(what, ip, java, true);
        }
    }

    /** What one step did: ip's result, and the library's failure if it failed. */
    public record Outcome(Step step, Ip.Result ip, Optional<NetlinkException> java) {
        /** Whether ip (and so the library) made the change. */
        public boolean made() {
            return ip.exitCode() == 0;
        }
    }

    /** The two namespaces {@link #assertSameAsIp} made, still there for further checks, and what each step did. */
    public record Twins(NetworkNamespace byJava, NetworkNamespace byIp, List<Outcome> outcomes) {
        public String byJavaName() {
            return TempNamespaces.name(byJava);
        }

        public String byIpName() {
            return TempNamespaces.name(byIp);
        }
    }

    /**
     * The "ip vs Java" differential: in two fresh namespaces {@code setup} runs through the library in
     * both, then every step runs through ip in one and through the library in the other. Asserts that
     * each step succeeded both ways (or, for {@link Step#mayFail}, failed both ways with ip's error), and
     * for every listing that ip lists both namespaces alike, that the library lists both alike, and that
     * in each namespace the library's listing is ip's.
     *
     * @param hint the start of the namespaces' names ("{@code hint}java", "{@code hint}ip")
     */
    public static Twins assertSameAsIp(TempNamespaces temp, String hint, Consumer<Rtnetlink> setup,
                                       List<Step> steps, List<? extends Listing<?>> listings) {
        NetworkNamespace byJava = temp.create(hint + "java");
        NetworkNamespace byIp = temp.create(hint + "ip");
        String j = TempNamespaces.name(byJava);
        String i = TempNamespaces.name(byIp);
        List<Outcome> outcomes = new ArrayList<>();
        try (Rtnetlink rj = Rtnetlink.open(byJava); Rtnetlink ri = Rtnetlink.open(byIp)) {
            setup.accept(rj);
            setup.accept(ri);
            for (Step step : steps) {
                Ip.Result ip = ipRun(i, step.ip().toArray(String[]::new));
                if (!step.mayFail()) {
                    assertThat(ip.exitCode()).as(step + ": " + ip.stderr()).isZero();
                    step.java().accept(rj);
                    outcomes.add(new Outcome(step, ip, Optional.empty()));
                    continue;
                }
                NetlinkException e = catchThrowableOfType(NetlinkException.class, () -> step.java().accept(rj));
                if (ip.exitCode() == 0) {
                    assertThat(e).as(step + " succeeded, the library failed").isNull();
                } else {
                    assertThat(e).as(step + " failed (" + ip.stderr().strip() + "), the library did not")
                            .isNotNull();
                    assertSameFailure(e, ip);
                }
                outcomes.add(new Outcome(step, ip, Optional.ofNullable(e)));
            }
            for (Listing<?> listing : listings) {
                compare(listing, rj, j, ri, i);
            }
        }
        return new Twins(byJava, byIp, List.copyOf(outcomes));
    }

    private static <T> void compare(Listing<T> l, Rtnetlink rj, String j, Rtnetlink ri, String i) {
        List<T> ipOfJava = l.ip().apply(j);
        List<T> ipOfIp = l.ip().apply(i);
        List<T> javaOfJava = l.java().apply(rj, j);
        List<T> javaOfIp = l.java().apply(ri, i);
        if (l.ordered()) {
            assertThat(ipOfJava).as(l.what() + ": ip's listing of Java's changes vs of ip's")
                    .containsExactlyElementsOf(ipOfIp);
            assertThat(javaOfJava).as(l.what() + ": Java's listing of Java's changes vs of ip's")
                    .containsExactlyElementsOf(javaOfIp);
        } else {
            assertThat(ipOfJava).as(l.what() + ": ip's listing of Java's changes vs of ip's")
                    .containsExactlyInAnyOrderElementsOf(ipOfIp);
            assertThat(javaOfJava).as(l.what() + ": Java's listing of Java's changes vs of ip's")
                    .containsExactlyInAnyOrderElementsOf(javaOfIp);
        }
        agree(l.what() + " (made by ip)", () -> l.java().apply(ri, i), () -> l.ip().apply(i));
        agree(l.what() + " (made by Java)", () -> l.java().apply(rj, j), () -> l.ip().apply(j));
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
