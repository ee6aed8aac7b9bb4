// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.expr;

import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One statement of a rule, in libnftables JSON terms (libnftables-json(5), "STATEMENTS"): the
 * items of a rule's {@code "expr"} array. Each record is the JSON object of the same name:
 * {@link Match} is {@code {"match": {"op": "==", "left": ..., "right": ...}}}, {@link Counter}
 * {@code {"counter": {"packets": 0, "bytes": 0}}}, {@link Verdict} {@code {"accept": null}} ...
 */
public sealed interface Statement
        permits Statement.Match, Statement.Counter, Statement.Reject, Statement.Nat, Statement.Limit,
        Statement.Log, Statement.Quota, Statement.Mangle, Statement.VerdictMap, Statement.Raw, Verdict {

    /**
     * A test: the rule goes on only if it holds. {@code tcp dport 22} is
     * {@code new Match("==", new Payload("tcp", "dport"), Value.of(22))}.
     *
     * @param op {@code ==}, {@code !=}, {@code <}, {@code >}, {@code <=}, {@code >=}, or {@code in}
     *     (set membership, or any of a bitmask's flags)
     * @param left what is tested
     * @param right what it is compared with
     */
    record Match(String op, Expression left, Expression right) implements Statement {
        /** Checks the operator. */
        public Match {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            switch (Objects.requireNonNull(op, "op")) {
                case "==", "!=", "<", ">", "<=", ">=", "in" -> {
                }
                default -> throw new IllegalArgumentException("not a match operator: " + op
                        + " (==, !=, <, >, <=, >=, in)");
            }
        }

        /**
         * {@return {@code left == right}}
         *
         * @param left what is tested
         * @param right what it equals
         */
        public static Match eq(Expression left, Expression right) {
            return new Match("==", left, right);
        }
    }

    /**
     * A counter of the packets and bytes that reach it. Added with zeros (JSON
     * {@code {"counter": null}}); listed with the kernel's counts.
     *
     * @param packets packets counted
     * @param bytes bytes counted
     */
    record Counter(long packets, long bytes) implements Statement {
        /** {@return a new counter, at zero} */
        public static Counter zero() {
            return new Counter(0, 0);
        }
    }

    /**
     * Rejects the packet with an ICMP error or a TCP reset.
     *
     * @param type {@code icmp}, {@code icmpv6}, {@code icmpx} or {@code tcp reset}; empty for the
     *     family's default (what {@code nft} prints explicitly after listing)
     * @param expr the ICMP code name ({@code port-unreachable}, {@code host-unreachable},
     *     {@code admin-prohibited} ...), empty for {@code tcp reset} and the default
     */
    record Reject(Optional<String> type, Optional<String> expr) implements Statement {
        /** Checks the parts are there. */
        public Reject {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(expr, "expr");
        }
    }

    /**
     * Network address translation: {@code snat}, {@code dnat}, {@code masquerade} or {@code redirect}.
     *
     * @param kind {@code snat}, {@code dnat}, {@code masquerade} or {@code redirect}
     * @param family {@code ip} or {@code ip6}: needed for an address in an {@code inet} table
     * @param addr the address, a {@link Expression.Range} of addresses, or empty (not for masquerade and redirect)
     * @param port the port, a {@link Expression.Range} of ports, or empty
     * @param flags {@code random}, {@code fully-random}, {@code persistent}
     */
    record Nat(String kind, Optional<String> family, Optional<Expression> addr, Optional<Expression> port,
               List<String> flags) implements Statement {
        /** Checks the kind; copies the flags. */
        public Nat {
            switch (Objects.requireNonNull(kind, "kind")) {
                case "snat", "dnat", "masquerade", "redirect" -> {
                }
                default -> throw new IllegalArgumentException("not a NAT statement: " + kind);
            }
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(addr, "addr");
            Objects.requireNonNull(port, "port");
            flags = List.copyOf(flags);
        }

        /** {@return {@code masquerade}} */
        public static Nat masquerade() {
            return new Nat("masquerade", Optional.empty(), Optional.empty(), Optional.empty(), List.of());
        }
    }

    /**
     * A rate limit: matches while the rate is below {@code rate} per {@code per} (above it, with
     * {@code inv}: {@code limit rate over ...}).
     *
     * @param rate the rate
     * @param per {@code second}, {@code minute}, {@code hour}, {@code day} or {@code week}
     * @param burst the burst: packets, or bytes for a byte rate
     * @param rateUnit for a byte rate {@code bytes}, {@code kbytes} or {@code mbytes}; empty for packets
     * @param burstUnit for a byte rate the burst's unit; empty for packets
     * @param inv {@code over}: match above the rate
     */
    record Limit(long rate, String per, long burst, Optional<String> rateUnit, Optional<String> burstUnit,
                 boolean inv) implements Statement {
        /** Checks the parts are there. */
        public Limit {
            Objects.requireNonNull(per, "per");
            Objects.requireNonNull(rateUnit, "rateUnit");
            Objects.requireNonNull(burstUnit, "burstUnit");
        }

        /**
         * {@return {@code limit rate RATE/PER burst 5 packets}}
         *
         * @param rate packets
         * @param per the period
         */
        public static Limit packets(long rate, String per) {
            return new Limit(rate, per, 5, Optional.empty(), Optional.empty(), false);
        }
    }

    /**
     * Logs the packet (to the kernel log, or to an nflog group).
     *
     * @param prefix the log prefix
     * @param group the nflog group
     * @param snaplen with a group: how much of the packet
     * @param queueThreshold with a group: how many packets to queue
     * @param level {@code emerg} ... {@code debug}, {@code audit}
     * @param flags {@code tcp sequence}, {@code tcp options}, {@code ip options}, {@code skuid},
     *     {@code ether}, or {@code all}
     */
    record Log(Optional<String> prefix, OptionalInt group, OptionalInt snaplen, OptionalInt queueThreshold,
               Optional<String> level, List<String> flags) implements Statement {
        /** Checks the parts are there; copies the flags. */
        public Log {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(snaplen, "snaplen");
            Objects.requireNonNull(queueThreshold, "queueThreshold");
            Objects.requireNonNull(level, "level");
            flags = List.copyOf(flags);
        }

        /**
         * {@return {@code log prefix PREFIX}}
         *
         * @param prefix the prefix
         */
        public static Log prefix(String prefix) {
            return new Log(Optional.of(prefix), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                    Optional.empty(), List.of());
        }
    }

    /**
     * A byte quota: matches until {@code val} bytes passed (after, with {@code inv}:
     * {@code quota over ...}).
     *
     * @param val the quota
     * @param valUnit {@code bytes}, {@code kbytes} or {@code mbytes}
     * @param used what was used so far
     * @param usedUnit its unit
     * @param inv {@code over}: match once the quota is used up
     */
    record Quota(long val, String valUnit, long used, String usedUnit, boolean inv) implements Statement {
        /** Checks the units are there. */
        public Quota {
            Objects.requireNonNull(valUnit, "valUnit");
            Objects.requireNonNull(usedUnit, "usedUnit");
        }
    }

    /**
     * Sets a meta or conntrack datum: {@code meta mark set 0x2}, {@code ct mark set 0x5}.
     *
     * @param key a {@link Expression.Meta} or {@link Expression.Ct}
     * @param value the value
     */
    record Mangle(Expression key, Expression value) implements Statement {
        /** Checks the parts are there. */
        public Mangle {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A verdict map: the verdict is looked up by key ({@code tcp dport vmap { 22 : accept }}).
     *
     * @param key what is looked up
     * @param data a {@link Expression.SetLiteral} of {@link Expression.MapEntry}s, or a
     *     {@link Expression.SetRef} to a named verdict map
     */
    record VerdictMap(Expression key, Expression data) implements Statement {
        /** Checks the parts are there. */
        public VerdictMap {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * A kernel expression this version cannot express as a statement, kept byte for byte so that a
     * rule read and written back is unchanged. JSON
     * {@code {"raw": {"expr": "NAME", "data": "HEX"}}} (netns's own form; {@code nft} prints such a
     * rule in its own way).
     *
     * @param expr the kernel expression's name (NFTA_EXPR_NAME)
     * @param data its NFTA_EXPR_DATA attributes, or empty for none
     */
    record Raw(String expr, Optional<byte[]> data) implements Statement {
        /** Copies the bytes. */
        public Raw {
            Objects.requireNonNull(expr, "expr");
            data = data.map(byte[]::clone);
        }

        /** {@return a copy of the NFTA_EXPR_DATA bytes, if there were any} */
        @Override
        public Optional<byte[]> data() {
            return data.map(byte[]::clone);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Raw r && r.expr.equals(expr)
                    && java.util.Arrays.equals(data.orElse(null), r.data.orElse(null));
        }

        @Override
        public int hashCode() {
            return expr.hashCode() * 31 + java.util.Arrays.hashCode(data.orElse(null));
        }

        @Override
        public String toString() {
            return "Raw[" + expr + ", " + data.map(HexFormat.of()::formatHex).orElse("-") + "]";
        }
    }
}
