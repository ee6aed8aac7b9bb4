// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables;

import io.netns.Errno;
import io.netns.nftables.expr.Expression;
import io.netns.nftables.expr.Expression.Meta;
import io.netns.nftables.expr.Expression.Numgen;
import io.netns.nftables.expr.Expression.Payload;
import io.netns.nftables.expr.Expression.Prefix;
import io.netns.nftables.expr.Expression.Value;
import io.netns.nftables.expr.Statement;
import io.netns.nftables.expr.Statement.Match;
import io.netns.nftables.expr.Verdict;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The recipes of {@link Nftables}: each builds a table of its own (a random name, created with
 * {@code create table} so it can never take over someone else's) in one transaction.
 */
final class Recipes {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Recipes() {
    }

    /** An address family of a prefix, and the prefix itself. */
    private record Net(boolean v6, Expression value) {
        Payload saddr() {
            return new Payload(v6 ? "ip6" : "ip", "saddr");
        }

        Payload daddr() {
            return new Payload(v6 ? "ip6" : "ip", "daddr");
        }
    }

    /** Parses {@code 198.18.0.0/24}, {@code fd42:6e73::/32} or a plain address; refuses anything else. */
    static Net net(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an address or prefix is needed");
        }
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        boolean v6 = addr.indexOf(':') >= 0;
        int max = v6 ? 128 : 32;
        byte[] raw = io.netns.nftables.internal.Values.parseAddress(addr);
        if (raw == null || raw.length != (v6 ? 16 : 4)) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address or prefix: \"" + text + "\"");
        }
        if (slash < 0) {
            return new Net(v6, Value.of(addr));
        }
        int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in \"" + text + "\"");
        }
        if (len < 1 || len > max) {
            throw new IllegalArgumentException("prefix length " + len + " out of range 1.." + max + " in \"" + text + "\"");
        }
        return new Net(v6, len == max ? Value.of(addr) : Prefix.of(addr, len));
    }

    private static String name(String kind) {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return "netns_" + kind + "_" + HexFormat.of().formatHex(b);
    }

    private static Statement counter() {
        return Statement.Counter.zero();
    }

    /** Creates the recipe's table and what {@code body} adds to it; retries on a name collision. */
    private static Recipe create(Nftables nft, Family family, String kind, java.util.function.BiConsumer<String,
            Transaction> body, Runnable restore) {
        for (int attempt = 0; ; attempt++) {
            String table = name(kind);
            Transaction t = Transaction.create().create(Table.of(family, table));
            body.accept(table, t);
            try {
                nft.apply(t);
            } catch (NftablesException e) {
                if (e.errno() == Errno.EEXIST && e.commandIndex().orElse(-1) == 0 && attempt < 3) {
                    continue;
                }
                restore.run();
                throw e;
            } catch (RuntimeException e) {
                restore.run();
                throw e;
            }
            return new Recipe(nft, family, table, restore);
        }
    }

    /** Turns forwarding on if it is off; returns what undoes exactly that. */
    private static Runnable forwarding(Nftables nft, boolean v6) {
        String key = v6 ? "net.ipv6.conf.all.forwarding" : "net.ipv4.ip_forward";
        String before = nft.namespace().sysctl(key).strip();
        if (!before.equals("0")) {
            return () -> { };
        }
        nft.namespace().setSysctl(key, "1");
        return () -> nft.namespace().setSysctl(key, before);
    }

    static Recipe masquerade(Nftables nft, String outInterface, String fromPrefix) {
        if (outInterface == null || outInterface.isEmpty() || outInterface.length() > 15) {
            throw new IllegalArgumentException("an interface name of 1 to 15 bytes: \"" + outInterface + "\"");
        }
        Net from = net(fromPrefix);
        Family f = from.v6() ? Family.IP6 : Family.IP;
        Runnable restore = forwarding(nft, from.v6());
        return create(nft, f, "masquerade", (table, t) -> {
            t.add(Chain.base(f, table, "postrouting", "nat", "postrouting", 100, "accept"));
            t.add(Rule.of(f, table, "postrouting", Match.eq(from.saddr(), from.value()),
                    Match.eq(new Meta("oifname"), Value.of(outInterface)), counter(), Statement.Nat.masquerade()));
        }, restore);
    }

    static Recipe forwardPort(Nftables nft, String proto, int port, String toAddress, int toPort) {
        if (!proto.equals("tcp") && !proto.equals("udp")) {
            throw new IllegalArgumentException("forwardPort forwards tcp or udp, not \"" + proto + "\"");
        }
        if (port < 1 || port > 65535 || toPort < 1 || toPort > 65535) {
            throw new IllegalArgumentException("ports are 1 to 65535: " + port + ", " + toPort);
        }
        Net to = net(toAddress);
        if (!(to.value() instanceof Value)) {
            throw new IllegalArgumentException("forwardPort needs an address, not a prefix: \"" + toAddress + "\"");
        }
        Family f = to.v6() ? Family.IP6 : Family.IP;
        Runnable restore = forwarding(nft, to.v6());
        return create(nft, f, "forward", (table, t) -> {
            t.add(Chain.base(f, table, "prerouting", "nat", "prerouting", -100, "accept"));
            t.add(Chain.base(f, table, "output", "nat", "output", -100, "accept"));
            for (String chain : List.of("prerouting", "output")) {
                t.add(Rule.of(f, table, chain, Match.eq(new Payload(proto, "dport"), Value.of(port)), counter(),
                        new Statement.Nat("dnat", Optional.empty(), Optional.of(to.value()),
                                Optional.of(Value.of(toPort)), List.of())));
            }
        }, restore);
    }

    private static final List<String> FILTER_HOOKS = List.of("input", "forward", "output");

    static Recipe isolate(Nftables nft, List<String> prefixes) {
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("isolate needs at least one prefix");
        }
        List<Net> nets = prefixes.stream().map(Recipes::net).toList();
        return create(nft, Family.INET, "isolate", (table, t) -> {
            for (String hook : FILTER_HOOKS) {
                t.add(Chain.base(Family.INET, table, hook, "filter", hook, 0, "accept"));
                for (Net n : nets) {
                    t.add(Rule.of(Family.INET, table, hook, Match.eq(n.saddr(), n.value()), counter(), Verdict.drop()));
                    t.add(Rule.of(Family.INET, table, hook, Match.eq(n.daddr(), n.value()), counter(), Verdict.drop()));
                }
            }
        }, () -> { });
    }

    static Recipe partition(Nftables nft, String a, String b) {
        Net na = net(a);
        Net nb = net(b);
        if (na.v6() != nb.v6()) {
            throw new IllegalArgumentException("a partition is between prefixes of one family: " + a + ", " + b);
        }
        return create(nft, Family.INET, "partition", (table, t) -> {
            for (String hook : FILTER_HOOKS) {
                t.add(Chain.base(Family.INET, table, hook, "filter", hook, 0, "accept"));
                t.add(Rule.of(Family.INET, table, hook, Match.eq(na.saddr(), na.value()),
                        Match.eq(nb.daddr(), nb.value()), counter(), Verdict.drop()));
                t.add(Rule.of(Family.INET, table, hook, Match.eq(nb.saddr(), nb.value()),
                        Match.eq(na.daddr(), na.value()), counter(), Verdict.drop()));
            }
        }, () -> { });
    }

    static Recipe dropRandom(Nftables nft, int percent) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("dropRandom takes 1 to 100 percent: " + percent);
        }
        return create(nft, Family.INET, "droprandom", (table, t) -> {
            t.add(Chain.base(Family.INET, table, "prerouting", "filter", "prerouting", -300, "accept"));
            t.add(Rule.of(Family.INET, table, "prerouting", new Match("<", new Numgen("random", 100, 0),
                    Value.of(percent)), counter(), Verdict.drop()));
        }, () -> { });
    }

    static Recipe limit(Nftables nft, long packetsPerSecond, int burst) {
        if (packetsPerSecond < 1 || burst < 0) {
            throw new IllegalArgumentException("limit needs a rate of at least 1 packet per second and a burst >= 0");
        }
        return create(nft, Family.INET, "limit", (table, t) -> {
            t.add(Chain.base(Family.INET, table, "prerouting", "filter", "prerouting", -300, "accept"));
            List<Statement> s = new ArrayList<>();
            s.add(new Statement.Limit(packetsPerSecond, "second", burst, Optional.empty(), Optional.empty(), true));
            s.add(counter());
            s.add(Verdict.drop());
            t.add(new Rule(Family.INET, table, "prerouting", 0, s, Optional.empty()));
        }, () -> { });
    }
}
