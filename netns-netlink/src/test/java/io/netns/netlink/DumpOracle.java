// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.rule.Rule;
import io.netns.netlink.route.NextHop;
import io.netns.netlink.link.kind.Vxlan;
import io.netns.netlink.nsid.Nsids;
import io.netns.netlink.link.kind.Bridge;
import io.netns.netlink.route.Route;
import io.netns.netlink.address.Address;
import io.netns.netlink.link.kind.Macvlan;
import io.netns.netlink.link.Link;
import io.netns.netlink.neighbour.Neighbour;
import io.netns.netlink.DumpCapture.Dump;
import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.Nlmsg;
import io.netns.testing.Ip;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Test helper: one canonical line per dumped object, computed two independent ways so they can be
 * compared: from what iproute2 prints ({@code ip -j -d ...}, the oracle, run at capture time) and
 * from what our decoders make of the kernel's bytes. Only fields that do not change on their own
 * are in the line (no counters, flags, operstate or lifetimes), so a dump and an {@code ip} run a
 * moment apart agree.
 */
final class DumpOracle {
    private DumpOracle() {
    }

    // ================================================================== shared vocabulary

    private static final Map<String, Integer> SCOPES = Map.of("global", 0, "universe", 0, "site", 200, "link", 253,
            "host", 254, "nowhere", 255);
    private static final Map<String, Integer> TABLES = Map.of("default", 253, "main", 254, "local", 255,
            "unspec", 0);
    private static final Map<String, Integer> PROTOCOLS = Map.ofEntries(Map.entry("unspec", 0),
            Map.entry("redirect", 1), Map.entry("kernel", 2), Map.entry("boot", 3), Map.entry("static", 4),
            Map.entry("ra", 9), Map.entry("dhcp", 16));
    private static final Map<String, Integer> ROUTE_TYPES = Map.ofEntries(Map.entry("unspec", 0),
            Map.entry("none", 0), Map.entry("unicast", 1), Map.entry("local", 2), Map.entry("broadcast", 3),
            Map.entry("anycast", 4), Map.entry("multicast", 5), Map.entry("blackhole", 6),
            Map.entry("unreachable", 7), Map.entry("prohibit", 8), Map.entry("throw", 9), Map.entry("nat", 10));
    private static final Map<String, Integer> NUD = Map.of("INCOMPLETE", 0x01, "REACHABLE", 0x02, "STALE", 0x04,
            "DELAY", 0x08, "PROBE", 0x10, "FAILED", 0x20, "NOARP", 0x40, "PERMANENT", 0x80, "NONE", 0);

    private static int named(Map<String, Integer> names, String text) {
        Integer n = names.get(text);
        return n != null ? n : Integer.parseInt(text);
    }

    /** An address as Java spells it in full (never through {@link Addresses}, which is under test). */
    static String addr(InetAddress a) {
        return a.getHostAddress();
    }

    static String addr(String literal) {
        return InetAddress.ofLiteral(literal).getHostAddress();
    }

    private static String prefix(InetAddress a, int len) {
        int max = a instanceof Inet4Address ? 32 : 128;
        return len == 0 ? "default" : len == max ? addr(a) : addr(a) + "/" + len;
    }

    private static String prefix(IpPrefix p) {
        return prefix(p.address(), p.prefixLength());
    }

    private static String ipPrefix(String text, JsonNode len) {
        if (text.equals("default") || text.equals("all")) {
            return "default";
        }
        int slash = text.indexOf('/');
        InetAddress a = InetAddress.ofLiteral(slash < 0 ? text : text.substring(0, slash));
        int max = a instanceof Inet4Address ? 32 : 128;
        int l = slash >= 0 ? Integer.parseInt(text.substring(slash + 1)) : len != null && !len.isMissingNode()
                ? len.asInt() : max;
        return prefix(a, l);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "-" : v.asText();
    }

    private static String orDash(Optional<?> o) {
        return o.map(String::valueOf).orElse("-");
    }

