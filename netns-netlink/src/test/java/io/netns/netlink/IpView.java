// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.wire.Iff;
import io.netns.testing.Ip;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** Reads iproute2's JSON (the oracle) in the terms of this library's value types. */
public final class IpView {
    private IpView() {
    }

    private static final Map<String, Integer> FLAG_BITS = Map.ofEntries(
            Map.entry("UP", Iff.IFF_UP), Map.entry("BROADCAST", Iff.IFF_BROADCAST),
            Map.entry("DEBUG", Iff.IFF_DEBUG), Map.entry("LOOPBACK", Iff.IFF_LOOPBACK),
            Map.entry("POINTOPOINT", Iff.IFF_POINTOPOINT), Map.entry("NOTRAILERS", Iff.IFF_NOTRAILERS),
            Map.entry("RUNNING", Iff.IFF_RUNNING), Map.entry("NOARP", Iff.IFF_NOARP),
            Map.entry("PROMISC", Iff.IFF_PROMISC), Map.entry("ALLMULTI", Iff.IFF_ALLMULTI),
            Map.entry("MASTER", Iff.IFF_MASTER), Map.entry("SLAVE", Iff.IFF_SLAVE),
            Map.entry("MULTICAST", Iff.IFF_MULTICAST), Map.entry("PORTSEL", Iff.IFF_PORTSEL),
            Map.entry("AUTOMEDIA", Iff.IFF_AUTOMEDIA), Map.entry("DYNAMIC", Iff.IFF_DYNAMIC),
            Map.entry("LOWER_UP", Iff.IFF_LOWER_UP), Map.entry("DORMANT", Iff.IFF_DORMANT),
            Map.entry("ECHO", Iff.IFF_ECHO));

    /** ip's names of the routing tables it names (rt_tables). */
    public static final Map<String, Long> TABLES = Map.of("default", 253L, "main", 254L, "local", 255L, "unspec", 0L);

    /** ip's names of the route protocols (/etc/iproute2/rt_protos). */
    public static final Map<String, Integer> PROTOCOLS = Map.ofEntries(Map.entry("unspec", 0),
            Map.entry("redirect", 1), Map.entry("kernel", 2), Map.entry("boot", 3), Map.entry("static", 4),
            Map.entry("gated", 8), Map.entry("ra", 9), Map.entry("mrt", 10), Map.entry("zebra", 11),
            Map.entry("bird", 12), Map.entry("dnrouted", 13), Map.entry("xorp", 14), Map.entry("ntk", 15),
            Map.entry("dhcp", 16), Map.entry("keepalived", 18), Map.entry("babel", 42), Map.entry("openr", 99),
            Map.entry("bgp", 186), Map.entry("isis", 187), Map.entry("ospf", 188), Map.entry("rip", 189),
            Map.entry("eigrp", 192));

    /** The IFF_ bits of ip's "flags" list (its pseudo flags NO-CARRIER and M-DOWN ignored). */
    public static int flagBits(JsonNode flags) {
        int bits = 0;
        for (JsonNode f : flags) {
            Integer b = FLAG_BITS.get(f.asText());
            if (b != null) {
                bits |= b;
            }
        }
        return bits;
    }

    /** The flag bits ip shows (RUNNING and others are not printed by ip). */
    public static int shownBits(int flags) {
        int mask = 0;
        for (int b : FLAG_BITS.values()) {
            mask |= b;
        }
        return flags & mask & ~Iff.IFF_RUNNING;
    }

    /** {@code ip -j -d link show} of a namespace, by ifindex. */
    public static Map<Integer, JsonNode> links(String ns) {
        Map<Integer, JsonNode> byIndex = new HashMap<>();
        for (JsonNode l : Ip.jsonIn(ns, "-d", "link", "show")) {
            byIndex.put(l.get("ifindex").asInt(), l);
        }
        return byIndex;
    }

    /** ifindex to name, as {@code ip -j link show} reports them. */
    public static Map<Integer, String> devs(String ns) {
        Map<Integer, String> m = new HashMap<>();
        Ip.jsonIn(ns, "link", "show").forEach(l -> m.put(l.get("ifindex").asInt(), l.get("ifname").asText()));
        return m;
    }

    /** ip's link_type name of an ARPHRD number, for the types tests create. */
    public static String linkType(int arphrd) {
        return switch (arphrd) {
            case 1 -> "ether";
            case 772 -> "loopback";
            case 65534 -> "none";
            default -> "[" + arphrd + "]";
        };
    }

    /** A field's text, null when ip left it out or wrote null. */
    public static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** An address literal in Java's spelling, so that ip's text and a decoded address compare. */
    public static String addr(String literal) {
        return InetAddress.ofLiteral(literal).getHostAddress();
    }

    /** A decoded address in the same spelling as {@link #addr(String)}. */
    public static String addr(InetAddress a) {
        return a.getHostAddress();
    }

    /** The number behind ip's name for it ({@code names}), or the number ip printed; {@code absent} if none. */
    public static int number(Map<String, Integer> names, String text, int absent) {
        if (text == null) {
            return absent;
        }
        Integer n = names.get(text);
        return n != null ? n : Integer.parseInt(text);
    }

    /** A table ip names or numbers; no table is main (254). */
    public static long table(String text) {
        if (text == null) {
            return 254;
        }
        Long n = TABLES.get(text);
        return n != null ? n : Long.parseLong(text);
    }
}
