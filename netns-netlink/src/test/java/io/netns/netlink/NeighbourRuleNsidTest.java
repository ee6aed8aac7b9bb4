package io.netns.netlink;

import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.rule.Rule;
import io.netns.netlink.rule.RuleSpec;
import io.netns.netlink.neighbour.NeighbourSpec;
import io.netns.netlink.neighbour.NudState;
import io.netns.netlink.route.RouteType;
import io.netns.netlink.neighbour.Neighbour;
import io.netns.NetworkNamespace;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

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
 * Neighbours, policy-routing rules and namespace ids against the real kernel, each test in fresh
 * namespaces, checked against {@code ip -j} run in the same namespace.
 */
@PrivilegedTest
class NeighbourRuleNsidTest {
    static final int ENOENT = 2;
    static final int EEXIST = 17;

    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    // ================================================================== neighbours

    record NeighView(Family family, String dst, String dev, String lladdr, Set<String> state) {
    }

    /** NUD_* bits with ip's names (ipneigh.c). */
    static final Map<Integer, String> NUD = Map.of(0x01, "INCOMPLETE", 0x02, "REACHABLE", 0x04, "STALE",
            0x08, "DELAY", 0x10, "PROBE", 0x20, "FAILED", 0x40, "NOARP", 0x80, "PERMANENT");

    static NeighView fromIp(JsonNode n) {
        String dst = addr(n.get("dst").asText());
        Set<String> state = new TreeSet<>();
        n.path("state").forEach(s -> state.add(s.asText()));
        return new NeighView(dst.contains(":") ? Family.INET6 : Family.INET, dst, text(n, "dev"),
                text(n, "lladdr"), state);
    }

    static NeighView fromJava(Neighbour n, Map<Integer, String> devs) {
        Set<String> state = new TreeSet<>();
        NUD.forEach((bit, name) -> {
            if ((n.state().number() & bit) != 0) {
                state.add(name);
            }
        });
        if (n.state().number() == 0) {
            state.add("NONE");
        }
        String ll = n.linkAddress().map(m -> HexFormat.ofDelimiter(":").formatHex(m.bytes())).orElse(null);
        return new NeighView(n.family(), n.destination().orElseThrow().getHostAddress(), devs.get(n.index()), ll, state);
    }

