// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.expr;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An expression of libnftables JSON (libnftables-json(5), "EXPRESSIONS"): what a {@link
 * Statement.Match} compares, what a NAT statement maps to, an element of a set. Each record
 * prints and parses as the JSON object of the same name: {@link Payload} is
 * {@code {"payload": {"protocol": "tcp", "field": "dport"}}}, {@link Value} a bare string or
 * number ({@code "198.18.0.1"}, {@code 22}).
 *
 * <p>Values are kept as the JSON spells them and typed by what they are compared with: the same
 * {@code "lo"} is an interface name after {@code meta iifname} and an interface index after
 * {@code meta iif}; bad values are refused when a transaction is encoded, before the kernel is
 * asked.
 */
public sealed interface Expression
        permits Expression.Payload, Expression.RawPayload, Expression.Meta, Expression.Ct, Expression.Numgen,
        Expression.Value, Expression.Prefix, Expression.Range, Expression.SetLiteral, Expression.SetRef,
        Expression.ValueList, Expression.Binary, Expression.Concat, Expression.MapEntry, Verdict {

    /**
     * A header field: {@code ip saddr}, {@code tcp dport}, {@code ether type} ...
     *
     * @param protocol {@code ether}, {@code ip}, {@code ip6}, {@code tcp}, {@code udp}, {@code icmp},
     *     {@code icmpv6} or {@code th} (any transport header)
     * @param field the field: {@code saddr}, {@code dport}, {@code type} ...
     */
    record Payload(String protocol, String field) implements Expression {
        /** Checks the parts are there. */
        public Payload {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(field, "field");
        }
    }

    /**
     * Raw header bytes: {@code @nh,96,32} (JSON {@code {"payload": {"base": "nh", "offset": 96, "len": 32}}}).
     *
     * @param base {@code ll} (link layer), {@code nh} (network), {@code th} (transport) or {@code ih} (inner)
     * @param offset the offset in bits (a multiple of 8)
     * @param length the length in bits (a multiple of 8)
     */
    record RawPayload(String base, int offset, int length) implements Expression {
        /** Checks the base is named. */
        public RawPayload {
            Objects.requireNonNull(base, "base");
        }
    }

    /**
     * A packet's meta datum: {@code meta iifname}, {@code meta l4proto}, {@code meta mark} ...
     *
     * @param key {@code iif}, {@code oif}, {@code iifname}, {@code oifname}, {@code l4proto},
     *     {@code nfproto}, {@code protocol}, {@code mark}, {@code pkttype}, {@code length},
     *     {@code priority}, {@code iiftype}, {@code oiftype}, {@code skuid}, {@code skgid},
     *     {@code cpu}
     */
    record Meta(String key) implements Expression {
        /** Checks the key is there. */
        public Meta {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * A connection-tracking datum: {@code ct state}, {@code ct mark}, {@code ct original ip saddr} ...
     *
     * @param key {@code state}, {@code status}, {@code mark}, {@code direction}, {@code l3proto},
     *     {@code protocol}, {@code expiration}; with a direction {@code ip saddr}, {@code ip daddr},
     *     {@code ip6 saddr}, {@code ip6 daddr}, {@code proto-src}, {@code proto-dst}
     * @param dir {@code original} or {@code reply}, for the keys of one direction
     */
    record Ct(String key, Optional<String> dir) implements Expression {
        /** Checks the parts are there. */
        public Ct {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(dir, "dir");
        }

        /**
         * {@return {@code ct KEY} without a direction}
         *
         * @param key the key
         */
        public static Ct of(String key) {
            return new Ct(key, Optional.empty());
        }
    }

    /**
     * A number generator: {@code numgen random mod 100} ({@code offset} is added).
     *
     * @param mode {@code random} or {@code inc}
     * @param mod the modulus (at least 1)
     * @param offset what is added to each number
     */
    record Numgen(String mode, long mod, long offset) implements Expression {
        /** Checks the mode is there. */
        public Numgen {
            Objects.requireNonNull(mode, "mode");
        }
    }

    /**
     * A constant as JSON spells it: a string ({@code "198.18.0.1"}, {@code "tcp"}, {@code "lo"}),
     * a number ({@code 22}) or a boolean.
     *
     * @param value a {@link String}, a {@link Long} or a {@link Boolean}
     */
    record Value(Object value) implements Expression {
        /** Checks the value is a string, a number or a boolean. */
        public Value {
            if (!(value instanceof String || value instanceof Long || value instanceof Boolean)) {
                throw new IllegalArgumentException("a value is a String, a Long or a Boolean: " + value);
            }
        }

        /**
         * {@return a string constant}
         *
         * @param s the string
         */
        public static Value of(String s) {
            return new Value(s);
        }

        /**
         * {@return a number constant}
         *
         * @param n the number
         */
        public static Value of(long n) {
            return new Value(n);
        }
    }

    /**
     * An address prefix: {@code 198.18.0.0/15}.
     *
     * @param addr the address, a {@link Value}
     * @param len the prefix length in bits
     */
    record Prefix(Expression addr, int len) implements Expression {
        /** Checks the address is there. */
        public Prefix {
            Objects.requireNonNull(addr, "addr");
        }

        /**
         * {@return the prefix {@code addr/len}}
         *
         * @param addr the address
         * @param len the length
         */
        public static Prefix of(String addr, int len) {
            return new Prefix(Value.of(addr), len);
        }
    }

    /**
     * A closed range: {@code 1000-2000}.
     *
     * @param from the lower bound
     * @param to the upper bound, included
     */
    record Range(Expression from, Expression to) implements Expression {
        /** Checks both bounds are there. */
        public Range {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * An anonymous set: {@code { 22, 80 }} (JSON {@code {"set": [22, 80]}}); the elements of a
     * verdict map are {@link MapEntry}s.
     *
     * @param elements the elements
     */
    record SetLiteral(List<Expression> elements) implements Expression {
        /** Copies the list. */
        public SetLiteral {
            elements = List.copyOf(elements);
        }
    }

    /**
     * A named set of the same table: {@code @blocked} (JSON {@code "@blocked"}).
     *
     * @param name the set's name, without the {@code @}
     */
    record SetRef(String name) implements Expression {
        /** Checks the name is there. */
        public SetRef {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A JSON array of values, as the flags of a bitmask type: {@code ct state established,related}
     * (JSON {@code ["established", "related"]}).
     *
     * @param values the values
     */
    record ValueList(List<Expression> values) implements Expression {
        /** Copies the list. */
        public ValueList {
            values = List.copyOf(values);
        }
    }

    /**
     * A binary operation: {@code {"&": [LEFT, RIGHT]}}, {@code {"|": [A, B, ...]}} ...
     *
     * @param op {@code &}, {@code |}, {@code ^}, {@code <<} or {@code >>}
     * @param operands two or more operands
     */
    record Binary(String op, List<Expression> operands) implements Expression {
        /** Copies the list. */
        public Binary {
            Objects.requireNonNull(op, "op");
            operands = List.copyOf(operands);
        }
    }

    /**
     * A concatenation: {@code ip saddr . tcp dport}.
     *
     * @param parts the expressions, in order
     */
    record Concat(List<Expression> parts) implements Expression {
        /** Copies the list. */
        public Concat {
            parts = List.copyOf(parts);
        }
    }

    /**
     * An element of a map: {@code 22 : accept} (JSON {@code [22, {"accept": null}]}).
     *
     * @param key the key
     * @param value the value: a {@link Verdict} in a verdict map
     */
    record MapEntry(Expression key, Expression value) implements Expression {
        /** Checks both parts are there. */
        public MapEntry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }
}
