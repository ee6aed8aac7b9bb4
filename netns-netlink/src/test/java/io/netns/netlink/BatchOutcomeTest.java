// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.Errno;
import io.netns.NetworkNamespace;
import io.netns.netlink.BatchResult.Outcome;
import io.netns.netlink.address.AddressSpec;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.LinkUpdate;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a batch does with requests that cannot be carried out: each fails alone, the others are
 * sent, and the result says which were applied. Checked against ip.
 */
@PrivilegedTest
class BatchOutcomeTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    private static int ipv4Addresses(String ns) {
        int n = 0;
        for (JsonNode l : Ip.jsonIn(ns, "-4", "addr", "show")) {
            n += l.path("addr_info").size();
        }
        return n;
    }

    @Test
    void tenThousandAddressesWhereNumber5000NamesAMissingDevice() {
        NetworkNamespace ns = temp.create("b10k");
        String n = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            for (int d = 0; d < 10; d++) { // 10 devices: 10,000 addresses on one cost the kernel O(n^2)
                rt.links().add(LinkSpec.veth("v" + d, "w" + d));
            }
            Batch b = rt.batch();
            for (int i = 0; i < 10_000; i++) {
                b.addresses().add(i == 5000 ? "nodev" : "v" + i % 10,
                        "198.18." + (i >> 8) + "." + (i & 0xff) + "/32");
            }
            long t0 = System.nanoTime();
            BatchResult r = b.execute();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("10,000 requests, #5000 names a missing device: " + r + " in " + ms + " ms");
            assertThat(r.size()).isEqualTo(10_000);
            assertThat(r.outcome(5000)).isEqualTo(Outcome.NOT_SENT);
            assertThat(r.failure(5000)).get().isInstanceOf(NoSuchLinkException.class)
                    .extracting(Throwable::getMessage).asString().contains("Cannot find device \"nodev\"");
            assertThat(r.failures()).hasSize(1);
            assertThat(r.applied()).hasSize(9_999).doesNotContain(5000).contains(0, 4999, 5001, 9999);
            assertThat(r.applied(4999)).isTrue();
            assertThat(r.applied(5000)).isFalse();
            assertThat(r.toString()).contains("9999 applied, 0 refused, 1 not sent");
            assertThat(ipv4Addresses(n)).isEqualTo(9_999);
        }
    }

    @Test
    void requestsNamingALinkOrPeerWhoseCreationFailedAreNotSent() {
        NetworkNamespace ns = temp.create("bdep");
        String n = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.veth("y", "old")); // so that the batch's veth x/y is refused: y exists
            Batch b = rt.batch();
            b.links().add(LinkSpec.veth("x", "y").alias("new pair"));    // 0: EEXIST; 1: its alias
            b.addresses().add("x", "198.18.1.1/32");                     // 2: x was never made
            b.links().set("y", LinkUpdate.of().mtu(1400));               // 3: y is not the batch's y
            b.links().add(LinkSpec.veth("x2", "y2").master("x"));        // 4: its master was never made
            b.addresses().add("x2", "198.18.1.2/32");                    // 5: nor x2, in turn
            b.links().add(LinkSpec.veth("z", "zp"));                     // 6: fine
            b.addresses().add("z", "198.18.1.3/32");                     // 7: fine
            b.links().setName("old", "x");                               // 8: fine: now there is an x
            b.addresses().add("x", "198.18.1.4/32");                     // 9: and it may be named
            BatchResult r = b.execute();
            assertThat(r.size()).isEqualTo(10);
            assertThat(List.of(r.outcome(0), r.outcome(1), r.outcome(2), r.outcome(3), r.outcome(4), r.outcome(5),
                    r.outcome(6), r.outcome(7), r.outcome(8), r.outcome(9))).containsExactly(
                    Outcome.REFUSED, Outcome.NOT_SENT, Outcome.NOT_SENT, Outcome.NOT_SENT, Outcome.NOT_SENT,
                    Outcome.NOT_SENT, Outcome.APPLIED, Outcome.APPLIED, Outcome.APPLIED, Outcome.APPLIED);
            assertThat(r.applied()).containsExactly(6, 7, 8, 9);
            assertThat(r.failure(0).orElseThrow().errno()).isEqualTo(Errno.EEXIST);
            NetlinkException notY = r.failure(3).orElseThrow();
            assertThat(notY).isInstanceOf(NoSuchLinkException.class);
            assertThat(notY.getCause()).isSameAs(r.failure(0).orElseThrow());
            assertThat(notY.getMessage()).contains("\"y\"").contains("request #0").contains("EEXIST");
            assertThat(r.failure(5).orElseThrow().getMessage()).contains("\"x2\"").contains("request #4");
            // the oracle: the link y from before was not touched, and only the applied requests show
            assertThat(Ip.jsonIn(n, "link", "show", "dev", "y").get(0).get("mtu").asInt()).isEqualTo(1500);
            assertThat(Ip.linkNames(n)).containsExactlyInAnyOrder("lo", "y", "x", "z", "zp");
            assertThat(Ip.in(n, "-4", "addr", "show")).doesNotContain("198.18.1.1/").doesNotContain("198.18.1.2/")
                    .contains("198.18.1.3/32").contains("198.18.1.4/32");
            assertThat(Ip.jsonIn(n, "link", "show", "dev", "x").get(0).path("ifalias").asText()).isEmpty();
            assertThat(r.toString()).isEqualTo("BatchResult[10 requests: 4 applied, 1 refused, 5 not sent]");
        }
    }

    @Test
    void aLinkGroupTagsEveryLinkTheBatchCreatesSoOneRequestRemovesThem() {
        NetworkNamespace ns = temp.create("bgrp");
        String n = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.bridge("keep"));
            Batch b = rt.batch().linkGroup(77);
            for (int i = 0; i < 20; i++) {
                b.links().add(LinkSpec.veth("g" + i, "h" + i));
                b.addresses().add("g" + i, "198.18.2." + (i + 1) + "/32");
            }
            b.links().add(LinkSpec.bridge("br7").group(77)); // the same group is fine
            assertThatThrownBy(() -> b.links().add(LinkSpec.bridge("br8").group(5)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group 77");
            assertThatThrownBy(() -> b.linkGroup(78)).isInstanceOf(IllegalStateException.class);
            b.execute().throwIfFailed();
            List<String> tagged = new ArrayList<>();
            for (JsonNode l : Ip.jsonIn(n, "link", "show", "group", "77")) {
                if (l.has("ifname")) { // ip 6.1 prints an empty object first when filtering by group
                    tagged.add(l.get("ifname").asText());
                }
            }
            assertThat(tagged).hasSize(21).contains("g0", "g19", "br7");
            assertThat(rt.links().ofGroup(77)).extracting(l -> l.name()).containsExactlyInAnyOrderElementsOf(tagged);
            rt.links().delGroup(77); // ip link delete group 77
            assertThat(Ip.linkNames(n)).containsExactlyInAnyOrder("lo", "keep");
            assertThat(ipv4Addresses(n)).isZero();
            assertThatThrownBy(() -> rt.batch().linkGroup(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