    private static String orDash(OptionalInt o) {
        return o.isPresent() ? Integer.toString(o.getAsInt()) : "-";
    }

    private static String name(Map<Integer, String> names, int index) {
        return names.getOrDefault(index, "if" + index);
    }

    // ================================================================== the oracle: ip

    /** ifindex → ifname of a namespace, as ip reports them. */
    static Map<Integer, String> ifnames(String ns) {
        Map<Integer, String> m = new TreeMap<>();
        Ip.jsonIn(ns, "link", "show").forEach(l -> m.put(l.get("ifindex").asInt(), l.get("ifname").asText()));
        return m;
    }

    /** The canonical lines for {@code dump} of namespace {@code ns}, from ip's JSON. */
    static List<String> fromIp(String ns, Dump dump) {
        List<String> out = new ArrayList<>();
        switch (dump) {
            case LINKS -> Ip.jsonIn(ns, "-d", "link", "show").forEach(l -> out.add(ipLink(l)));
            case ADDRESSES -> Ip.jsonIn(ns, "addr", "show").forEach(l -> l.path("addr_info").forEach(
                    a -> out.add(ipAddress(l.get("ifindex").asInt(), a))));
            case ROUTES -> {
                Ip.jsonIn(ns, "-4", "-d", "route", "show", "table", "all").forEach(r -> out.add(ipRoute("inet", r)));
                Ip.jsonIn(ns, "-6", "-d", "route", "show", "table", "all").forEach(r -> out.add(ipRoute("inet6", r)));
            }
            case NEIGHBOURS -> {
                Ip.jsonIn(ns, "-4", "neigh", "show", "nud", "all").forEach(n -> out.add(ipNeighbour("inet", n)));
                Ip.jsonIn(ns, "-6", "neigh", "show", "nud", "all").forEach(n -> out.add(ipNeighbour("inet6", n)));
            }
            case RULES -> {
                Ip.jsonIn(ns, "-4", "rule", "show").forEach(r -> out.add(ipRule("inet", r)));
                Ip.jsonIn(ns, "-6", "rule", "show").forEach(r -> out.add(ipRule("inet6", r)));
            }
            case NSIDS -> Ip.jsonIn(ns, "netns", "list-id").forEach(n -> out.add("nsid=" + n.get("nsid").asInt()));
        }
        Collections.sort(out);
        return out;
    }

    private static String ipLink(JsonNode l) {
        JsonNode info = l.path("linkinfo");
        String kind = info.has("info_kind") ? info.get("info_kind").asText() : "-";
        String group = text(l, "group");
        StringBuilder sb = new StringBuilder();
        sb.append(l.get("ifindex").asInt()).append(' ').append(l.get("ifname").asText())
                .append(" mtu=").append(l.get("mtu").asInt())
                .append(" kind=").append(kind)
                .append(" master=").append(text(l, "master"))
                .append(" group=").append(group.equals("default") ? "0" : group)
                .append(" txqlen=").append(l.has("txqlen") ? l.get("txqlen").asInt() : 0)
                .append(" addr=").append(text(l, "address"))
                .append(" alias=").append(text(l, "ifalias"))
                .append(" netnsid=").append(text(l, "link_netnsid"));
        JsonNode d = info.path("info_data");
        switch (kind) {
            case "vxlan" -> sb.append(" vni=").append(d.path("id").asInt())
                    .append(" port=").append(d.path("port").asInt())
                    .append(" local=").append(ipAddrOf(d, "local", "local6"))
                    .append(" remote=").append(ipAddrOf(d, "remote", "remote6", "group", "group6"))
                    .append(" dev=").append(text(d, "link"))
                    .append(" learning=").append(d.path("learning").asBoolean());
            case "macvlan", "macvtap" -> sb.append(" mode=").append(text(d, "mode"));
            case "bridge" -> sb.append(" stp=").append(d.path("stp_state").asInt())
                    .append(" fwd=").append(d.path("forward_delay").asInt())
                    .append(" vlanf=").append(d.path("vlan_filtering").asInt() != 0);
            default -> {
            }
        }
        return sb.toString();
    }

