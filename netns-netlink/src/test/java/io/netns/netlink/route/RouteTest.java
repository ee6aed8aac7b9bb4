// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.route;

import io.netns.netlink.Batch;
import io.netns.netlink.BatchResult;
import io.netns.netlink.Family;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.IpDifferential;
import io.netns.netlink.IpDifferential.Listing;
import io.netns.netlink.IpDifferential.Step;
import io.netns.netlink.IpDifferential.Twins;
import io.netns.netlink.IpView;
import io.netns.netlink.NetlinkException;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.Scope;
import io.netns.netlink.TestTopology;
import io.netns.netlink.link.LinkSpec;
import io.netns.Errno;
import io.netns.NetworkNamespace;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.netns.netlink.IpDifferential.agree;
import static io.netns.netlink.IpDifferential.args;
import static io.netns.netlink.IpDifferential.assertSameFailure;
import static io.netns.netlink.IpDifferential.ipRun;
import static io.netns.netlink.IpView.PROTOCOLS;
import static io.netns.netlink.IpView.addr;
import static io.netns.netlink.IpView.devs;
import static io.netns.netlink.IpView.number;
import static io.netns.netlink.IpView.table;
import static io.netns.netlink.IpView.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Routes against the real kernel, each test in fresh namespaces, checked against {@code ip -j -d route}
 * run in the same namespace.
 */
@PrivilegedTest
class RouteTest {
    static final int ESRCH = 3;
    static final int EEXIST = 17;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ENETUNREACH = 101;
    static final int EHOSTUNREACH = 113;

    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    // ------------------------------------------------------------------ setup

    /** ip's arguments and the same route as a spec: created once by ip, once by Java, they must agree. */
    record Pair(String ip, RouteSpec java) {
    }

    static final List<Pair> ROUTES = List.of(
            new Pair("route add 198.18.5.0/24 via 198.18.0.2",
                    RouteSpec.to("198.18.5.0/24").via("198.18.0.2")),
            new Pair("route add 198.18.6.0/24 via 198.18.0.2 dev va src 198.18.0.1 metric 7 proto static",
                    RouteSpec.to("198.18.6.0/24").via("198.18.0.2").dev("va").src("198.18.0.1").metric(7)
                            .protocol(RouteProtocol.STATIC)),
            new Pair("route add 198.18.7.0/24 dev va scope link table 100",
                    RouteSpec.to("198.18.7.0/24").dev("va").scope(Scope.LINK).table(100)),
            new Pair("route add 198.18.8.0/24 via 198.18.0.2 table 1000 proto 42",
                    RouteSpec.to("198.18.8.0/24").via("198.18.0.2").table(1000).protocol(RouteProtocol.BABEL)),
            new Pair("route add blackhole 198.18.9.0/24",
                    RouteSpec.to("198.18.9.0/24").type(RouteType.BLACKHOLE)),
            new Pair("route add unreachable 198.18.10.0/24 metric 3",
                    RouteSpec.to("198.18.10.0/24").type(RouteType.UNREACHABLE).metric(3)),
            new Pair("route add prohibit 198.18.11.0/24 table 100",
                    RouteSpec.to("198.18.11.0/24").type(RouteType.PROHIBIT).table(100)),
            new Pair("route add 198.18.12.0/24 via 198.18.99.1 dev va onlink",
                    RouteSpec.to("198.18.12.0/24").via("198.18.99.1").dev("va").onlink()),
            new Pair("route add 198.18.13.0/24 via 198.18.0.2 mtu 1300",
                    RouteSpec.to("198.18.13.0/24").via("198.18.0.2").mtu(1300)),
            new Pair("route add 198.18.14.0/24 nexthop via 198.18.0.2 dev va weight 3 nexthop via 198.18.0.3 dev va weight 5",
                    RouteSpec.to("198.18.14.0/24").nextHop("198.18.0.2", "va", 3).nextHop("198.18.0.3", "va", 5)),
            new Pair("route add default via 198.18.0.254 metric 3000000000",
                    RouteSpec.defaultRoute().via("198.18.0.254").metric(3_000_000_000L)),
            new Pair("route add 198.18.15.7/32 dev va",
                    RouteSpec.to("198.18.15.7/32").dev("va")),
            new Pair("route add 198.18.16.0/24 dev va scope host",
                    RouteSpec.to("198.18.16.0/24").dev("va").scope(Scope.HOST)),
            new Pair("route add 198.18.17.0/24 via 198.18.0.2 table 253",
                    RouteSpec.to("198.18.17.0/24").via("198.18.0.2").table(253)),
            new Pair("-6 route add fd42:6e73:1::/64 via fd42:6e73::2",
                    RouteSpec.to("fd42:6e73:1::/64").via("fd42:6e73::2")),
            new Pair("-6 route add fd42:6e73:2::/64 dev va metric 55 proto static",
                    RouteSpec.to("fd42:6e73:2::/64").dev("va").metric(55).protocol(RouteProtocol.STATIC)),
            new Pair("-6 route add fd42:6e73:3::/64 nexthop via fd42:6e73::2 dev va weight 2 nexthop via fd42:6e73::3 dev va weight 4",
                    RouteSpec.to("fd42:6e73:3::/64").nextHop("fd42:6e73::2", "va", 2).nextHop("fd42:6e73::3", "va", 4)),
            new Pair("-6 route add blackhole fd42:6e73:4::/64",
                    RouteSpec.to("fd42:6e73:4::/64").type(RouteType.BLACKHOLE)),
            new Pair("-6 route add unreachable fd42:6e73:5::/64 table 1000",
                    RouteSpec.to("fd42:6e73:5::/64").type(RouteType.UNREACHABLE).table(1000)),
            new Pair("-6 route add fd42:6e73:6::/64 via fd42:6e73::2 mtu 1400",
                    RouteSpec.to("fd42:6e73:6::/64").via("fd42:6e73::2").mtu(1400)),
            new Pair("-6 route add fd42:6e73:7::/64 via fd42:6e73::2 table 100",
                    RouteSpec.to("fd42:6e73:7::/64").via("fd42:6e73::2").table(100)),
            new Pair("-6 route add default via fd42:6e73::fe",
                    RouteSpec.defaultRoute(Family.INET6).via("fd42:6e73::fe")),
            new Pair("-6 route add prohibit fd42:6e73:8::/64",
                    RouteSpec.to("fd42:6e73:8::/64").type(RouteType.PROHIBIT)),
            new Pair("-6 route add fd42:6e73:9::/64 via fd42:6e73:ff::1 dev va onlink",
                    RouteSpec.to("fd42:6e73:9::/64").via("fd42:6e73:ff::1").dev("va").onlink()));

