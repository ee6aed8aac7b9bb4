// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.address;

import io.netns.netlink.Family;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.NetlinkException;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.Scope;
import io.netns.netlink.route.Route;
import io.netns.Errno;
import io.netns.NetworkNamespace;
import io.netns.netlink.link.LinkSpec;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PrivilegedTest
class AddressTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    /** "ifindex family local/prefixlen scope label" of every address ip shows. */
    static Set<String> ipAddresses(String ns) {
        Set<String> out = new TreeSet<>();
        for (JsonNode link : Ip.jsonIn(ns, "addr", "show")) {
            for (JsonNode a : link.get("addr_info")) {
                out.add(link.get("ifindex").asInt() + " " + a.get("family").asText() + " " + a.get("local").asText()
                        + "/" + a.get("prefixlen").asInt() + " " + a.get("scope").asText() + " "
                        + (a.has("label") ? a.get("label").asText() : "-"));
            }
        }
        return out;
    }

    static Set<String> javaAddresses(Rtnetlink rt) {
        Set<String> out = new TreeSet<>();
        for (Address a : rt.addresses().list()) {
            out.add(a.index() + " " + (a.family() == Family.INET ? "inet" : "inet6") + " " + a.prefix() .toString()
                    .replaceFirst("^([^/]*)$", "$1/" + a.prefixLength()) + " " + a.scope() + " "
                    + a.label().orElse("-"));
        }
        return out;
    }

    @Test
    void addedAddressesAreWhatIpShowsAndViceVersa() {
        NetworkNamespace ns = temp.create("addr");
        String n = ns.name().orElseThrow();
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().setUp("lo");
            rt.links().add(LinkSpec.veth("va", "vb").up());
            rt.links().setUp("vb");
            rt.addresses().add(AddressSpec.of("198.18.0.1/24", "va").broadcast("198.18.0.255").label("va:one"));
            rt.addresses().add(AddressSpec.of("198.18.1.1/32", "va").peer("198.18.1.2").scope(Scope.LINK));
            rt.addresses().add(AddressSpec.of("fd42:6e73::1/64", "va").noDad());
            rt.addresses().add(AddressSpec.of("fd42:6e73:1::1/64", "va").noDad().noPrefixRoute().lifetimes(3600, 1800));
            Ip.in(n, "addr", "add", "198.18.2.1/16", "dev", "vb");
            assertThat(javaAddresses(rt)).isEqualTo(ipAddresses(n));

            JsonNode va = Ip.jsonIn(n, "addr", "show", "dev", "va").get(0).get("addr_info");
            List<Address> mine = rt.addresses().ofDevice("va");
            for (JsonNode j : va) {
                Address a = mine.stream().filter(x -> x.prefix().address().getHostAddress()
                        .equals(java.net.InetAddress.ofLiteral(j.get("local").asText()).getHostAddress()))
                        .findFirst().orElseThrow();
                if (j.has("broadcast")) {
                    assertThat(a.broadcast().orElseThrow().getHostAddress()).isEqualTo(j.get("broadcast").asText());
                }
                if (j.has("address")) {
                    assertThat(a.peer().orElseThrow().getHostAddress()).isEqualTo(j.get("address").asText());
                }
                long valid = j.get("valid_life_time").asLong();
                assertThat(a.validLifetime()).isEqualTo(valid == 4294967295L ? -1 : a.validLifetime());
                if (valid != 4294967295L) {
                    assertThat(a.validLifetime()).isBetween(valid - 2, valid + 2);
                    assertThat(a.preferredLifetime()).isBetween(j.get("preferred_life_time").asLong() - 2,
                            j.get("preferred_life_time").asLong() + 2);
                }
                assertThat(a.has(AddressFlag.NOPREFIXROUTE)).isEqualTo(j.has("noprefixroute"));
                assertThat(a.has(AddressFlag.NODAD)).isEqualTo(j.has("nodad"));
            }
            // no route for the noprefixroute prefix, one for the other
            String routes = Ip.in(n, "-6", "route", "show");
            assertThat(routes).contains("fd42:6e73::/64").doesNotContain("fd42:6e73:1::/64");
        }
    }

    @Test
    void ipv4MappedIpv6RoutesDecodeAsIpv6() {
        NetworkNamespace ns = temp.create("mapped");
        String n = ns.name().orElseThrow();
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.veth("va", "vb").up());
            Ip.in(n, "-6", "route", "add", "::ffff:198.18.0.0/112", "dev", "va");
            Route r = rt.routes().list(Family.INET6, 254).stream()
                    .filter(x -> x.destination().prefixLength() == 112).findFirst().orElseThrow();
            assertThat(r.destination().address()).isInstanceOf(java.net.Inet6Address.class);
            assertThat(r.destination().toString())
                    .isEqualTo(Ip.jsonIn(n, "-6", "route", "show", "dev", "va").get(0).get("dst").asText());
        }
    }

    @Test
    void deleteAndItsErrors() {
        NetworkNamespace ns = temp.create("addrdel");
        String n = ns.name().orElseThrow();
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.veth("va", "vb"));
            rt.addresses().add("va", "198.18.0.1/24");
            assertThatThrownBy(() -> rt.addresses().add("va", "198.18.0.1/24")).isInstanceOf(NetlinkException.class)
                    .satisfies(e -> assertThat(((NetlinkException) e).errno()).isEqualTo(Errno.EEXIST));
            // replace updates an existing address in place: for IPv4 the kernel changes its lifetimes
            rt.addresses().replace(AddressSpec.of("198.18.0.1/24", "va").lifetimes(600, 300));
            JsonNode replaced = Ip.jsonIn(n, "addr", "show", "dev", "va").get(0).get("addr_info").get(0);
            assertThat(replaced.get("valid_life_time").asLong()).isBetween(590L, 600L);
            assertThat(rt.addresses().ofDevice("va")).hasSize(1).first().satisfies(a -> {
                assertThat(a.validLifetime()).isBetween(590L, 600L);
                assertThat(a.preferredLifetime()).isBetween(290L, 300L);
            });
            rt.addresses().del("va", "198.18.0.1/24");
            assertThat(ipAddresses(n)).noneMatch(s -> s.contains("198.18.0.1"));
            assertThatThrownBy(() -> rt.addresses().del("va", "198.18.0.1/24")).isInstanceOf(NetlinkException.class)
                    .satisfies(e -> assertThat(((NetlinkException) e).errno()).isEqualTo(Errno.EADDRNOTAVAIL));
            assertThatThrownBy(() -> rt.addresses().add("nodev0", "198.18.0.1/24")).isInstanceOf(NetlinkException.class)
                    .satisfies(e -> assertThat(((NetlinkException) e).errno()).isEqualTo(Errno.ENODEV));
        }
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> AddressSpec.of("198.18.0.1/33", "va")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..32");
        assertThatThrownBy(() -> AddressSpec.of("fd42:6e73::1/129", "va")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressSpec.of("198.18.0.1/24", "va").peer("fd42:6e73::2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("family");
        assertThatThrownBy(() -> AddressSpec.of("fd42:6e73::1/64", "va").broadcast("198.18.0.255"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressSpec.of("example.com/24", "va")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> AddressSpec.of("198.18.0.1/24", "much-too-long-name"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpPrefix.parse("198.18.0.1/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpPrefix.parse("198.18.0.1/-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefixesPrintAndParseAsIpDoes() {
        assertThat(IpPrefix.parse("198.18.0.1/24").toString()).isEqualTo("198.18.0.1/24");
        assertThat(IpPrefix.parse("198.18.0.1/24").network().toString()).isEqualTo("198.18.0.0/24");
        assertThat(IpPrefix.parse("198.18.0.1").toString()).isEqualTo("198.18.0.1");
        assertThat(IpPrefix.parse("fd42:6e73:0:0:0:0:0:1/64").toString()).isEqualTo("fd42:6e73::1/64");
        assertThat(IpPrefix.parse("default").isDefault()).isTrue();
        // RFC 5952 text, as inet_ntop and ip print it; Python's ipaddress is the independent oracle
        java.util.Random random = new java.util.Random(42);
        List<String> full = new ArrayList<>(List.of("fd42:6e73:0:0:0:0:0:0", "0:0:0:0:0:0:0:1",
                "fd42:0:0:1:0:0:0:1", "fd42:6e73:1:0:0:1:0:0"));
        for (int i = 0; i < 300; i++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 8; w++) {
                sb.append(w == 0 ? "" : ":").append(random.nextInt(3) == 0 ? Integer.toHexString(random.nextInt(65536)) : "0");
            }
            full.add(sb.toString());
        }
        String script = "import ipaddress,sys\nfor l in sys.stdin.read().split():\n    print(ipaddress.ip_address(l).compressed)";
        List<String> expected;
        try {
            Process p = new ProcessBuilder("python3", "-c", script).start();
            p.getOutputStream().write(String.join("\n", full).getBytes());
            p.getOutputStream().close();
            expected = new String(p.getInputStream().readAllBytes()).lines().toList();
            assertThat(p.waitFor()).isZero();
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(expected).hasSameSizeAs(full);
        for (int i = 0; i < full.size(); i++) {
            String mine = io.netns.netlink.internal.IpText.format(java.net.InetAddress.ofLiteral(full.get(i)));
            // python writes ::ffff:c612:1, inet_ntop (and ip) the mapped form ::ffff:198.18.0.1
            if (!expected.get(i).startsWith("::ffff:")) {
                assertThat(mine).as(full.get(i)).isEqualTo(expected.get(i));
            }
        }
    }
}
