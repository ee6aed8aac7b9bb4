// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import io.netns.nftables.Family;
import io.netns.nftables.expr.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static io.netns.nftables.internal.Nft.*;

/**
 * The statements that are one kernel expression each ({@code limit}, {@code log}, {@code quota},
 * {@code reject}) both ways, with {@code nft}'s defaults and its way of printing units.
 */
final class StatementCodec {
    private StatementCodec() {
    }

    private static final String[] UNITS = {"bytes", "kbytes", "mbytes"};
    private static final Map<String, Long> PER = Map.of("second", 1L, "minute", 60L, "hour", 3600L, "day", 86400L,
            "week", 604800L);
    static final String[] LEVELS = {"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug", "audit"};
    private static final String[] LOG_FLAGS = {"tcp sequence", "tcp options", "ip options", "skuid", "", "ether"};
    /** NF_LOG_MASK: every flag. */
    private static final int LOG_ALL = 0x2f;

    static long unitBytes(String unit, String where) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                return 1L << (10 * i);
            }
        }
        throw new IllegalArgumentException(where + " unit \"" + unit + "\" (bytes, kbytes, mbytes)");
    }

    /** A byte count as {@code nft} prints it: in the largest unit that divides it. */
    static Object[] rate(long bytes) {
        int u = 0;
        long v = bytes;
        while (u < 2 && v != 0 && v % 1024 == 0) {
            v /= 1024;
            u++;
        }
        return new Object[] {v, UNITS[u]};
    }

    static Low.Limit limit(Statement.Limit l) {
        Long per = PER.get(l.per());
        if (per == null) {
            throw new IllegalArgumentException("limit per \"" + l.per() + "\" (second, minute, hour, day, week)");
        }
        if (l.rate() < 1) {
            throw new IllegalArgumentException("limit rate must be at least 1");
        }
        int flags = l.inv() ? NFT_LIMIT_F_INV : 0;
        if (l.rateUnit().isPresent()) {
            long rate = l.rate() * unitBytes(l.rateUnit().get(), "limit rate");
            long burst = l.burst() * unitBytes(l.burstUnit().orElse("bytes"), "limit burst");
            return new Low.Limit(rate, per, burst == 0 ? null : (int) burst, NFT_LIMIT_PKT_BYTES, flags);
        }
        return new Low.Limit(l.rate(), per, (int) l.burst(), NFT_LIMIT_PKTS, flags);
    }

    static Statement.Limit limit(Low.Limit l) {
        String per = "second";
        for (Map.Entry<String, Long> e : PER.entrySet()) {
            if (e.getValue() == l.unit()) {
                per = e.getKey();
            }
        }
        boolean inv = l.flags() != null && (l.flags() & NFT_LIMIT_F_INV) != 0;
        long burst = l.burst() == null ? 0 : Integer.toUnsignedLong(l.burst());
        if (l.type() != null && l.type() == NFT_LIMIT_PKT_BYTES) {
            Object[] r = rate(l.rate());
            Object[] b = rate(burst);
            return new Statement.Limit((Long) r[0], per, (Long) b[0], Optional.of((String) r[1]),
                    Optional.of((String) b[1]), inv);
        }
        return new Statement.Limit(l.rate(), per, burst, Optional.empty(), Optional.empty(), inv);
    }

    static boolean isKnownPer(long unit) {
        return PER.containsValue(unit);
    }

    static Low.Log log(Statement.Log l) {
        Integer level = null;
        if (l.level().isPresent()) {
            level = -1;
            for (int i = 0; i < LEVELS.length; i++) {
                if (LEVELS[i].equals(l.level().get())) {
                    level = i;
                }
            }
            if (level < 0) {
                throw new IllegalArgumentException("log level \"" + l.level().get() + "\" (" + String.join(", ", LEVELS) + ")");
            }
        }
        int flags = 0;
        for (String f : l.flags()) {
            int bit = f.equals("all") ? LOG_ALL : -1;
            for (int i = 0; i < LOG_FLAGS.length && bit < 0; i++) {
                if (!LOG_FLAGS[i].isEmpty() && LOG_FLAGS[i].equals(f)) {
                    bit = 1 << i;
                }
            }
            if (bit < 0) {
                throw new IllegalArgumentException("log flag \"" + f + "\" (tcp sequence, tcp options, ip options, skuid, ether, all)");
            }
            flags |= bit;
        }
        return new Low.Log(l.group().isPresent() ? l.group().getAsInt() : null, l.prefix().orElse(null),
                l.snaplen().isPresent() ? l.snaplen().getAsInt() : null,
                l.queueThreshold().isPresent() ? l.queueThreshold().getAsInt() : null, level,
                flags == 0 ? null : flags);
    }

    static Statement.Log log(Low.Log l) {
        List<String> flags = new ArrayList<>();
        if (l.flags() != null) {
            if ((l.flags() & LOG_ALL) == LOG_ALL) {
                flags.add("all");
            } else {
                for (int i = 0; i < LOG_FLAGS.length; i++) {
                    if ((l.flags() & (1 << i)) != 0 && !LOG_FLAGS[i].isEmpty()) {
                        flags.add(LOG_FLAGS[i]);
                    }
                }
            }
        }
        Optional<String> level = l.level() == null || l.level() == 4 || l.level() < 0 || l.level() >= LEVELS.length
                ? Optional.empty() : Optional.of(LEVELS[l.level()]);
        return new Statement.Log(Optional.ofNullable(l.prefix()), opt(l.group()), opt(l.snaplen()), opt(l.qthreshold()),
                level, flags);
    }

    private static OptionalInt opt(Integer v) {
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    static Low.Quota quota(Statement.Quota q) {
        long bytes = q.val() * unitBytes(q.valUnit(), "quota");
        long used = q.used() * unitBytes(q.usedUnit(), "quota used");
        return new Low.Quota(bytes, q.inv() ? NFT_QUOTA_F_INV : 0, used);
    }

    static Statement.Quota quota(Low.Quota q) {
        Object[] v = rate(q.bytes());
        Object[] u = rate(q.consumed() == null ? 0 : q.consumed());
        return new Statement.Quota((Long) v[0], (String) v[1], (Long) u[0], (String) u[1],
                q.flags() != null && (q.flags() & NFT_QUOTA_F_INV) != 0);
    }

    static Low.Reject reject(Statement.Reject r, Family family) {
        if (r.type().isEmpty()) {
            if (r.expr().isPresent()) {
                throw new IllegalArgumentException("a reject code needs a type (icmp, icmpv6, icmpx)");
            }
            return switch (family) {
                case IP -> new Low.Reject(NFT_REJECT_ICMP_UNREACH, 3);
                case IP6 -> new Low.Reject(NFT_REJECT_ICMP_UNREACH, 4);
                default -> new Low.Reject(NFT_REJECT_ICMPX_UNREACH, 1);
            };
        }
        String type = r.type().get();
        Type codes = switch (type) {
            case "tcp reset" -> null;
            case "icmp" -> Type.ICMP_CODE;
            case "icmpv6" -> Type.ICMPV6_CODE;
            case "icmpx" -> Type.ICMPX_CODE;
            default -> throw new IllegalArgumentException("reject type \"" + type + "\" (icmp, icmpv6, icmpx, tcp reset)");
        };
        if (codes == null) {
            return new Low.Reject(NFT_REJECT_TCP_RST, 0);
        }
        if ((type.equals("icmp") && family == Family.IP6) || (type.equals("icmpv6") && family == Family.IP)) {
            throw new IllegalArgumentException("reject with " + type + " in an " + family + " table");
        }
        String expr = r.expr().orElse("port-unreachable");
        long code = codes.symbol(expr);
        if (code < 0) {
            throw new IllegalArgumentException("\"" + expr + "\" is not a " + codes + " (" + String.join(", ",
                    codes.symbols.values()) + ")");
        }
        return new Low.Reject(type.equals("icmpx") ? NFT_REJECT_ICMPX_UNREACH : NFT_REJECT_ICMP_UNREACH, (int) code);
    }

    /** The reject as nft lists it; null if nft would print it otherwise (an ICMP type for another family). */
    static Statement.Reject reject(Low.Reject r, Family family, String l3) {
        int code = r.code() == null ? 0 : r.code();
        return switch (r.type()) {
            case NFT_REJECT_TCP_RST -> new Statement.Reject(Optional.of("tcp reset"), Optional.empty());
            case NFT_REJECT_ICMPX_UNREACH -> named("icmpx", Type.ICMPX_CODE, code);
            case NFT_REJECT_ICMP_UNREACH -> {
                String fam = family == Family.IP6 || "ip6".equals(l3) ? "icmpv6" : "icmp";
                yield named(fam, fam.equals("icmp") ? Type.ICMP_CODE : Type.ICMPV6_CODE, code);
            }
            default -> null;
        };
    }

    private static Statement.Reject named(String type, Type codes, int code) {
        String name = codes.symbols.get((long) code);
        return name == null ? null : new Statement.Reject(Optional.of(type), Optional.of(name));
    }

    static int natFlags(List<String> flags) {
        int f = 0;
        for (String s : flags) {
            f |= switch (s) {
                case "random" -> NF_NAT_RANGE_PROTO_RANDOM;
                case "fully-random" -> NF_NAT_RANGE_PROTO_RANDOM_FULLY;
                case "persistent" -> NF_NAT_RANGE_PERSISTENT;
                default -> throw new IllegalArgumentException("NAT flag \"" + s + "\" (random, fully-random, persistent)");
            };
        }
        return f;
    }

    static List<String> natFlagNames(Integer flags) {
        List<String> out = new ArrayList<>();
        if (flags != null) {
            if ((flags & NF_NAT_RANGE_PROTO_RANDOM) != 0) {
                out.add("random");
            }
            if ((flags & NF_NAT_RANGE_PROTO_RANDOM_FULLY) != 0) {
                out.add("fully-random");
            }
            if ((flags & NF_NAT_RANGE_PERSISTENT) != 0) {
                out.add("persistent");
            }
        }
        return out;
    }
}