    // ------------------------------------------------------------------ the oracle's view

    record Hop(String gateway, String dev, int weight, Set<String> flags) {
    }

    /** One route in a form both ip's JSON and a {@link Route} can be brought to. */
    record RouteView(Family family, int type, String dst, String gateway, String dev, long table, int protocol,
                     int scope, String prefsrc, Long metric, Integer mtu, Set<String> flags, List<Hop> nexthops) {
    }

    static final Map<String, Integer> TYPES = Map.ofEntries(Map.entry("unicast", 1), Map.entry("local", 2),
            Map.entry("broadcast", 3), Map.entry("anycast", 4), Map.entry("multicast", 5),
            Map.entry("blackhole", 6), Map.entry("unreachable", 7), Map.entry("prohibit", 8),
            Map.entry("throw", 9), Map.entry("nat", 10), Map.entry("xresolve", 11));
    static final Map<String, Integer> SCOPES = Map.of("global", 0, "universe", 0, "site", 200, "link", 253,
            "host", 254, "nowhere", 255);
    /** The rtm_flags / rtnh_flags bits ip prints, with its names (iproute.c print_rt_flags). */
    static final Map<Integer, String> FLAGS = Map.ofEntries(Map.entry(1, "dead"), Map.entry(2, "pervasive"),
            Map.entry(4, "onlink"), Map.entry(8, "offload"), Map.entry(16, "linkdown"), Map.entry(32, "unresolved"),
            Map.entry(64, "trap"), Map.entry(0x100, "notify"), Map.entry(0x4000, "rt_offload"),
            Map.entry(0x8000, "rt_trap"), Map.entry(0x20000, "rt_offload_failed"));

    /** ip's dst: "default", a bare address (host prefix) or address/len. */
    static String ipPrefix(String text, Family family) {
        if (text.equals("default")) {
            return (family == Family.INET6 ? addr("::") : addr("0.0.0.0")) + "/0";
        }
        int slash = text.indexOf('/');
        InetAddress a = InetAddress.ofLiteral(slash < 0 ? text : text.substring(0, slash));
        int len = slash < 0 ? a.getAddress().length * 8 : Integer.parseInt(text.substring(slash + 1));
        return a.getHostAddress() + "/" + len;
    }

    static String javaPrefix(IpPrefix p) {
        return p.address().getHostAddress() + "/" + p.prefixLength();
    }

    static Set<String> ipFlags(JsonNode flags) {
        Set<String> s = new TreeSet<>();
        if (flags != null) {
            flags.forEach(f -> s.add(f.asText()));
        }
        return s;
    }

    static Set<String> javaFlags(int flags) {
        Set<String> s = new TreeSet<>();
        FLAGS.forEach((bit, name) -> {
            if ((flags & bit) != 0) {
                s.add(name);
            }
        });
        return s;
    }

    /** One element of {@code ip -j [-d] route show}; absent fields take ip's defaults (no -d hides them). */
    static RouteView fromIp(JsonNode r, Family family) {
        return fromIp(r, family, 254);
    }

    /** As {@link #fromIp(JsonNode, Family)}; {@code ip route show table N} leaves out "table": N is the default. */
    static RouteView fromIp(JsonNode r, Family family, long defaultTable) {
        Integer mtu = null;
        for (JsonNode m : r.path("metrics")) {
            if (m.has("mtu")) {
                mtu = m.get("mtu").asInt();
            }
        }
        List<Hop> hops = new ArrayList<>();
        for (JsonNode h : r.path("nexthops")) {
            hops.add(new Hop(h.has("gateway") ? addr(h.get("gateway").asText()) : null, text(h, "dev"),
                    h.has("weight") ? h.get("weight").asInt() : 1, ipFlags(h.get("flags"))));
        }
        return new RouteView(family, number(TYPES, text(r, "type"), 1), ipPrefix(text(r, "dst"), family),
                r.has("gateway") ? addr(r.get("gateway").asText()) : null, text(r, "dev"),
                r.has("table") ? table(text(r, "table")) : defaultTable,
                number(PROTOCOLS, text(r, "protocol"), RouteProtocol.BOOT.number()), number(SCOPES, text(r, "scope"), 0),
                r.has("prefsrc") ? addr(r.get("prefsrc").asText()) : null,
                r.has("metric") ? r.get("metric").asLong() : null, mtu, ipFlags(r.get("flags")), hops);
    }

    static RouteView fromJava(Route r, Map<Integer, String> devs) {
        List<Hop> hops = r.nextHops().stream().map(h -> new Hop(h.gateway().map(IpView::addr).orElse(null),
                h.interfaceIndex() == 0 ? null : devs.getOrDefault(h.interfaceIndex(), "#" + h.interfaceIndex()),
                h.weight(), javaFlags(h.flags()))).toList();
        return new RouteView(r.family(), r.type().number(), javaPrefix(r.destination()),
                r.gateway().map(IpView::addr).orElse(null),
                r.outputInterface().isPresent()
                        ? devs.getOrDefault(r.outputInterface().getAsInt(), "#" + r.outputInterface().getAsInt()) : null,
                r.table(), r.protocol().number(), r.scope().number(),
                r.preferredSource().map(IpView::addr).orElse(null),
                r.priority().isPresent() ? r.priority().getAsLong() : null,
                r.mtu().isPresent() ? r.mtu().getAsInt() : null, javaFlags(r.flags()), hops);
    }