    private static String ipAddrOf(JsonNode d, String... fields) {
        for (String f : fields) {
            if (d.has(f)) {
                return addr(d.get(f).asText());
            }
        }
        return "-";
    }

    private static String ipAddress(int ifindex, JsonNode a) {
        String scope = text(a, "scope");
        return ifindex + " " + a.get("family").asText() + " " + addr(a.get("local").asText()) + "/"
                + a.get("prefixlen").asInt() + " scope=" + named(SCOPES, scope) + " label=" + text(a, "label")
                + " brd=" + (a.has("broadcast") ? addr(a.get("broadcast").asText()) : "-")
                + " peer=" + (a.has("address") ? addr(a.get("address").asText()) : "-");
    }

    private static String ipRoute(String family, JsonNode r) {
        StringBuilder sb = new StringBuilder();
        sb.append(family).append(' ').append(ipPrefix(r.get("dst").asText(), null))
                .append(" type=").append(named(ROUTE_TYPES, r.has("type") ? r.get("type").asText() : "unicast"))
                .append(" table=").append(named(TABLES, r.has("table") ? r.get("table").asText() : "main"))
                .append(" proto=").append(named(PROTOCOLS, r.has("protocol") ? r.get("protocol").asText() : "unspec"))
                .append(" scope=").append(named(SCOPES, r.has("scope") ? r.get("scope").asText() : "global"))
                .append(" dev=").append(text(r, "dev"))
                .append(" gw=").append(r.has("gateway") ? addr(r.get("gateway").asText()) : "-")
                .append(" metric=").append(text(r, "metric"))
                .append(" prefsrc=").append(r.has("prefsrc") ? addr(r.get("prefsrc").asText()) : "-");
        String mtu = "-";
        for (JsonNode m : r.path("metrics")) {
            if (m.has("mtu")) {
                mtu = m.get("mtu").asText();
            }
        }
        sb.append(" mtu=").append(mtu).append(" nh=[");
        for (JsonNode nh : r.path("nexthops")) {
            sb.append(nh.has("gateway") ? addr(nh.get("gateway").asText()) : "-").append('@').append(text(nh, "dev"))
                    .append('*').append(nh.path("weight").asInt(1)).append(' ');
        }
        return sb.append(']').toString();
    }

    private static String ipNeighbour(String family, JsonNode n) {
        int state = 0;
        for (JsonNode s : n.path("state")) {
            state |= NUD.getOrDefault(s.asText(), 0);
        }
        return family + " " + addr(n.get("dst").asText()) + " dev=" + text(n, "dev") + " lladdr=" + text(n, "lladdr")
                + " state=" + state;
    }

    private static String ipRule(String family, JsonNode r) {
        String src = r.has("src") ? ipPrefix(r.get("src").asText(), r.path("srclen")) : "-";
        String dst = r.has("dst") ? ipPrefix(r.get("dst").asText(), r.path("dstlen")) : "-";
        String fw = "-";
        if (r.has("fwmark") || r.has("fwmask")) {
            fw = Long.decode(r.has("fwmark") ? r.get("fwmark").asText() : "0") + "/"
                    + Long.decode(r.has("fwmask") ? r.get("fwmask").asText() : "0xffffffff");
        }
        int action = r.has("action") ? named(ROUTE_TYPES, r.get("action").asText()) : 1;
        return family + " prio=" + r.path("priority").asInt() + " from=" + (src.equals("default") ? "-" : src)
                + " to=" + (dst.equals("default") ? "-" : dst)
                + " table=" + (r.has("table") ? named(TABLES, r.get("table").asText()) : 0)
                + " action=" + action + " fwmark=" + fw + " iif=" + text(r, "iif") + " oif=" + text(r, "oif")
                + " not=" + r.has("not");
    }

