// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.NetworkNamespace;
import io.netns.netlink.link.Link;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM killed with SIGKILL in the middle of a batch: what the kernel applied is exactly the
 * requests acknowledged before the kill (a prefix of the batch, nothing rolled back, nothing
 * half-made), every link it left carries the batch's link group, and one request removes them.
 */
@PrivilegedTest
class BatchCrashTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    private static final int GROUP = 4242;

    /** Starts the child, waits until it stands after {@code stopAfter} requests, kills it; returns how many. */
    private static int killAfter(String ns, int pairs, int stopAfter) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), BatchCrashMain.class.getName(), ns, String.valueOf(GROUP),
                String.valueOf(pairs), String.valueOf(stopAfter)).redirectErrorStream(true).start();
        int at = -1;
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                if (line.startsWith("AT ")) {
                    at = Integer.parseInt(line.substring(3));
                    p.toHandle().destroyForcibly();
                    break;
                }
            }
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(at).as(out.toString()).isPositive();
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        return at;
    }

    @Test
    void aBatchKilledMidwayLeavesAPrefixOfItsRequestsAllInItsGroup() throws Exception {
        NetworkNamespace ns = temp.create("bcrash");
        String n = TempNamespaces.name(ns);
        int pairs = 200;
        int done = killAfter(n, pairs, 201); // requests 2i create c<i>, 2i+1 give it its address
        assertThat(done).isLessThan(2 * pairs);
        Set<String> links = new TreeSet<>();
        Set<String> expected = new TreeSet<>(Set.of("lo"));
        Set<String> addresses = new HashSet<>();
        Set<String> expectedAddresses = new HashSet<>();
        for (int i = 0; i < pairs; i++) {
            if (2 * i < done) {
                expected.add("c" + i);
                expected.add("d" + i);
            }
            if (2 * i + 1 < done) {
                expectedAddresses.add("198.18." + (i >> 8) + "." + (i & 0xff));
            }
        }
        for (JsonNode l : Ip.jsonIn(n, "-d", "link", "show")) {
            String name = l.get("ifname").asText();
            links.add(name);
            if (name.startsWith("c")) {
                assertThat(l.get("group").asText()).as(name + "'s group").isEqualTo(String.valueOf(GROUP));
            }
        }
        for (JsonNode l : Ip.jsonIn(n, "-4", "addr", "show")) {
            l.path("addr_info").forEach(a -> addresses.add(a.get("local").asText()));
        }
        assertThat(links).isEqualTo(expected);
        assertThat(addresses).isEqualTo(expectedAddresses);
        System.out.println("killed after " + done + " of " + 2 * pairs + " requests: " + (links.size() - 1)
                + " links and " + addresses.size() + " addresses left, all found by group " + GROUP);
        // a later run finds the leftovers by their tag and removes them in one request
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            assertThat(rt.links().ofGroup(GROUP)).extracting(Link::name)
                    .containsExactlyInAnyOrderElementsOf(expected.stream().filter(x -> x.startsWith("c")).toList());
            rt.links().delGroup(GROUP);
        }
        assertThat(Ip.linkNames(n)).containsExactly("lo");
    }
}