    static String[] concat(String[] a, String... b) {
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** {@code ip -j -n NS -4|-6 ARGS} as views. */
    static List<RouteView> ipRoutes(String ns, Family family, String... args) {
        List<String> a = List.of(args);
        int t = a.indexOf("table");
        long defaultTable = t >= 0 && !a.get(t + 1).equals("all") ? table(a.get(t + 1)) : 254;
        List<RouteView> out = new ArrayList<>();
        Ip.jsonIn(ns, concat(new String[]{family == Family.INET6 ? "-6" : "-4"}, args))
                .forEach(r -> out.add(fromIp(r, family, defaultTable)));
        return out;
    }

    static final int ENOENT = 2;

    /**
     * One table's listing against {@code ip route show table N}. Dumping a table that does not exist
     * fails in ip ("FIB table does not exist"): then Java's listing must fail with ENOENT too.
     */
    static void agreeTable(Rtnetlink rt, String ns, Family f, long table) {
        Ip.Result probe = ipRun(ns, "-j", f == Family.INET6 ? "-6" : "-4", "-d", "route", "show", "table",
                Long.toString(table));
        if (probe.exitCode() != 0) {
            assertThat(probe.stderr()).contains("FIB table does not exist");
            NetlinkException e = catchThrowableOfType(NetlinkException.class, () -> rt.routes().list(f, table));
            assertThat(e).as(f + " table " + table + " is absent; ip: " + probe.stderr()).isNotNull();
            assertThat(e.errno()).isEqualTo(ENOENT);
            NetlinkException s = catchThrowableOfType(NetlinkException.class, () -> {
                try (Stream<Route> st = rt.routes().stream(f, table)) {
                    st.count();
                }
            });
            assertThat(s).isNotNull();
            assertThat(s.errno()).isEqualTo(ENOENT);
            return;
        }
        agree(f + " table " + table, () -> javaRoutes(rt.routes().list(f, table), ns),
                () -> ipRoutes(ns, f, "-d", "route", "show", "table", Long.toString(table)));
    }

    static List<RouteView> javaRoutes(List<Route> routes, String ns) {
        Map<Integer, String> devs = devs(ns);
        return routes.stream().map(r -> fromJava(r, devs)).toList();
    }

    /** routes()/routes(family, table)/routeStream against ip's listings of the same namespace. */
    static void assertListingsAgree(Rtnetlink rt, String ns) {
        agree("ip -4 -d route show", () -> javaRoutes(rt.routes().list(), ns),
                () -> ipRoutes(ns, Family.INET, "-d", "route", "show"));
        agree("ip -4 -d route show table main", () -> javaRoutes(rt.routes().list(Family.INET, 254), ns),
                () -> ipRoutes(ns, Family.INET, "-d", "route", "show", "table", "main"));
        agree("ip -6 route show", () -> javaRoutes(rt.routes().list(Family.INET6, 254), ns),
                () -> ipRoutes(ns, Family.INET6, "route", "show"));
        for (Family f : List.of(Family.INET, Family.INET6)) {
            agree(f + " table all", () -> javaRoutes(rt.routes().list(f, 0), ns),
                    () -> ipRoutes(ns, f, "-d", "route", "show", "table", "all"));
            for (int table : List.of(100, 253, 255, 1000)) {
                agreeTable(rt, ns, f, table);
            }
            agree(f + " routeStream table all", () -> {
                try (Stream<Route> s = rt.routes().stream(f, 0)) {
                    return javaRoutes(s.toList(), ns);
                }
            }, () -> ipRoutes(ns, f, "-d", "route", "show", "table", "all"));
            agree(f + " routeStream table main", () -> {
                try (Stream<Route> s = rt.routes().stream(f, 254)) {
                    return javaRoutes(s.toList(), ns);
                }
            }, () -> ipRoutes(ns, f, "-d", "route", "show", "table", "main"));
        }
        agree("UNSPEC, every table", () -> javaRoutes(rt.routes().list(Family.UNSPEC, 0), ns), () -> {
            List<RouteView> both = new ArrayList<>(ipRoutes(ns, Family.INET, "-d", "route", "show", "table", "all"));
            both.addAll(ipRoutes(ns, Family.INET6, "-d", "route", "show", "table", "all"));
            return both;
        });
    }

    /** ip's listing of the routes that are not the kernel's own (address and autoconf routes). */
    static List<RouteView> ipNonKernelRoutes(String ns) {
        List<RouteView> all = new ArrayList<>(ipRoutes(ns, Family.INET, "-d", "route", "show", "table", "all"));
        all.addAll(ipRoutes(ns, Family.INET6, "-d", "route", "show", "table", "all"));
        return all.stream().filter(r -> r.protocol() != RouteProtocol.KERNEL.number()).toList();
    }

    static RouteView find(List<RouteView> routes, String dst, long table) {
        List<RouteView> m = routes.stream().filter(r -> r.dst().equals(dst) && r.table() == table).toList();
        assertThat(m).as("routes to " + dst + " in table " + table + " among " + routes).hasSize(1);
        return m.get(0);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void everyKindOfRouteIsListedAsIpListsIt() {
        NetworkNamespace ns = temp.create("route");
        String name = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            TestTopology.wire(rt);
            for (Pair p : ROUTES) {
                rt.routes().add(p.java());
            }
            // ip sees exactly what was asked (checked directly, not only through the decoder)
            List<RouteView> ipv = ipNonKernelRoutes(name);
            assertThat(ipv).hasSize(ROUTES.size());
            RouteView r6 = find(ipv, "198.18.6.0/24", 254);
            assertThat(r6.gateway()).isEqualTo("198.18.0.2");
            assertThat(r6.dev()).isEqualTo("va");
            assertThat(r6.prefsrc()).isEqualTo("198.18.0.1");
            assertThat(r6.metric()).isEqualTo(7L);
            assertThat(r6.protocol()).isEqualTo(RouteProtocol.STATIC.number());
            assertThat(find(ipv, "198.18.7.0/24", 100).scope()).isEqualTo(253);
            assertThat(find(ipv, "198.18.8.0/24", 1000).protocol()).isEqualTo(42);
            assertThat(find(ipv, "198.18.9.0/24", 254).type()).isEqualTo(RouteType.BLACKHOLE.number());
            assertThat(find(ipv, "198.18.10.0/24", 254).type()).isEqualTo(RouteType.UNREACHABLE.number());
            assertThat(find(ipv, "198.18.10.0/24", 254).metric()).isEqualTo(3L);
            assertThat(find(ipv, "198.18.11.0/24", 100).type()).isEqualTo(RouteType.PROHIBIT.number());
            assertThat(find(ipv, "198.18.12.0/24", 254).flags()).contains("onlink");
            assertThat(find(ipv, "198.18.13.0/24", 254).mtu()).isEqualTo(1300);
            assertThat(find(ipv, "198.18.14.0/24", 254).nexthops()).containsExactly(
                    new Hop("198.18.0.2", "va", 3, Set.of()), new Hop("198.18.0.3", "va", 5, Set.of()));
            assertThat(find(ipv, "0.0.0.0/0", 254).metric()).isEqualTo(3_000_000_000L);
            assertThat(find(ipv, "198.18.15.7/32", 254).scope()).isEqualTo(253);
            assertThat(find(ipv, "198.18.16.0/24", 254).scope()).isEqualTo(254);
            assertThat(find(ipv, "198.18.17.0/24", 253).gateway()).isEqualTo("198.18.0.2");
            assertThat(find(ipv, addr("fd42:6e73:2::") + "/64", 254).metric()).isEqualTo(55L);
            assertThat(find(ipv, addr("fd42:6e73:3::") + "/64", 254).nexthops()).containsExactly(
                    new Hop(addr("fd42:6e73::2"), "va", 2, Set.of()), new Hop(addr("fd42:6e73::3"), "va", 4, Set.of()));
            assertThat(find(ipv, addr("fd42:6e73:5::") + "/64", 1000).type()).isEqualTo(7);
            assertThat(find(ipv, addr("fd42:6e73:6::") + "/64", 254).mtu()).isEqualTo(1400);
            assertThat(find(ipv, addr("fd42:6e73:7::") + "/64", 100).gateway()).isEqualTo(addr("fd42:6e73::2"));
            assertThat(find(ipv, addr("fd42:6e73:9::") + "/64", 254).flags()).contains("onlink");

            assertListingsAgree(rt, name);

            // the enum/name tables agree with ip's spelling for what this namespace holds
            Map<Integer, String> devs = devs(name);
            int named = 0;
            for (Family f : List.of(Family.INET, Family.INET6)) {
                List<Route> javaRoutes = rt.routes().list(f, 0);
                for (JsonNode r : Ip.jsonIn(name, f == Family.INET6 ? "-6" : "-4", "-d", "route", "show", "table", "all")) {
                    RouteView v = fromIp(r, f);
                    Route j = javaRoutes.stream().filter(x -> fromJava(x, devs).equals(v)).findFirst().orElseThrow();
                    assertThat(j.type().toString()).isEqualTo(text(r, "type"));
                    assertThat(j.scope().toString()).isEqualTo(text(r, "scope"));
                    assertThat(j.protocol().toString()).isEqualTo(text(r, "protocol"));
                    named++;
                }
            }
            assertThat(named).isGreaterThan(ROUTES.size());
        }
    }

    @Test
    void routesCreatedByIpAndByJavaAreIdentical() {
        Twins t = IpDifferential.assertSameAsIp(temp, "r", TestTopology::wire,
                ROUTES.stream().map(p -> Step.of(p.ip(), rt -> rt.routes().add(p.java()))).toList(),
                List.of(Listing.of("the routes that are not the kernel's", RouteTest::ipNonKernelRoutes,
                        (rt, ns) -> javaRoutes(rt.routes().list(Family.UNSPEC, 0), ns).stream()
                                .filter(r -> r.protocol() != RouteProtocol.KERNEL.number()).toList())));
        assertThat(ipNonKernelRoutes(t.byIpName())).hasSize(ROUTES.size());
        // and Java lists ip's routes as ip does, in every listing it has
        try (Rtnetlink ri = Rtnetlink.open(t.byIp())) {
            assertListingsAgree(ri, t.byIpName());
        }
    }

    @Test
    void multipathWeightsAtTheLimits() {
        NetworkNamespace ns = temp.create("mpath");
        String name = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            TestTopology.wire(rt);
            rt.routes().add(RouteSpec.to("198.18.30.0/24").nextHop("198.18.0.2", "va", 1)
                    .nextHop("198.18.0.3", "va", 256).nextHop("198.18.0.4", null, 17));
            rt.routes().add(RouteSpec.to("fd42:6e73:30::/64").nextHop("fd42:6e73::2", "va", 256)
                    .nextHop("fd42:6e73::3", "va", 1));
            RouteView v4 = find(ipRoutes(name, Family.INET, "-d", "route", "show"), "198.18.30.0/24", 254);
            assertThat(v4.nexthops()).containsExactly(new Hop("198.18.0.2", "va", 1, Set.of()),
                    new Hop("198.18.0.3", "va", 256, Set.of()), new Hop("198.18.0.4", "va", 17, Set.of()));
            RouteView v6 = find(ipRoutes(name, Family.INET6, "-d", "route", "show"), addr("fd42:6e73:30::") + "/64", 254);
            assertThat(v6.nexthops()).extracting(Hop::weight).containsExactly(256, 1);
            Route j4 = rt.routes().list().stream().filter(r -> javaPrefix(r.destination()).equals("198.18.30.0/24"))
                    .findFirst().orElseThrow();
            assertThat(j4.nextHops()).extracting(NextHop::weight).containsExactly(1, 256, 17);
            assertThat(j4.gateway()).isEmpty();
            assertThat(j4.outputInterface()).isEmpty();
            assertListingsAgree(rt, name);
            assertThatThrownBy(() -> RouteSpec.to("198.18.31.0/24").nextHop("198.18.0.2", "va", 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RouteSpec.to("198.18.31.0/24").nextHop("198.18.0.2", "va", 257))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RouteSpec.to("198.18.31.0/24").via("198.18.0.2").nextHop("198.18.0.3", "va", 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void replace() {
        NetworkNamespace ns = temp.create("rrepl");
        String name = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            TestTopology.wire(rt);
            rt.routes().add(RouteSpec.to("198.18.5.0/24").via("198.18.0.2"));
            rt.routes().replace(RouteSpec.to("198.18.5.0/24").via("198.18.0.3").protocol(RouteProtocol.STATIC));
            List<RouteView> main = ipRoutes(name, Family.INET, "-d", "route", "show");
            RouteView r = find(main, "198.18.5.0/24", 254);
            assertThat(r.gateway()).isEqualTo("198.18.0.3");
            assertThat(r.protocol()).isEqualTo(RouteProtocol.STATIC.number());

            // replace keys on (dst, tos, metric, table): another metric is another route
            rt.routes().replace(RouteSpec.to("198.18.5.0/24").via("198.18.0.4").metric(10));
            main = ipRoutes(name, Family.INET, "-d", "route", "show");
            assertThat(main.stream().filter(x -> x.dst().equals("198.18.5.0/24")))
                    .extracting(RouteView::gateway, RouteView::metric)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("198.18.0.3", null),
                            org.assertj.core.groups.Tuple.tuple("198.18.0.4", 10L));

            // replace of what is absent creates it; a type can be replaced too
            rt.routes().replace(RouteSpec.to("198.18.6.0/24").type(RouteType.BLACKHOLE).table(1000));
            rt.routes().replace(RouteSpec.to("198.18.6.0/24").via("198.18.0.2").table(1000));
            RouteView t = find(ipRoutes(name, Family.INET, "-d", "route", "show", "table", "1000"), "198.18.6.0/24", 1000);
            assertThat(t.type()).isEqualTo(1);
            assertThat(t.gateway()).isEqualTo("198.18.0.2");

            rt.routes().add(RouteSpec.to("fd42:6e73:1::/64").via("fd42:6e73::2"));
            rt.routes().replace(RouteSpec.to("fd42:6e73:1::/64").via("fd42:6e73::3"));
            List<RouteView> v6 = ipRoutes(name, Family.INET6, "route", "show").stream()
                    .filter(x -> x.dst().equals(addr("fd42:6e73:1::") + "/64")).toList();
            assertThat(v6).extracting(RouteView::gateway).containsExactly(addr("fd42:6e73::3"));
            assertListingsAgree(rt, name);
        }
    }

    @Test
    void delete() {
        NetworkNamespace ns = temp.create("rdel");
        String name = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            TestTopology.wire(rt);
            for (Pair p : ROUTES) {
                rt.routes().add(p.java());
            }
            int before = ipNonKernelRoutes(name).size();
            // exactly as added
            rt.routes().del(RouteSpec.to("198.18.6.0/24").via("198.18.0.2").dev("va").metric(7));
            // by prefix only: unicast, blackhole, multipath, default
            rt.routes().del(RouteSpec.to("198.18.5.0/24"));
            rt.routes().del(RouteSpec.to("198.18.9.0/24"));
            rt.routes().del(RouteSpec.to("198.18.14.0/24"));
            rt.routes().del(RouteSpec.defaultRoute());
            // in numbered tables, below and above 255
            rt.routes().del(RouteSpec.to("198.18.11.0/24").table(100));
            rt.routes().del(RouteSpec.to("198.18.8.0/24").table(1000));
            // IPv6, by prefix and with the gateway
            rt.routes().del(RouteSpec.to("fd42:6e73:1::/64"));
            rt.routes().del(RouteSpec.to("fd42:6e73:5::/64").table(1000));
            rt.routes().del(RouteSpec.to("fd42:6e73:6::/64").via("fd42:6e73::2"));
            rt.routes().del(RouteSpec.defaultRoute(Family.INET6));

            List<RouteView> left = ipNonKernelRoutes(name);
            assertThat(left).hasSize(before - 11);
            assertThat(left).extracting(RouteView::dst).doesNotContain("198.18.5.0/24", "198.18.6.0/24",
                    "198.18.8.0/24", "198.18.9.0/24", "198.18.11.0/24", "198.18.14.0/24", "0.0.0.0/0", ipPrefix("default", Family.INET6),
                    addr("fd42:6e73:1::") + "/64", addr("fd42:6e73:5::") + "/64", addr("fd42:6e73:6::") + "/64");
            assertThat(left).extracting(RouteView::dst).contains("198.18.7.0/24", "198.18.10.0/24",
                    addr("fd42:6e73:2::") + "/64");
            assertListingsAgree(rt, name);

            // absent: ESRCH, as ip says for the same command
            for (var c : List.of(
                    Map.entry(RouteSpec.to("198.18.5.0/24"), "route del 198.18.5.0/24"),
                    Map.entry(RouteSpec.to("198.18.7.0/24"), "route del 198.18.7.0/24"), // it is in table 100
                    Map.entry(RouteSpec.to("198.18.10.0/24").via("198.18.0.9"), "route del 198.18.10.0/24 via 198.18.0.9"),
                    Map.entry(RouteSpec.to("198.18.40.0/24").table(1000), "route del 198.18.40.0/24 table 1000"),
                    Map.entry(RouteSpec.to("fd42:6e73:40::/64"), "-6 route del fd42:6e73:40::/64"))) {
                NetlinkException e = catchThrowableOfType(NetlinkException.class, () -> rt.routes().del(c.getKey()));
                assertThat(e).as(c.getValue()).isNotNull();
                assertThat(e.errno()).as(c.getValue()).isEqualTo(ESRCH);
                assertThat(e.errno()).isEqualTo(Errno.ESRCH);
                assertThat(e.requestType()).isEqualTo("RTM_DELROUTE");
                assertSameFailure(e, ipRun(name, args(c.getValue())));
            }
            assertThat(ipNonKernelRoutes(name)).hasSize(before - 11);
        }
    }

    @Test
    void routeGetMatchesIpRouteGet() {
        NetworkNamespace ns = temp.create("rget");
        String name = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            TestTopology.wire(rt);
            rt.routes().add(RouteSpec.to("198.18.5.0/24").via("198.18.0.2"));
            rt.routes().add(RouteSpec.to("198.18.6.0/24").via("198.18.0.3").src("198.18.0.1").table(1000));
            rt.routes().add(RouteSpec.to("198.18.9.0/24").type(RouteType.BLACKHOLE));
            rt.routes().add(RouteSpec.to("198.18.10.0/24").type(RouteType.UNREACHABLE));
            rt.routes().add(RouteSpec.to("fd42:6e73:1::/64").via("fd42:6e73::2").metric(77));
            Map<Integer, String> devs = devs(name);
            int compared = 0;
            int failed = 0;
            for (String dst : List.of("198.18.5.9", "198.18.0.7", "198.18.0.1", "127.0.0.1", "198.18.9.1",
                    "198.18.10.1", "198.19.200.1", "fd42:6e73:1::5", "fd42:6e73::7", "fd42:6e73::1", "::1",
                    "fd42:6e73:ee::1")) {
                Ip.Result ip = ipRun(name, "-j", "route", "get", dst);
                if (ip.exitCode() != 0) {
                    NetlinkException e = catchThrowableOfType(NetlinkException.class, () -> rt.routes().get(dst));
                    assertThat(e).as("route get " + dst + " fails in ip: " + ip.stderr()).isNotNull();
                    assertThat(e.requestType()).isEqualTo("RTM_GETROUTE");
                    assertSameFailure(e, ip);
                    failed++;
                    continue;
                }
                JsonNode o = Ip.parse(ip.stdout()).get(0);
                Route j = rt.routes().get(dst);
                assertThat(j.destination().prefixLength()).isEqualTo(dst.contains(":") ? 128 : 32);
                assertThat(addr(j.destination().address())).as(dst).isEqualTo(addr(o.get("dst").asText()));
                assertThat(j.gateway().map(IpView::addr).orElse(null)).as(dst + " gateway")
                        .isEqualTo(o.has("gateway") ? addr(o.get("gateway").asText()) : null);
                assertThat(devs.get(j.outputInterface().orElse(-1))).as(dst + " dev").isEqualTo(text(o, "dev"));
                assertThat(j.preferredSource().map(IpView::addr).orElse(null)).as(dst + " prefsrc")
                        .isEqualTo(o.has("prefsrc") ? addr(o.get("prefsrc").asText()) : null);
                assertThat(j.type().number()).as(dst + " type").isEqualTo(number(TYPES, text(o, "type"), 1));
                if (o.has("metric")) {
                    assertThat(j.priority().orElse(-1)).as(dst + " metric")
                            .isEqualTo(o.get("metric").asLong());
                }
                compared++;
            }
            assertThat(compared).isGreaterThanOrEqualTo(8);
            assertThat(failed).isGreaterThanOrEqualTo(2); // no route, blackhole/unreachable
            Route viaGw = rt.routes().get("198.18.5.9");
            assertThat(viaGw.gateway().map(IpView::addr)).contains("198.18.0.2");
            assertThat(viaGw.preferredSource().map(IpView::addr)).contains("198.18.0.1");
            Route v6 = rt.routes().get("fd42:6e73:1::5");
            assertThat(v6.gateway().map(IpView::addr)).contains(addr("fd42:6e73::2"));
            assertThat(v6.priority()).hasValue(77);
            NetlinkException none = catchThrowableOfType(NetlinkException.class, () -> rt.routes().get("198.19.200.1"));
            assertThat(none.errno()).isEqualTo(ENETUNREACH);
        }
    }