    // ================================================================== ours: the decoders

    /**
     * Decodes the datagrams of one dump with the decoder for its message type. Every message must be
     * of that type, up to the NLMSG_DONE of the last datagram.
     */
    static <T> List<T> decode(Dump dump, List<byte[]> datagrams, Function<MessageReader, T> decoder) {
        List<T> out = new ArrayList<>();
        boolean done = false;
        for (byte[] d : datagrams) {
            if (done) {
                throw new AssertionError("datagram after NLMSG_DONE");
            }
            MessageReader r = new MessageReader(MemorySegment.ofArray(d), d.length);
            while (r.next()) {
                if (r.type() == Nlmsg.NLMSG_DONE) {
                    done = true;
                } else if (r.type() == dump.messageType) {
                    if (!isMulticastRouting(r)) {
                        out.add(decoder.apply(r));
                    }
                } else {
                    throw new AssertionError(dump + ": unexpected message type " + r.type());
                }
            }
        }
        if (!done) {
            throw new AssertionError(dump + ": no NLMSG_DONE");
        }
        return out;
    }

    /** RTNL_FAMILY_IPMR and RTNL_FAMILY_IP6MR: multicast-routing rules in an AF_UNSPEC dump. */
    static final int IPMR = 128;
    static final int IP6MR = 129;

