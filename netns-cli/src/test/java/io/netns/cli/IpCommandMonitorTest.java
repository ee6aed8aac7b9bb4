// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netns monitor} prints the namespace's changes as {@code ip monitor} does, until interrupted. */
@PrivilegedTest
class IpCommandMonitorTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    @Test
    void printsChangesLikeIpMonitor() throws Exception {
        String n = TempNamespaces.name(temp.create("mon"));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        AtomicInteger status = new AtomicInteger(-1);
        Thread t = new Thread(() -> status.set(IpCommand.run(new String[]{"-n", n, "monitor", "link", "address",
                "route", "neigh", "rule"}, out, System.err)), "cli-monitor");
        t.start();
        Thread.sleep(500); // the monitor joins its groups when it starts
        Ip.in(n, "link", "add", "br9", "type", "bridge");
        Ip.in(n, "addr", "add", "198.18.9.1/24", "dev", "br9");
        Ip.in(n, "link", "set", "br9", "up");
        Ip.in(n, "route", "add", "198.18.19.0/24", "via", "198.18.9.2");
        Ip.in(n, "neigh", "add", "198.18.9.7", "lladdr", "02:00:00:00:00:07", "dev", "br9");
        Ip.in(n, "rule", "add", "from", "198.18.9.0/24", "table", "9", "priority", "99");
        Ip.in(n, "rule", "del", "priority", "99");
        Ip.in(n, "link", "del", "br9");
        long deadline = System.currentTimeMillis() + 5000;
        while (!buf.toString(StandardCharsets.UTF_8).contains("Deleted 2: br9: ")
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        t.interrupt();
        t.join(5000);
        assertThat(t.isAlive()).isFalse();
        assertThat(status.get()).isZero();
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .contains("2: br9: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default \n"
                        + "    link/ether ")
                .contains("2: br9    inet 198.18.9.1/24 scope global br9\n"
                        + "       valid_lft forever preferred_lft forever\n")
                .contains("198.18.19.0/24 via 198.18.9.2 dev br9 \n")
                .contains("local 198.18.9.1 dev br9 table local proto kernel scope host src 198.18.9.1 \n")
                .contains("198.18.9.7 dev br9 lladdr 02:00:00:00:00:07 PERMANENT \n")
                .contains("99:\tfrom 198.18.9.0/24 lookup 9\n")
                .contains("Deleted 99:\tfrom 198.18.9.0/24 lookup 9\n")
                .contains("Deleted 198.18.9.7 dev br9 lladdr 02:00:00:00:00:07 PERMANENT \n")
                .contains("Deleted 2: br9    inet 198.18.9.1/24 scope global br9\n")
                .contains("Deleted 2: br9: ");
    }
}