    @Test
    void kernelRefusalsCarryErrnoAndExtendedAckLikeIp() {
        NetworkNamespace ns = temp.create("rerr");
        String name = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            TestTopology.wire(rt);
            rt.routes().add(RouteSpec.to("198.18.5.0/24").via("198.18.0.2"));
            rt.routes().add(RouteSpec.to("fd42:6e73:1::/64").via("fd42:6e73::2"));
            record Case(RouteSpec spec, String ip, int errno) {
            }
            List<Case> cases = List.of(
                    new Case(RouteSpec.to("198.18.5.0/24").via("198.18.0.2"), "route add 198.18.5.0/24 via 198.18.0.2", EEXIST),
                    new Case(RouteSpec.to("fd42:6e73:1::/64").via("fd42:6e73::2"), "-6 route add fd42:6e73:1::/64 via fd42:6e73::2", EEXIST),
                    new Case(RouteSpec.to("198.18.20.0/24").via("198.18.77.1"), "route add 198.18.20.0/24 via 198.18.77.1", ENETUNREACH),
                    new Case(RouteSpec.to("198.18.21.0/24").nextHop("198.18.0.2", "va", 1).nextHop("198.18.77.1", null, 1),
                            "route add 198.18.21.0/24 nexthop via 198.18.0.2 dev va nexthop via 198.18.77.1", ENETUNREACH),
                    new Case(RouteSpec.to("fd42:6e73:20::/64").via("fd42:6e73:77::1"), "-6 route add fd42:6e73:20::/64 via fd42:6e73:77::1", EHOSTUNREACH),
                    new Case(RouteSpec.to("198.18.22.0/24").via("198.18.0.2").src("198.18.44.4"),
                            "route add 198.18.22.0/24 via 198.18.0.2 src 198.18.44.4", EINVAL));
            for (Case c : cases) {
                NetlinkException e = catchThrowableOfType(NetlinkException.class, () -> rt.routes().add(c.spec()));
                assertThat(e).as(c.ip()).isNotNull();
                assertThat(e.errno()).as(c.ip() + ": " + e.getMessage()).isEqualTo(c.errno());
                assertThat(e.requestType()).isEqualTo("RTM_NEWROUTE");
                assertThat(e.operation()).contains("RTM_NEWROUTE");
                assertSameFailure(e, ipRun(name, args(c.ip())));
            }
            NetlinkException unreachable = catchThrowableOfType(NetlinkException.class,
                    () -> rt.routes().add(RouteSpec.to("198.18.20.0/24").via("198.18.77.1")));
            assertThat(unreachable.kernelMessage()).hasValue("Nexthop has invalid gateway");
            assertThat(unreachable.getMessage()).contains("ENETUNREACH").contains("Nexthop has invalid gateway");

            NetlinkException noDev = catchThrowableOfType(NetlinkException.class,
                    () -> rt.routes().add(RouteSpec.to("198.18.23.0/24").dev("nosuch0")));
            assertThat(noDev.errno()).isEqualTo(ENODEV);

            // refused before anything is sent
            List<RouteView> before = javaRoutes(rt.routes().list(Family.UNSPEC, 0), name);
            List<Runnable> bad = List.of(
                    () -> RouteSpec.to("198.18.30.0/24").via("fd42:6e73::2"),
                    () -> RouteSpec.to("198.18.30.0/24").src("fd42:6e73::1"),
                    () -> RouteSpec.to("198.18.30.0/24").nextHop("fd42:6e73::2", "va", 1),
                    () -> RouteSpec.to("fd42:6e73:30::/64").via("198.18.0.2"),
                    () -> RouteSpec.to("fd42:6e73:30::/64").src("198.18.0.1"),
                    () -> RouteSpec.defaultRoute(Family.INET6).via("198.18.0.2"),
                    () -> RouteSpec.to("198.18.30.1/24"),
                    () -> RouteSpec.to("198.18.0.0/15").via("198.18.0.2").dev("va").table(100).metric(1).src("198.18.0.1")
                            .via("fd42:6e73::9"),
                    () -> RouteSpec.to("fd42:6e73::1/64"),
                    () -> RouteSpec.to("fd42:6e73:0:1::/32"),
                    () -> RouteSpec.to("198.18.0.0/33"),
                    () -> RouteSpec.to("fd42:6e73::/129"),
                    () -> RouteSpec.to("198.18.30.0/24").table(0),
                    () -> RouteSpec.to("198.18.30.0/24").metric(-1),
                    () -> RouteSpec.to("198.18.30.0/24").metric(1L << 32),
                    () -> RouteSpec.to("198.18.30.0/24").protocol(RouteProtocol.of(256)),
                    () -> RouteSpec.to("198.18.30.0/24").mtu(67),
                    () -> RouteSpec.to("fd42:6e73:30::/64").mtu(1279));
            for (Runnable r : bad) {
                assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(RouteSpec.to("198.18.0.0/15").destination().prefixLength()).isEqualTo(15);
            assertThat(javaRoutes(rt.routes().list(Family.UNSPEC, 0), name)).containsExactlyInAnyOrderElementsOf(before);
            assertListingsAgree(rt, name);
        }
    }