    /**
     * Whether the message is of the multicast-routing families (an AF_UNSPEC rule dump holds their
     * default rules). {@code ip -4/-6 rule} does not show them, so the comparison leaves them out;
     * whether they decode at all is checked separately.
     */
    static boolean isMulticastRouting(MessageReader r) {
        if (r.length() <= MessageReader.HEADER) {
            return false;
        }
        int family = Byte.toUnsignedInt(r.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, r.payload()));
        return (r.type() == 32 || r.type() == 24) && (family == IPMR || family == IP6MR);
    }

    /** The canonical lines our decoders give for {@code datagrams} of {@code dump}. */
    static List<String> fromDecoded(Dump dump, List<byte[]> datagrams, Map<Integer, String> names) {
        List<String> out = new ArrayList<>();
        switch (dump) {
            case LINKS -> decode(dump, datagrams, Link::decode).forEach(l -> out.add(link(l, names)));
            case ADDRESSES -> decode(dump, datagrams, Address::decode).forEach(a -> out.add(address(a)));
            case ROUTES -> decode(dump, datagrams, Route::decode).forEach(r -> out.add(route(r, names)));
            case NEIGHBOURS -> decode(dump, datagrams, Neighbour::decode).forEach(n -> out.add(neighbour(n, names)));
            case RULES -> decode(dump, datagrams, Rule::decode).forEach(r -> out.add(rule(r)));
            case NSIDS -> decode(dump, datagrams, Nsids::decode).forEach(n -> out.add("nsid=" + n));
        }
        Collections.sort(out);
        return out;
    }

    private static String family(Family f) {
        return f.toString();
    }

    static String link(Link l, Map<Integer, String> names) {
        StringBuilder sb = new StringBuilder();
        sb.append(l.index()).append(' ').append(l.name())
                .append(" mtu=").append(l.mtu())
                .append(" kind=").append(l.kind().orElse("-"))
                .append(" master=").append(l.master().isPresent() ? name(names, l.master().getAsInt()) : "-")
                .append(" group=").append(l.group())
                .append(" txqlen=").append(l.txQueueLength())
                .append(" addr=").append(orDash(l.address()))
                .append(" alias=").append(l.alias().orElse("-"))
                .append(" netnsid=").append(orDash(l.linkNetnsId()));
        switch (l.details().orElse(null)) {
            case Vxlan v -> sb.append(" vni=").append(v.vni())
                    .append(" port=").append(v.port().orElse(-1))
                    .append(" local=").append(v.local().map(DumpOracle::addr).orElse("-"))
                    .append(" remote=").append(v.remote().map(DumpOracle::addr).orElse("-"))
                    .append(" dev=").append(v.link().isEmpty() ? "-" : name(names, v.link().getAsInt()))
                    .append(" learning=").append(v.learning());
            case Macvlan m -> sb.append(" mode=").append(m.mode());
            case Bridge b -> sb.append(" stp=").append(b.stpState().orElse(-1))
                    .append(" fwd=").append(b.forwardDelay().orElse(-1))
                    .append(" vlanf=").append(b.vlanFiltering().orElse(false));
            case null, default -> {
            }
        }
        return sb.toString();
    }

    static String address(Address a) {
        InetAddress local = a.local().or(a::address).orElseThrow();
        Optional<InetAddress> peer = a.local().isPresent() && a.address().isPresent()
                && !a.local().get().equals(a.address().get()) ? a.address() : Optional.empty();
        return a.index() + " " + family(a.family()) + " " + addr(local) + "/" + a.prefixLength() + " scope="
                + a.scope().number() + " label=" + a.label().orElse("-") + " brd=" + a.broadcast().map(DumpOracle::addr)
                .orElse("-") + " peer=" + peer.map(DumpOracle::addr).orElse("-");
    }

    static String route(Route r, Map<Integer, String> names) {
        StringBuilder sb = new StringBuilder();
        sb.append(family(r.family())).append(' ').append(prefix(r.destination()))
                .append(" type=").append(r.type().number())
                .append(" table=").append(r.table())
                .append(" proto=").append(r.protocol().number())
                .append(" scope=").append(r.scope().number())
                .append(" dev=").append(r.outputInterface().isPresent()
                        ? name(names, r.outputInterface().getAsInt()) : "-")
                .append(" gw=").append(r.gateway().map(DumpOracle::addr).orElse("-"))
                .append(" metric=").append(r.priority().isPresent() ? Long.toString(r.priority().getAsLong()) : "-")
                .append(" prefsrc=").append(r.preferredSource().map(DumpOracle::addr).orElse("-"))
                .append(" mtu=").append(orDash(r.mtu()))
                .append(" nh=[");
        for (NextHop nh : r.nextHops()) {
            sb.append(nh.gateway().map(DumpOracle::addr).orElse("-")).append('@')
                    .append(nh.interfaceIndex() == 0 ? "-" : name(names, nh.interfaceIndex())).append('*')
                    .append(nh.weight()).append(' ');
        }
        return sb.append(']').toString();
    }

    static String neighbour(Neighbour n, Map<Integer, String> names) {
        return family(n.family()) + " " + n.destination().map(DumpOracle::addr).orElse("-") + " dev=" + name(names, n.index()) + " lladdr="
                + orDash(n.linkAddress()) + " state=" + n.state().number();
    }

    static String rule(Rule r) {
        String fw = "-";
        if (r.fwmark().isPresent() || r.fwmask().isPresent()) {
            fw = Integer.toUnsignedLong(r.fwmark().orElse(0)) + "/" + Integer.toUnsignedLong(r.fwmask().orElse(-1));
        }
        return family(r.family()) + " prio=" + r.priority().orElse(0)
                + " from=" + r.source().map(DumpOracle::prefix).orElse("-")
                + " to=" + r.destination().map(DumpOracle::prefix).orElse("-")
                + " table=" + r.table() + " action=" + r.action() + " fwmark=" + fw
                + " iif=" + r.inputInterface().orElse("-") + " oif=" + r.outputInterface().orElse("-")
                + " not=" + ((r.flags() & 2) != 0);
    }

    /** The inverse of {@link #ifnames}'s map, for lookups by name. */
    static Map<String, Integer> indexes(Map<Integer, String> names) {
        Map<String, Integer> m = new HashMap<>();
        names.forEach((k, v) -> m.put(v, k));
        return m;
    }
}
