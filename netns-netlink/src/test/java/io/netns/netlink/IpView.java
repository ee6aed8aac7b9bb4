package io.netns.netlink;

import io.netns.netlink.wire.Iff;
import io.netns.testing.Ip;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** Reads iproute2's JSON (the oracle) in the terms of this library's value types. */
final class IpView {
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

    /** The IFF_ bits of ip's "flags" list (its pseudo flags NO-CARRIER and M-DOWN ignored). */
    static int flagBits(JsonNode flags) {
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
    static int shownBits(int flags) {
        int mask = 0;
        for (int b : FLAG_BITS.values()) {
            mask |= b;
        }
        return flags & mask & ~Iff.IFF_RUNNING;
    }

    /** {@code ip -j -d link show} of a namespace, by ifindex. */
    static Map<Integer, JsonNode> links(String ns) {
        Map<Integer, JsonNode> byIndex = new HashMap<>();
        for (JsonNode l : Ip.jsonIn(ns, "-d", "link", "show")) {
            byIndex.put(l.get("ifindex").asInt(), l);
        }
        return byIndex;
    }

    /** ip's link_type name of an ARPHRD number, for the types tests create. */
    static String linkType(int arphrd) {
        return switch (arphrd) {
            case 1 -> "ether";
            case 772 -> "loopback";
            case 65534 -> "none";
            default -> "[" + arphrd + "]";
        };
    }
}