    @Test
    void batchReportsEachFailureAndRunsTheRest() {
        NetworkNamespace ns = temp.create("rbatch");
        String name = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            TestTopology.wire(rt);
            BatchResult r = rt.batch(b -> {
                b.routes().add(RouteSpec.to("198.18.5.0/24").via("198.18.0.2"));
                b.routes().add(RouteSpec.to("198.18.5.0/24").via("198.18.0.2"));
                b.routes().add(RouteSpec.to("198.18.6.0/24").via("198.18.77.1"));
                b.routes().add(RouteSpec.to("198.18.7.0/24").dev("va").table(1000));
                b.routes().del(RouteSpec.to("198.18.8.0/24"));
            });
            assertThat(r.size()).isEqualTo(5);
            assertThat(r.ok()).isFalse();
            assertThat(r.failure(0)).isEmpty();
            assertThat(r.failure(1)).hasValueSatisfying(e -> assertThat(e.errno()).isEqualTo(EEXIST));
            assertThat(r.failure(2)).hasValueSatisfying(e -> {
                assertThat(e.errno()).isEqualTo(ENETUNREACH);
                assertThat(e.kernelMessage()).hasValue("Nexthop has invalid gateway");
            });
            assertThat(r.failure(3)).isEmpty();
            assertThat(r.failure(4)).hasValueSatisfying(e -> assertThat(e.errno()).isEqualTo(ESRCH));
            assertThat(r.failures()).hasSize(3);
            NetlinkException first = catchThrowableOfType(NetlinkException.class, r::throwIfFailed);
            assertThat(first.errno()).isEqualTo(EEXIST);
            assertThat(first.getSuppressed()).hasSize(2);
            assertThat(ipNonKernelRoutes(name)).extracting(RouteView::dst, RouteView::table)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("198.18.5.0/24", 254L),
                            org.assertj.core.groups.Tuple.tuple("198.18.7.0/24", 1000L));
        }
    }

    @Test
    void tenThousandRoutesThroughABatch() {
        long start = System.nanoTime();
        NetworkNamespace ns = temp.create("rscale");
        String name = TempNamespaces.name(ns);
        final int n = 10_000;
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().setUp("lo");
            rt.links().add(LinkSpec.veth("va", "vb"));
            rt.links().setUp("va");
            rt.links().setUp("vb");
            rt.addresses().add("va", "198.18.0.1/24");
            int va = rt.links().index("va");
            List<RouteSpec> specs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                specs.add(RouteSpec.to("198.19." + (i >> 8) + "." + (i & 255) + "/32").via("198.18.0.2").dev(va));
            }
            Batch add = rt.batch();
            specs.forEach(add.routes()::add);
            assertThat(add.size()).isEqualTo(n);
            BatchResult added = add.execute().throwIfFailed();
            assertThat(added.size()).isEqualTo(n);
            assertThat(add.size()).isZero();

            JsonNode shown = Ip.jsonIn(name, "route", "show");
            int ipCount = shown.size();
            assertThat(ipCount).isEqualTo(n + 1); // and the prefix route of 198.18.0.1/24
            List<Route> listed = rt.routes().list(Family.INET, 254);
            assertThat(listed).hasSize(ipCount);
            try (Stream<Route> s = rt.routes().stream(Family.INET, 254)) {
                assertThat(s.count()).isEqualTo(ipCount);
            }
            Set<String> ipDsts = new LinkedHashSet<>();
            shown.forEach(r -> ipDsts.add(ipPrefix(r.get("dst").asText(), Family.INET)));
            assertThat(listed.stream().map(r -> javaPrefix(r.destination())).collect(Collectors.toSet()))
                    .isEqualTo(ipDsts);
            Map<Integer, String> devs = devs(name);
            for (int i : new int[]{0, 4242, n - 1}) {
                String dst = "198.19." + (i >> 8) + "." + (i & 255) + "/32";
                RouteView j = listed.stream().map(r -> fromJava(r, devs)).filter(v -> v.dst().equals(dst))
                        .findFirst().orElseThrow();
                assertThat(j).isEqualTo(find(ipRoutes(name, Family.INET, "-d", "route", "show"), dst, 254));
                assertThat(j.gateway()).isEqualTo("198.18.0.2");
            }

            Batch del = rt.batch();
            specs.forEach(del.routes()::del);
            del.execute().throwIfFailed();
            assertThat(Ip.jsonIn(name, "route", "show").size()).isEqualTo(1);
            assertThat(rt.routes().list(Family.INET, 254)).hasSize(1);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    /**
     * A namespace nothing was done in (lo down, no FIB table yet): every listing is empty, as ip's are
     * (ip route show prints nothing and exits 0); the unnamed-table dump must not fail with ENOENT.
     */
    @Test
    void everyListingOfAFreshNamespaceIsEmptyAsInIp() {
        NetworkNamespace ns = temp.create("rfresh");
        String name = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            for (Family f : List.of(Family.INET, Family.INET6)) {
                String flag = f == Family.INET6 ? "-6" : "-4";
                Ip.Result ip = ipRun(name, flag, "route", "show");
                assertThat(ip.exitCode()).isZero();
                assertThat(ip.stdout()).isEmpty();
                assertThat(rt.routes().list(f, 254)).isEmpty();
                assertThat(ipRun(name, flag, "neigh", "show").stdout()).isEmpty();
                assertThat(rt.neighbours().list(f)).isEmpty();
            }
            assertThat(rt.routes().list()).isEmpty();
            try (Stream<Route> st = rt.routes().stream(Family.INET, 254)) {
                assertThat(st.count()).isZero();
            }
            assertThat(rt.addresses().list()).isEmpty();
            assertThat(rt.neighbours().list()).isEmpty();
            assertThat(rt.nsids().list()).isEmpty();
            assertThat(rt.rules().list(Family.INET)).isNotEmpty(); // the kernel's default rules exist from the start
        }
    }

    @Test
    void dumpOfATableThatDoesNotExistFailsAsInIp() {
        NetworkNamespace ns = temp.create("rnotab");
        String name = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().setUp("lo");
            for (Family f : List.of(Family.INET, Family.INET6)) {
                String flag = f == Family.INET6 ? "-6" : "-4";
                Ip.Result ip = ipRun(name, "-j", flag, "route", "show", "table", "1000");
                NetlinkException e = catchThrowableOfType(NetlinkException.class, () -> rt.routes().list(f, 1000));
                assertThat(e).isNotNull();
                assertThat(e.errno()).isEqualTo(ENOENT);
                // ip prints the kernel's "Error: ipv4: FIB table does not exist." carried by NLMSG_DONE
                assertSameFailure(e, ip);
            }
            // once the table exists, it is listed
            rt.routes().add(RouteSpec.to("198.18.5.0/24").type(RouteType.BLACKHOLE).table(1000));
            assertThat(rt.routes().list(Family.INET, 1000)).hasSize(1);
            assertThat(ipRoutes(name, Family.INET, "-d", "route", "show", "table", "1000")).hasSize(1);
        }
    }

    /** Table ids are u32 (RouteSpec.table: "1..2^32-1"); ids of 2^31 and above are negative ints in Java. */
    @Test
    void tableIdsFromTwoToThe31Up() {
        NetworkNamespace ns = temp.create("rbigtab");
        String name = TempNamespaces.name(ns);
        long big = 4_000_000_100L;
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            TestTopology.wire(rt);
            Ip.in(name, "route", "add", "198.18.6.0/24", "via", "198.18.0.2", "table", Long.toString(big));
            assertThat(rt.routes().list(Family.INET, big)).extracting(r -> r.table())
                    .containsExactly(big);
            rt.routes().add(RouteSpec.to("198.18.5.0/24").via("198.18.0.2").table(big));
            List<RouteView> shown = ipRoutes(name, Family.INET, "-d", "route", "show", "table", "all");
            assertThat(shown.stream().filter(r -> r.dst().equals("198.18.5.0/24")))
                    .extracting(RouteView::table).containsExactly(big);
            agreeTable(rt, name, Family.INET, big);
            rt.routes().del(RouteSpec.to("198.18.5.0/24").table(big));
            rt.routes().del(RouteSpec.to("198.18.6.0/24").table(big));
            assertThat(ipNonKernelRoutes(name)).isEmpty();
        }
    }
}
