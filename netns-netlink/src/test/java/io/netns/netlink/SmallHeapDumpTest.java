// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.NetworkNamespace;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A dump of 100,000 routes streams through a JVM with a 64 MiB heap: it is never all in memory. */
@PrivilegedTest
class SmallHeapDumpTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    @Test
    void oneHundredThousandRoutesStreamThroughA64MiBHeap() {
        NetworkNamespace ns = temp.create("bigdump");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Ip.Result r = Ip.exec(java, "-Xmx64m", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), SmallHeapDumpMain.class.getName(), ns.name().orElseThrow(),
                "100000");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("COUNT=100000", "MAXHEAP_MB=64");
        // the independent count: ip's own dump of the same tables
        long ipCount = Ip.in(ns.name().orElseThrow(), "route", "show", "table", "all").lines()
                .filter(l -> l.contains("table 100")).count();
        assertThat(ipCount).isEqualTo(100_000);
    }
}
