// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.route.RouteSpec;
import io.netns.netlink.link.Link;
import io.netns.Errno;
import io.netns.NetworkNamespace;
import io.netns.netlink.address.AddressSpec;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.LinkUpdate;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PrivilegedTest
class BatchTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    @Test
    void namesCreatedEarlierInTheSameBatchResolve() {
        NetworkNamespace ns = temp.create("batch");
        String n = ns.name().orElseThrow();
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            Batch b = rt.batch();
            for (int i = 0; i < 50; i++) {
                b.links().add(LinkSpec.veth("a" + i, "b" + i).group(3));
                b.links().set("a" + i, LinkUpdate.of().up());
                b.addresses().add(AddressSpec.of("198.18.40." + (i + 1) + "/32", "a" + i));
            }
            assertThat(b.size()).isEqualTo(150);
            BatchResult r = b.execute();
            assertThat(r.ok()).isTrue();
            assertThat(r.size()).isEqualTo(150);
            assertThat(b.size()).isZero();
            assertThat(Ip.linkNames(n)).hasSize(101);
            assertThat(Ip.jsonIn(n, "-4", "addr", "show")).hasSize(50);
            rt.links().delGroup(3);
            assertThat(Ip.linkNames(n)).containsExactly("lo");
        }
    }

    @Test
    void explicitIndexesKeepOnePipelineAndFailuresAreReportedPerRequest() {
        NetworkNamespace ns = temp.create("batchidx");
        String n = ns.name().orElseThrow();
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            Batch b = rt.batch();
            for (int i = 0; i < 100; i++) {
                b.links().add(LinkSpec.veth("x" + i, "y" + i).index(1000 + 2 * i).peerIndex(1001 + 2 * i));
                b.links().set(1000 + 2 * i, LinkUpdate.of().up());
            }
            b.links().add(LinkSpec.veth("x7", "dup7"));      // fails: x7 exists
            b.routes().add(RouteSpec.to("198.18.50.0/24").dev(1000)); // fine
            BatchResult r = b.execute();
            assertThat(r.failures()).hasSize(1);
            assertThat(r.failure(200)).get().satisfies(e -> {
                assertThat(e.errno()).isEqualTo(Errno.EEXIST);
                assertThat(e.getMessage()).contains("x7");
            });
            assertThat(r.failure(201)).isEmpty();
            assertThat(rt.links().get("x5").index()).isEqualTo(1010);
            assertThat(rt.links().get("y5").index()).isEqualTo(1011);
            assertThat(Ip.jsonIn(n, "link", "show", "dev", "x99").get(0).get("ifindex").asInt()).isEqualTo(1198);
            assertThat(Ip.in(n, "route", "show")).contains("198.18.50.0/24 dev x0");
            assertThatThrownBy(r::throwIfFailed).isInstanceOf(NetlinkException.class);
        }
    }

    @Test
    void aStreamedDumpClosedMidwayLeavesTheHandleInStep() {
        NetworkNamespace ns = temp.create("stream");
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            Batch b = rt.batch();
            for (int i = 0; i < 300; i++) {
                b.links().add(LinkSpec.veth("s" + i, "t" + i).group(9));
            }
            b.execute().throwIfFailed();
            try (Stream<Link> links = rt.links().stream()) {
                assertThat(links.filter(l -> l.name().startsWith("s")).limit(3).count()).isEqualTo(3);
                // the stream reads on a socket of its own: the handle serves other requests meanwhile
                assertThat(rt.links().list()).hasSize(601);
            }
            // closing mid-dump drops the rest with the stream's socket; the handle is unaffected
            assertThat(rt.links().list()).hasSize(601);
            try (Stream<Link> links = rt.links().stream()) {
                assertThat(links.count()).isEqualTo(601);
            }
            rt.links().delGroup(9);
        }
    }
}