    static List<NeighView> ipNeighbours(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of(args));
        cmd.addAll(List.of("neigh", "show", "nud", "all"));
        List<NeighView> out = new ArrayList<>();
        Ip.jsonIn(ns, cmd.toArray(String[]::new)).forEach(n -> out.add(fromIp(n)));
        return out;
    }

    static List<NeighView> javaNeighbours(Rtnetlink rt, Family f, String ns) {
        Map<Integer, String> devs = devs(ns);
        return rt.neighbours().list(f).stream().map(n -> fromJava(n, devs)).toList();
    }

    static void assertNeighboursAgree(Rtnetlink rt, String ns) {
        agree("ip neigh show nud all", () -> javaNeighbours(rt, Family.UNSPEC, ns), () -> ipNeighbours(ns));
        agree("ip -4 neigh show nud all", () -> javaNeighbours(rt, Family.INET, ns), () -> ipNeighbours(ns, "-4"));
        agree("ip -6 neigh show nud all", () -> javaNeighbours(rt, Family.INET6, ns), () -> ipNeighbours(ns, "-6"));
    }

    static NeighView neigh(List<NeighView> all, String dst, String dev) {
        List<NeighView> m = all.stream().filter(n -> n.dst().equals(addr(dst)) && n.dev().equals(dev)).toList();
        assertThat(m).as(dst + " dev " + dev + " among " + all).hasSize(1);
        return m.get(0);
    }

    @Test
    void permanentArpAndNdpEntries() {
        NetworkNamespace ns = temp.create("neigh");
        String name = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            TestTopology.wire(rt);
            rt.neighbours().add(NeighbourSpec.permanent("198.18.0.9", "02:00:00:00:00:09", "va"));
            rt.neighbours().add(NeighbourSpec.permanent("fd42:6e73::9", "02:00:00:00:00:0a", "va"));
            rt.neighbours().add(NeighbourSpec.permanent("198.18.0.10", "02:00:00:00:00:10", "vb"));
            rt.neighbours().add(NeighbourSpec.permanent("198.18.0.11", "02:00:00:00:00:11", "va").state(NudState.NOARP));
            Ip.in(name, "neigh", "add", "198.18.0.12", "lladdr", "02:00:00:00:00:12", "dev", "va", "nud", "permanent");
            Ip.in(name, "neigh", "add", "fd42:6e73::12", "lladdr", "02:00:00:00:00:13", "dev", "va", "nud", "permanent");

            // ip sees what Java made, and the reverse
            List<NeighView> shown = ipNeighbours(name);
            assertThat(neigh(shown, "198.18.0.9", "va")).isEqualTo(new NeighView(Family.INET, addr("198.18.0.9"), "va",
                    "02:00:00:00:00:09", Set.of("PERMANENT")));
            assertThat(neigh(shown, "fd42:6e73::9", "va")).isEqualTo(new NeighView(Family.INET6,
                    addr("fd42:6e73::9"), "va", "02:00:00:00:00:0a", Set.of("PERMANENT")));
            assertThat(neigh(shown, "198.18.0.10", "vb").lladdr()).isEqualTo("02:00:00:00:00:10");
            assertThat(neigh(shown, "198.18.0.11", "va").state()).containsExactly("NOARP");
            List<NeighView> java = javaNeighbours(rt, Family.UNSPEC, name);
            assertThat(neigh(java, "198.18.0.12", "va")).isEqualTo(neigh(shown, "198.18.0.12", "va"));
            assertThat(neigh(java, "fd42:6e73::12", "va").lladdr()).isEqualTo("02:00:00:00:00:13");
            // plain "ip neigh show" (no NOARP) lists the permanent ones
            List<String> plain = new ArrayList<>();
            Ip.jsonIn(name, "neigh", "show").forEach(n -> plain.add(addr(n.get("dst").asText())));
            assertThat(plain).contains(addr("198.18.0.9"), addr("fd42:6e73::9"), addr("198.18.0.12"))
                    .doesNotContain(addr("198.18.0.11"));
            assertNeighboursAgree(rt, name);

            // duplicate: EEXIST as ip says
            NetlinkException dup = catchThrowableOfType(NetlinkException.class,
                    () -> rt.neighbours().add(NeighbourSpec.permanent("198.18.0.12", "02:00:00:00:00:12", "va")));
            assertThat(dup.errno()).isEqualTo(EEXIST);
            assertThat(dup.requestType()).isEqualTo("RTM_NEWNEIGH");
            assertSameFailure(dup, ipRun(name, "neigh", "add", "198.18.0.9", "lladdr", "02:00:00:00:00:09", "dev",
                    "va", "nud", "permanent"));

            // replace: a new link-layer address, for an entry ip made and one Java made; creates if absent
            rt.neighbours().replace(NeighbourSpec.permanent("198.18.0.12", "02:00:00:00:00:99", "va"));
            rt.neighbours().replace(NeighbourSpec.permanent("fd42:6e73::9", "02:00:00:00:00:98", "va"));
            rt.neighbours().replace(NeighbourSpec.permanent("198.18.0.13", "02:00:00:00:00:13", "va"));
            shown = ipNeighbours(name);
            assertThat(neigh(shown, "198.18.0.12", "va").lladdr()).isEqualTo("02:00:00:00:00:99");
            assertThat(neigh(shown, "fd42:6e73::9", "va").lladdr()).isEqualTo("02:00:00:00:00:98");
            assertThat(neigh(shown, "198.18.0.13", "va").state()).containsExactly("PERMANENT");
            assertNeighboursAgree(rt, name);

            // delete: Java deletes ip's and its own; ip deletes one Java made
            rt.neighbours().del(NeighbourSpec.of("198.18.0.12", "va"));
            rt.neighbours().del(NeighbourSpec.of("fd42:6e73::9", "va"));
            rt.neighbours().del(NeighbourSpec.of("198.18.0.10", "vb"));
            Ip.in(name, "neigh", "del", "198.18.0.9", "dev", "va");
            shown = ipNeighbours(name);
            assertThat(shown).extracting(NeighView::dst).doesNotContain(addr("198.18.0.12"), addr("fd42:6e73::9"),
                    addr("198.18.0.10"), addr("198.18.0.9")).contains(addr("198.18.0.13"), addr("fd42:6e73::12"));
            assertNeighboursAgree(rt, name);

            NetlinkException absent = catchThrowableOfType(NetlinkException.class,
                    () -> rt.neighbours().del(NeighbourSpec.of("198.18.0.77", "va")));
            assertThat(absent.errno()).isEqualTo(ENOENT);
            assertThat(absent.requestType()).isEqualTo("RTM_DELNEIGH");
            assertSameFailure(absent, ipRun(name, "neigh", "del", "198.18.0.77", "dev", "va"));
        }
    }

    // ================================================================== rules

    record RuleView(Family family, long priority, String src, String dst, long table, int action, boolean not,
                    Long fwmark, Long fwmask, String iif, String oif, int protocol) {
    }

    static final Map<String, Integer> ACTIONS = Map.of("blackhole", 6, "unreachable", 7, "prohibit", 8,
            "goto", 2, "nop", 3);

    static String ipPrefix(JsonNode r, String field, String lenField) {
        String a = text(r, field);
        if (a == null || a.equals("all")) {
            return null;
        }
        InetAddress ia = InetAddress.ofLiteral(a);
        int len = r.has(lenField) ? r.get(lenField).asInt() : ia.getAddress().length * 8;
        return ia.getHostAddress() + "/" + len;
    }

    static String javaPrefix(java.util.Optional<IpPrefix> p) {
        return p.map(x -> x.address().getHostAddress() + "/" + x.prefixLength()).orElse(null);
    }

    static RuleView fromIp(JsonNode r, Family family) {
        Long mark = null;
        Long mask = null;
        if (r.has("fwmark")) {
            mark = Long.decode(r.get("fwmark").asText());
            mask = r.has("fwmask") ? Long.decode(r.get("fwmask").asText()) : 0xffffffffL;
        }
        String table = text(r, "table");
        long t = table == null ? 0 : table(table);
        return new RuleView(family, r.path("priority").asLong(0), ipPrefix(r, "src", "srclen"),
                ipPrefix(r, "dst", "dstlen"), t, text(r, "action") == null ? 1 : ACTIONS.get(text(r, "action")),
                r.has("not"), mark, mask, text(r, "iif"), text(r, "oif"),
                number(PROTOCOLS, text(r, "protocol"), 0));
    }

    static RuleView fromJava(Rule r) {
        Long mark = null;
        Long mask = null;
        if (r.fwmark().isPresent() || r.fwmask().isPresent()) {
            mark = Integer.toUnsignedLong(r.fwmark().orElse(0));
            mask = r.fwmask().isPresent() ? Integer.toUnsignedLong(r.fwmask().getAsInt()) : 0xffffffffL;
        }
        return new RuleView(r.family(), r.priority().orElse(0), javaPrefix(r.source()),
                javaPrefix(r.destination()), r.table(), r.action(), (r.flags() & 2) != 0,
                mark, mask, r.inputInterface().orElse(null), r.outputInterface().orElse(null), r.protocol().number());
    }

    static List<RuleView> ipRules(String ns, Family f) {
        List<RuleView> out = new ArrayList<>();
        Ip.jsonIn(ns, f == Family.INET6 ? "-6" : "-4", "-d", "rule", "show").forEach(r -> out.add(fromIp(r, f)));
        return out;
    }

    static void assertRulesAgree(Rtnetlink rt, String ns) {
        for (Family f : List.of(Family.INET, Family.INET6)) {
            agree("ip rule show " + f, () -> rt.rules().list(f).stream().map(NeighbourRuleNsidTest::fromJava).toList(),
                    () -> ipRules(ns, f));
        }
    }

    /**
     * {@link Family#UNSPEC} asks for every family's rules. The kernel's AF_UNSPEC rule dump also
     * holds the multicast-routing rules (RTNL_FAMILY_IPMR 128, RTNL_FAMILY_IP6MR 129: one default
     * rule each in every namespace); the IPv4 and IPv6 rules among the result must be ip's.
     */
    @Test
    void rulesOfEveryFamily() {
        NetworkNamespace ns = temp.create("ruleall");
        String name = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.rules().add(RULES.get(0).java());
            rt.rules().add(RULES.get(7).java());
            agree("rules of both families", () -> rt.rules().list(Family.UNSPEC).stream()
                    .filter(r -> r.family() == Family.INET || r.family() == Family.INET6)
                    .map(NeighbourRuleNsidTest::fromJava).toList(), () -> {
                List<RuleView> both = new ArrayList<>(ipRules(name, Family.INET));
                both.addAll(ipRules(name, Family.INET6));
                return both;
            });
        }
    }

    static RuleView rule(List<RuleView> rules, long priority) {
        List<RuleView> m = rules.stream().filter(r -> r.priority() == priority).toList();
        assertThat(m).as("rules of priority " + priority + " among " + rules).hasSize(1);
        return m.get(0);
    }

    record RulePair(String ip, RuleSpec java) {
    }

    static final List<RulePair> RULES = List.of(
            new RulePair("rule add from 198.18.1.0/24 to 198.18.2.0/24 priority 100 table 100",
                    RuleSpec.ofSource("198.18.1.0/24").to("198.18.2.0/24").priority(100).table(100)),
            new RulePair("rule add priority 101 fwmark 0x10/0xff table 1000",
                    RuleSpec.of(Family.INET).priority(101).fwmark(0x10, 0xff).table(1000)),
            new RulePair("rule add priority 102 iif va oif vb blackhole",
                    RuleSpec.of(Family.INET).priority(102).iif("va").oif("vb").action(RouteType.BLACKHOLE)),
            new RulePair("rule add not from 198.18.3.0/24 priority 103 unreachable",
                    RuleSpec.ofSource("198.18.3.0/24").not().priority(103).action(RouteType.UNREACHABLE)),
            new RulePair("rule add from 198.18.4.4/32 priority 104 prohibit",
                    RuleSpec.ofSource("198.18.4.4/32").priority(104).action(RouteType.PROHIBIT)),
            new RulePair("rule add priority 105 to 198.18.5.0/24 table 253",
                    RuleSpec.of(Family.INET).priority(105).to("198.18.5.0/24").table(253)),
            new RulePair("rule add priority 106 fwmark 0x80000000/0xffffffff lookup main",
                    RuleSpec.of(Family.INET).priority(106).fwmark(0x8000_0000, 0xffff_ffff)),
            new RulePair("-6 rule add from fd42:6e73:1::/48 priority 200 table 200",
                    RuleSpec.ofSource("fd42:6e73:1::/48").priority(200).table(200)),
            new RulePair("-6 rule add to fd42:6e73:2::/64 priority 201 blackhole",
                    RuleSpec.of(Family.INET6).to("fd42:6e73:2::/64").priority(201).action(RouteType.BLACKHOLE)),
            new RulePair("-6 rule add not fwmark 0x20/0xf0 priority 202 table 1000",
                    RuleSpec.of(Family.INET6).fwmark(0x20, 0xf0).not().priority(202).table(1000)),
            new RulePair("-6 rule add iif lo oif va priority 203 prohibit",
                    RuleSpec.of(Family.INET6).iif("lo").oif("va").priority(203).action(RouteType.PROHIBIT)),
            new RulePair("-6 rule add from fd42:6e73::5 priority 204 unreachable",
                    RuleSpec.ofSource("fd42:6e73::5/128").priority(204).action(RouteType.UNREACHABLE)));

    @Test
    void rulesOfBothFamilies() {
        NetworkNamespace ns = temp.create("rule");
        String name = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            TestTopology.wire(rt);
            List<RuleView> defaults4 = ipRules(name, Family.INET);
            List<RuleView> defaults6 = ipRules(name, Family.INET6);
            assertThat(defaults4).extracting(RuleView::priority).containsExactly(0L, 32766L, 32767L);
            assertRulesAgree(rt, name);

            for (RulePair p : RULES) {
                rt.rules().add(p.java());
            }
            // without a priority the kernel picks one: as for ip
            rt.rules().add(RuleSpec.of(Family.INET).fwmark(7, 0xffffffff).table(5));

            List<RuleView> v4 = ipRules(name, Family.INET);
            List<RuleView> v6 = ipRules(name, Family.INET6);
            assertThat(v4).hasSize(defaults4.size() + 8);
            assertThat(v6).hasSize(defaults6.size() + 5);
            RuleView r100 = rule(v4, 100);
            assertThat(r100.src()).isEqualTo("198.18.1.0/24");
            assertThat(r100.dst()).isEqualTo("198.18.2.0/24");
            assertThat(r100.table()).isEqualTo(100);
            assertThat(r100.action()).isEqualTo(1);
            assertThat(rule(v4, 101)).extracting(RuleView::fwmark, RuleView::fwmask, RuleView::table)
                    .containsExactly(0x10L, 0xffL, 1000L);
            assertThat(rule(v4, 102)).extracting(RuleView::iif, RuleView::oif, RuleView::action, RuleView::table)
                    .containsExactly("va", "vb", 6, 0L);
            assertThat(rule(v4, 103)).extracting(RuleView::not, RuleView::src, RuleView::action)
                    .containsExactly(true, "198.18.3.0/24", 7);
            assertThat(rule(v4, 104)).extracting(RuleView::src, RuleView::action).containsExactly("198.18.4.4/32", 8);
            assertThat(rule(v4, 105)).extracting(RuleView::dst, RuleView::table).containsExactly("198.18.5.0/24", 253L);
            assertThat(rule(v4, 106)).extracting(RuleView::fwmark, RuleView::table).containsExactly(0x8000_0000L, 254L);
            assertThat(v4.stream().filter(r -> r.fwmark() != null && r.fwmark() == 7)).singleElement()
                    .satisfies(r -> assertThat(r.table()).isEqualTo(5));
            assertThat(rule(v6, 200)).extracting(RuleView::src, RuleView::table)
                    .containsExactly(addr("fd42:6e73:1::") + "/48", 200L);
            assertThat(rule(v6, 201)).extracting(RuleView::dst, RuleView::action)
                    .containsExactly(addr("fd42:6e73:2::") + "/64", 6);
            assertThat(rule(v6, 202)).extracting(RuleView::not, RuleView::fwmark, RuleView::fwmask, RuleView::table)
                    .containsExactly(true, 0x20L, 0xf0L, 1000L);
            assertThat(rule(v6, 203)).extracting(RuleView::iif, RuleView::oif, RuleView::action)
                    .containsExactly("lo", "va", 8);
            assertRulesAgree(rt, name);

            // duplicate add: EEXIST as in ip
            NetlinkException dup = catchThrowableOfType(NetlinkException.class, () -> rt.rules().add(RULES.get(0).java()));
            assertThat(dup).isNotNull();
            assertThat(dup.errno()).isEqualTo(EEXIST);
            assertThat(dup.requestType()).isEqualTo("RTM_NEWRULE");
            assertSameFailure(dup, ipRun(name, args(RULES.get(0).ip())));

            // delete with the spec it was added with
            for (RulePair p : RULES) {
                rt.rules().del(p.java());
            }
            rt.rules().del(RuleSpec.of(Family.INET).fwmark(7, 0xffffffff).table(5));
            assertThat(ipRules(name, Family.INET)).containsExactlyElementsOf(defaults4);
            assertThat(ipRules(name, Family.INET6)).containsExactlyElementsOf(defaults6);
            assertRulesAgree(rt, name);

            NetlinkException absent = catchThrowableOfType(NetlinkException.class,
                    () -> rt.rules().del(RuleSpec.of(Family.INET).priority(999).table(100)));
            assertThat(absent).isNotNull();
            assertThat(absent.errno()).isEqualTo(ENOENT);
            assertThat(absent.requestType()).isEqualTo("RTM_DELRULE");
            assertSameFailure(absent, ipRun(name, "rule", "del", "priority", "999", "table", "100"));

            // families are checked before anything is sent
            assertThatThrownBy(() -> RuleSpec.of(Family.INET).to("fd42:6e73::/64"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RuleSpec.of(Family.INET6).from(IpPrefix.parse("198.18.0.0/24")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RuleSpec.ofSource("fd42:6e73::/64").to("198.18.0.0/24"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RuleSpec.of(Family.UNSPEC)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RuleSpec.of(Family.INET).table(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RuleSpec.of(Family.INET).action(RouteType.UNICAST))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(ipRules(name, Family.INET)).containsExactlyElementsOf(defaults4);
        }
    }

    @Test
    void rulesCreatedByIpAndByJavaAreIdentical() {
        NetworkNamespace byJava = temp.create("rujava");
        NetworkNamespace byIp = temp.create("ruip");
        String j = TempNamespaces.name(byJava);
        String i = TempNamespaces.name(byIp);
        try (Rtnetlink rj = Rtnetlink.open(byJava); Rtnetlink ri = Rtnetlink.open(byIp)) {
            TestTopology.wire(rj);
            TestTopology.wire(ri);
            for (RulePair p : RULES) {
                rj.rules().add(p.java());
                Ip.in(i, args(p.ip()));
            }
            rj.rules().add(RuleSpec.of(Family.INET).fwmark(7, 0xffffffff).table(5));
            Ip.in(i, "rule", "add", "fwmark", "7", "table", "5");
            for (Family f : List.of(Family.INET, Family.INET6)) {
                assertThat(ipRules(j, f)).as(f + ": ip's listing of Java's rules vs of ip's")
                        .containsExactlyElementsOf(ipRules(i, f));
            }
            assertRulesAgree(ri, i);
            assertRulesAgree(rj, j);
        }
    }

    /**
     * {@code ip rule del priority N} deletes the rule of that priority whatever its table or action:
     * ip sends neither a table nor an action, and the kernel matches only what is given.
     */
    @Test
    void ruleDelByPriorityOnlyDeletesLikeIp() {
        NetworkNamespace byJava = temp.create("rudjava");
        NetworkNamespace byIp = temp.create("rudip");
        String j = TempNamespaces.name(byJava);
        String i = TempNamespaces.name(byIp);
        try (Rtnetlink rj = Rtnetlink.open(byJava); Rtnetlink ri = Rtnetlink.open(byIp)) {
            for (Rtnetlink rt : List.of(rj, ri)) {
                rt.rules().add(RuleSpec.ofSource("198.18.1.0/24").priority(300).table(100));
                rt.rules().add(RuleSpec.ofSource("198.18.2.0/24").priority(301).action(RouteType.BLACKHOLE));
            }
            Ip.in(i, "rule", "del", "priority", "300");
            Ip.in(i, "rule", "del", "priority", "301");
            assertThat(ipRules(i, Family.INET)).extracting(RuleView::priority).containsExactly(0L, 32766L, 32767L);

            rj.rules().del(RuleSpec.of(Family.INET).priority(300));
            rj.rules().del(RuleSpec.of(Family.INET).priority(301));
            assertThat(ipRules(j, Family.INET)).extracting(RuleView::priority).containsExactly(0L, 32766L, 32767L);
        }
    }

    /** Table ids are u32; RuleSpec.table(int) takes the ids of 2^31 and above as negative ints. */
    @Test
    void ruleTableIdsFromTwoToThe31Up() {
        NetworkNamespace ns = temp.create("rubig");
        String name = TempNamespaces.name(ns);
        long big = 4_000_000_100L;
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.rules().add(RuleSpec.of(Family.INET).priority(400).table(big));
            assertThat(rule(ipRules(name, Family.INET), 400).table()).isEqualTo(big);
            assertRulesAgree(rt, name);
        }
    }

    // ================================================================== namespace ids

    record NsidView(int nsid, String name) {
    }

    static List<NsidView> ipNsids(String ns) {
        List<NsidView> out = new ArrayList<>();
        Ip.jsonIn(ns, "netns", "list-id").forEach(n -> out.add(new NsidView(n.get("nsid").asInt(), text(n, "name"))));
        return out;
    }

    static void assertNsidsAgree(Rtnetlink rt, String ns) {
        agree("ip netns list-id", () -> rt.nsids().list(), () -> ipNsids(ns).stream().map(NsidView::nsid).toList());
    }

    @Test
    void nsidSetGetAndList() {
        NetworkNamespace a = temp.create("nsa");
        NetworkNamespace b = temp.create("nsb");
        NetworkNamespace c = temp.create("nsc");
        NetworkNamespace d = temp.create("nsd");
        String an = TempNamespaces.name(a);
        String bn = TempNamespaces.name(b);
        String cn = TempNamespaces.name(c);
        String dn = TempNamespaces.name(d);
        try (Rtnetlink ra = Rtnetlink.open(a); Rtnetlink rb = Rtnetlink.open(b)) {
            assertThat(ra.nsids().get(b)).isEmpty();
            assertThat(ra.nsids().list()).isEmpty();
            assertThat(ipNsids(an)).isEmpty();

            ra.nsids().set(b, 7);
            assertThat(ra.nsids().get(b)).hasValue(7);
            assertThat(ipNsids(an)).containsExactly(new NsidView(7, bn));
            assertNsidsAgree(ra, an);

            // -1: the kernel chooses
            ra.nsids().set(c, -1);
            OptionalInt auto = ra.nsids().get(c);
            assertThat(auto).isPresent();
            assertThat(auto.getAsInt()).isNotEqualTo(7).isNotNegative();
            assertThat(ipNsids(an)).containsExactlyInAnyOrder(new NsidView(7, bn), new NsidView(auto.getAsInt(), cn));
            assertNsidsAgree(ra, an);
            assertThat(ra.nsids().get(d)).isEmpty();

            // ids are per namespace: b has assigned none
            assertThat(rb.nsids().list()).isEmpty();
            assertThat(ipNsids(bn)).isEmpty();
            rb.nsids().set(a, 7);
            assertThat(rb.nsids().get(a)).hasValue(7);
            assertThat(ipNsids(bn)).containsExactly(new NsidView(7, an));
            assertNsidsAgree(rb, bn);

            // an id in use, and a namespace that already has one: refused, as ip is
            NetlinkException used = catchThrowableOfType(NetlinkException.class, () -> ra.nsids().set(d, 7));
            assertThat(used).isNotNull();
            assertThat(used.errno()).isEqualTo(EEXIST);
            assertThat(used.requestType()).isEqualTo("RTM_NEWNSID");
            assertSameFailure(used, ipRun(an, "netns", "set", dn, "7"));
            NetlinkException again = catchThrowableOfType(NetlinkException.class, () -> ra.nsids().set(b, 8));
            assertThat(again).isNotNull();
            assertThat(again.errno()).isEqualTo(EEXIST);
            assertSameFailure(again, ipRun(an, "netns", "set", bn, "8"));
            assertThat(ra.nsids().get(b)).hasValue(7);
            assertThat(ra.nsids().get(d)).isEmpty();
            assertThatThrownBy(() -> ra.nsids().set(d, -2)).isInstanceOf(IllegalArgumentException.class);

            // ip sets, Java reads
            Ip.in(an, "netns", "set", dn, "12");
            assertThat(ra.nsids().get(d)).hasValue(12);
            assertNsidsAgree(ra, an);
        }
    }

    static Integer ipLinkNetnsid(String ns, String dev) {
        JsonNode l = Ip.jsonIn(ns, "link", "show", "dev", dev).get(0);
        return l.has("link_netnsid") ? l.get("link_netnsid").asInt() : null;
    }

    static void assertLinkNetnsidsAgree(Rtnetlink rt, String ns) {
        Map<String, Integer> ip = new HashMap<>();
        Map<String, Integer> ipPeer = new HashMap<>();
        Ip.jsonIn(ns, "-d", "link", "show").forEach(l -> {
            if (l.has("link_netnsid")) {
                ip.put(l.get("ifname").asText(), l.get("link_netnsid").asInt());
            }
            if (l.has("link_index")) {
                ipPeer.put(l.get("ifname").asText(), l.get("link_index").asInt());
            }
        });
        Map<String, Integer> java = new HashMap<>();
        Map<String, Integer> javaPeer = new HashMap<>();
        for (Link l : rt.links().list()) {
            // ip prints link_index (the ifindex of IFLA_LINK) only for a link in another namespace
            if (l.linkNetnsId().isPresent()) {
                java.put(l.name(), l.linkNetnsId().getAsInt());
                javaPeer.put(l.name(), l.link().orElse(-1));
            }
        }
        assertThat(java).as("link_netnsid by link").isEqualTo(ip);
        assertThat(javaPeer).as("link_index by link").isEqualTo(ipPeer);
    }

    @Test
    void linkNetnsidOfAVethPeerCreatedInAnotherNamespace() {
        NetworkNamespace a = temp.create("lna");
        NetworkNamespace b = temp.create("lnb");
        String an = TempNamespaces.name(a);
        String bn = TempNamespaces.name(b);
        try (Rtnetlink ra = Rtnetlink.open(a); Rtnetlink rb = Rtnetlink.open(b)) {
            ra.links().add(LinkSpec.veth("vc", "vd").peerNamespace(b));
            assertThat(Ip.linkNames(bn)).contains("vd");
            assertThat(Ip.linkNames(an)).contains("vc").doesNotContain("vd");

            Integer idOfB = ipLinkNetnsid(an, "vc");
            assertThat(idOfB).as("ip shows a link_netnsid for vc").isNotNull();
            assertThat(ra.links().get("vc").linkNetnsId()).hasValue(idOfB);
            assertThat(ra.nsids().get(b)).hasValue(idOfB);
            assertThat(ipNsids(an)).contains(new NsidView(idOfB, bn));

            Integer idOfA = ipLinkNetnsid(bn, "vd");
            assertThat(idOfA).isNotNull();
            assertThat(rb.links().get("vd").linkNetnsId()).hasValue(idOfA);
            assertThat(rb.nsids().get(a)).hasValue(idOfA);
            // the peer's ifindex as seen across the namespaces
            assertThat(ra.links().get("vc").link()).hasValue(rb.links().get("vd").index());
            assertThat(rb.links().get("vd").link()).hasValue(ra.links().get("vc").index());
            assertLinkNetnsidsAgree(ra, an);
            assertLinkNetnsidsAgree(rb, bn);
            assertNsidsAgree(ra, an);
            assertNsidsAgree(rb, bn);
        }
    }

    @Test
    void linkNetnsidFollowsAnIdSetBeforehandAndAMovedPeer() {
        NetworkNamespace a = temp.create("lma");
        NetworkNamespace b = temp.create("lmb");
        NetworkNamespace c = temp.create("lmc");
        String an = TempNamespaces.name(a);
        String bn = TempNamespaces.name(b);
        String cn = TempNamespaces.name(c);
        try (Rtnetlink ra = Rtnetlink.open(a); Rtnetlink rb = Rtnetlink.open(b); Rtnetlink rc = Rtnetlink.open(c)) {
            ra.nsids().set(b, 42);
            ra.links().add(LinkSpec.veth("ve", "vf").peerNamespace(b));
            assertThat(ipLinkNetnsid(an, "ve")).isEqualTo(42);
            assertThat(ra.links().get("ve").linkNetnsId()).hasValue(42);

            // created here, peer moved afterwards
            ra.links().add(LinkSpec.veth("vx", "vy"));
            assertThat(ra.links().get("vx").linkNetnsId()).isEmpty();
            assertThat(ipLinkNetnsid(an, "vx")).isNull();
            ra.links().setNamespace("vy", c);
            Integer idOfC = ipLinkNetnsid(an, "vx");
            assertThat(idOfC).isNotNull().isNotEqualTo(42);
            assertThat(ra.links().get("vx").linkNetnsId()).hasValue(idOfC);
            assertThat(ra.nsids().get(c)).hasValue(idOfC);
            Integer idOfAInC = ipLinkNetnsid(cn, "vy");
            assertThat(rc.links().get("vy").linkNetnsId()).hasValue(idOfAInC);
            assertThat(rc.nsids().get(a)).hasValue(idOfAInC);
            assertThat(rb.links().get("vf").linkNetnsId()).hasValue(ipLinkNetnsid(bn, "vf"));
            assertLinkNetnsidsAgree(ra, an);
            assertLinkNetnsidsAgree(rb, bn);
            assertLinkNetnsidsAgree(rc, cn);
            assertNsidsAgree(ra, an);
            assertThat(ra.nsids().list()).containsExactlyInAnyOrder(42, idOfC);
        }
    }
}
