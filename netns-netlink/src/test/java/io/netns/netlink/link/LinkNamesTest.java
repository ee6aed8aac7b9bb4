// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link;

import io.netns.NetworkNamespace;
import io.netns.netlink.Batch;
import io.netns.netlink.BatchResult;
import io.netns.netlink.NetlinkException;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.address.AddressSpec;
import io.netns.netlink.internal.Exchange;
import io.netns.netlink.internal.NetlinkSocket;
import io.netns.netlink.internal.Request;
import io.netns.netlink.rule.RuleSpec;
import io.netns.netlink.wire.Ifla;
import io.netns.netlink.wire.IflaInfo;
import io.netns.netlink.wire.MessageWriter;
import io.netns.netlink.wire.Rtm;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Link names as the kernel takes them: the library refuses exactly what {@code dev_valid_name}
 * refuses (checked against the kernel itself with raw requests, byte for byte), sends names as
 * UTF-8, refuses what UTF-8 cannot encode, and refuses {@code %d} templates instead of creating a
 * link it then cannot find.
 */
@PrivilegedTest
class LinkNamesTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    /** Names to try: ASCII, non-ASCII, Unicode and kernel whitespace, controls, lengths, specials. */
    private static final List<String> CANDIDATES = List.of(
            "plain0", "é", "\u00e0", "x\u00a0", "\u0160a", "\u2000x", "\u3000x", "\u0085y", "a\u0001b", "a\u007f",
            "a\u0008", "a\u001c", "a\u000b", "a\tb", "a\nb", "a\rb", "a b", "a/b", "a:b", ".", "..", "...", "-",
            "\u3042\u3042\u3042\u3042\u3042", "\u3042\u3042\u3042\u3042\u3042x", "123456789012345",
            "1234567890123456", "\ud83d\ude00\ud83d\ude00\ud83d\ude00", "\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00");

    /** RTM_NEWLINK of a bridge whose IFLA_IFNAME is {@code name}'s bytes, with no check of ours. */
    private static Request rawBridge(byte[] name) {
        return Request.of(Rtm.RTM_NEWLINK, "raw", (w, seq) -> {
            w.beginMessage(Rtm.RTM_NEWLINK, Request.CREATE, seq, 0);
            w.ifinfomsg(0, 0, 0, 0, 0);
            w.attrBytes(Ifla.IFLA_IFNAME, Arrays.copyOf(name, name.length + 1));
            long info = w.beginNested(Ifla.IFLA_LINKINFO);
            w.attrStringNoNul(IflaInfo.IFLA_INFO_KIND, "bridge");
            w.endNested(info);
            w.endMessage();
        });
    }

    private static Request rawDelete(byte[] name) {
        return Request.of(Rtm.RTM_DELLINK, "raw", (MessageWriter w, int seq) -> {
            w.beginMessage(Rtm.RTM_DELLINK, Request.CHANGE, seq, 0);
            w.ifinfomsg(0, 0, 0, 0, 0);
            w.attrBytes(Ifla.IFLA_IFNAME, Arrays.copyOf(name, name.length + 1));
            w.endMessage();
        });
    }

    private static boolean refusedByUs(Executable e) {
        try {
            e.execute();
            return false;
        } catch (IllegalArgumentException refused) {
            return true;
        } catch (Throwable other) {
            throw new AssertionError(other);
        }
    }

    @Test
    void theLibraryRefusesExactlyTheNamesTheKernelRefuses() {
        NetworkNamespace ns = temp.create("names");
        Map<String, String> kernel = new LinkedHashMap<>();
        Map<String, String> ours = new LinkedHashMap<>();
        try (Exchange raw = new Exchange(ns, NetlinkSocket.open(ns))) {
            for (String name : CANDIDATES) {
                byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
                String verdict;
                try {
                    raw.submit(rawBridge(bytes));
                    verdict = "accepted";
                    raw.submit(rawDelete(bytes));
                } catch (NetlinkException e) {
                    verdict = "refused";
                }
                kernel.put(name, verdict);
                ours.put(name, refusedByUs(() -> LinkSpec.bridge(name)) ? "refused" : "accepted");
            }
        }
        assertThat(ours).isEqualTo(kernel);
        // the cases the kernel decides by bytes, not characters: U+00E0 is C3 A0, and 0xA0 is
        // whitespace to the kernel's Latin-1 isspace(); U+2000 is whitespace to Java, not to the kernel
        assertThat(kernel).containsEntry("\u00e0", "refused").containsEntry("\u2000x", "accepted")
                .containsEntry("é", "accepted").containsEntry("a\u0001b", "accepted");
        assertThat(Ip.linkNames(TempNamespaces.name(ns))).containsExactly("lo");
    }

    @Test
    void aRefusalSaysWhyBeforeAnythingIsSent() {
        assertThatThrownBy(() -> LinkSpec.bridge("\u00e0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0xA0").hasMessageContaining("U+00E0");
        assertThatThrownBy(() -> LinkSpec.bridge("a b")).hasMessageContaining("whitespace");
        assertThatThrownBy(() -> LinkSpec.bridge("1234567890123456")).hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> LinkSpec.bridge("a\u0000b")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> LinkSpec.bridge("u\ud800")).hasMessageContaining("UTF-8")
                .hasMessageContaining("U+D800");
        assertThatThrownBy(() -> LinkSpec.bridge("q%d")).hasMessageContaining("%d");
    }

    @Test
    void aTemplateIsRefusedEverywhereAndLeavesNoLink() {
        NetworkNamespace ns = temp.create("tmpl");
        String n = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.veth("va", "vb"));
            // the kernel would create q0 and the alias request for "q%d" would find nothing
            assertThatThrownBy(() -> rt.links().add(LinkSpec.veth("q%d", "r%d").alias("x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("%d");
            assertThatThrownBy(() -> rt.links().add(LinkSpec.veth("q0", "r%d")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> rt.links().setName("va", "v%d")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> rt.batch(b -> b.links().add(LinkSpec.bridge("br%d"))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(Ip.linkNames(n)).containsExactlyInAnyOrder("lo", "va", "vb");
        }
    }

    @Test
    void unencodableStringsAreRefusedUpFrontWhereverANameEnters() {
        NetworkNamespace ns = temp.create("utf");
        String n = TempNamespaces.name(ns);
        String lone = "u\ud800";
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.veth("va", "vb"));
            List<Executable> entries = new ArrayList<>(List.of(
                    () -> rt.links().add(LinkSpec.bridge(lone)),
                    () -> rt.links().add(LinkSpec.veth("ok0", "p\udc00")),
                    () -> rt.links().add(LinkSpec.bridge("ok1").alias("a\ud800")),
                    () -> rt.links().add(LinkSpec.bridge("ok2").master(lone)),
                    () -> rt.links().setName("va", lone),
                    () -> rt.links().set("va", LinkUpdate.of().alias("b\udbff")),
                    () -> rt.links().get(lone),
                    () -> rt.links().del(lone),
                    () -> rt.addresses().add(AddressSpec.of("198.18.0.1/24", "va").label("va\ud800")),
                    () -> RuleSpec.ofSource("198.18.0.0/24").iif(lone),
                    () -> rt.batch(b -> b.links().add(LinkSpec.bridge(lone)))));
            for (Executable e : entries) {
                assertThat(refusedByUs(e)).as("refused before sending").isTrue();
            }
            assertThat(Ip.linkNames(n)).containsExactlyInAnyOrder("lo", "va", "vb");
            assertThat(Ip.in(n, "addr", "show", "dev", "va")).doesNotContain("198.18.0.1");
        }
    }

    @Test
    void nonAsciiNamesTheKernelTakesWorkAsUtf8Everywhere() {
        NetworkNamespace ns = temp.create("nonascii");
        String n = TempNamespaces.name(ns);
        String five = "\u3042\u3042\u3042\u3042\u3042"; // 15 bytes
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.veth("é0", "ü0").alias("mañana"));
            rt.links().setName("é0", five);
            BatchResult r = rt.batch(b -> {
                b.links().add(LinkSpec.bridge("brü"));
                b.links().setMaster("ü0", "brü");
            });
            r.throwIfFailed();
            assertThat(Ip.linkNames(n)).containsExactlyInAnyOrder("lo", five, "ü0", "brü");
            assertThat(Ip.jsonIn(n, "link", "show", "dev", five).get(0).get("ifalias").asText()).isEqualTo("mañana");
            assertThat(Ip.jsonIn(n, "link", "show", "dev", "ü0").get(0).get("master").asText()).isEqualTo("brü");
            assertThat(rt.links().get(five).name()).isEqualTo(five);
            Batch b = rt.batch();
            b.links().del("brü");
            b.execute().throwIfFailed();
            assertThat(Ip.linkNames(n)).containsExactlyInAnyOrder("lo", five, "ü0");
        }
    }

    @Test
    void aLinkWhoseFollowUpFailsIsRemovedAgain() {
        NetworkNamespace ns = temp.create("undo");
        String n = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            // a tun is created through /dev/net/tun, then configured: tun's largest MTU is 65535
            assertThatThrownBy(() -> rt.links().add(LinkSpec.tun("tun0").mtu(70000)))
                    .isInstanceOf(NetlinkException.class);
            assertThat(Ip.linkNames(n)).containsExactly("lo");
        }
    }
}
