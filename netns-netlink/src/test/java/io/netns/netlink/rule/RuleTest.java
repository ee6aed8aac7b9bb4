// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.rule;

import io.netns.NetworkNamespace;
import io.netns.netlink.Family;
import io.netns.netlink.IpDifferential;
import io.netns.netlink.IpDifferential.Listing;
import io.netns.netlink.IpDifferential.Step;
import io.netns.netlink.IpDifferential.Twins;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.NetlinkException;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.TestTopology;
import io.netns.netlink.route.RouteType;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.netns.netlink.IpDifferential.agree;
import static io.netns.netlink.IpDifferential.args;
import static io.netns.netlink.IpDifferential.assertSameFailure;
import static io.netns.netlink.IpDifferential.ipRun;
import static io.netns.netlink.IpView.PROTOCOLS;
import static io.netns.netlink.IpView.addr;
import static io.netns.netlink.IpView.number;
import static io.netns.netlink.IpView.table;
import static io.netns.netlink.IpView.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Policy-routing rules against the real kernel, each test in fresh namespaces, checked against
 * {@code ip -j rule} run in the same namespace.
 */
@PrivilegedTest
class RuleTest {
    static final int ENOENT = 2;
    static final int EEXIST = 17;

    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

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
            agree("ip rule show " + f, () -> rt.rules().list(f).stream().map(RuleTest::fromJava).toList(),
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
                    .map(RuleTest::fromJava).toList(), () -> {
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

    /** The rules of each family, as ip and the library list them, in the kernel's order (by priority). */
    static final List<Listing<RuleView>> BY_FAMILY = Stream.of(Family.INET, Family.INET6)
            .map(f -> Listing.ordered("ip rule show " + f, ns -> ipRules(ns, f),
                    (rt, ns) -> rt.rules().list(f).stream().map(RuleTest::fromJava).toList()))
            .toList();

    @Test
    void rulesCreatedByIpAndByJavaAreIdentical() {
        List<Step> steps = new ArrayList<>();
        for (RulePair p : RULES) {
            steps.add(Step.of(p.ip(), rt -> rt.rules().add(p.java())));
        }
        steps.add(Step.of("rule add fwmark 7 table 5",
                rt -> rt.rules().add(RuleSpec.of(Family.INET).fwmark(7, 0xffffffff).table(5))));
        IpDifferential.assertSameAsIp(temp, "ru", TestTopology::wire, steps, BY_FAMILY);
    }

    /**
     * {@code ip rule del priority N} deletes the rule of that priority whatever its table or action:
     * ip sends neither a table nor an action, and the kernel matches only what is given.
     */
    @Test
    void ruleDelByPriorityOnlyDeletesLikeIp() {
        Twins t = IpDifferential.assertSameAsIp(temp, "rud", rt -> {
            rt.rules().add(RuleSpec.ofSource("198.18.1.0/24").priority(300).table(100));
            rt.rules().add(RuleSpec.ofSource("198.18.2.0/24").priority(301).action(RouteType.BLACKHOLE));
        }, List.of(
                Step.of("rule del priority 300", rt -> rt.rules().del(RuleSpec.of(Family.INET).priority(300))),
                Step.of("rule del priority 301", rt -> rt.rules().del(RuleSpec.of(Family.INET).priority(301)))),
                BY_FAMILY);
        for (String ns : List.of(t.byIpName(), t.byJavaName())) {
            assertThat(ipRules(ns, Family.INET)).as(ns).extracting(RuleView::priority)
                    .containsExactly(0L, 32766L, 32767L);
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
}
