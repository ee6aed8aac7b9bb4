// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import io.netns.netlink.internal.IpText;
import io.netns.nftables.expr.Expression;
import io.netns.nftables.expr.Expression.Binary;
import io.netns.nftables.expr.Expression.Value;
import io.netns.nftables.expr.Expression.ValueList;

import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Constants of libnftables JSON to register bytes and back, by {@link Type}: addresses as strings,
 * ports and integers as numbers, protocol and ICMP type names as {@code nft} prints them,
 * interface indexes as the names of the namespace's links.
 */
public final class Values {
    private Values() {
    }

    /** Interface names and indexes of the namespace a ruleset belongs to ({@code meta iif "lo"}). */
    public interface Links {
        /**
         * {@return the index of link {@code name}}
         *
         * @param name the name
         * @throws IllegalArgumentException if there is none
         */
        int index(String name);

        /**
         * {@return the name of link {@code index}, if it exists}
         *
         * @param index the index
         */
        Optional<String> name(int index);
    }

    /** Links of nowhere: names cannot be resolved (codec tests). */
    public static final Links NO_LINKS = new Links() {
        @Override
        public int index(String name) {
            throw new IllegalArgumentException("interface \"" + name + "\": no interface names known here");
        }

        @Override
        public Optional<String> name(int index) {
            return Optional.empty();
        }
    };

    // ================================================================== encoding

    /**
     * {@return {@code v} as the {@code spec.len()} bytes of a register}
     *
     * @param spec the type and layout of what it is compared with
     * @param v the value
     * @param links for interface names
     * @throws IllegalArgumentException if {@code v} is not a value of the type
     */
    static byte[] encode(Fields.Spec spec, Expression v, Links links) {
        Type t = spec.type();
        if (t.kind == Type.Kind.BITMASK && (v instanceof ValueList || v instanceof Binary)) {
            return number(spec, flags(t, v), v);
        }
        if (!(v instanceof Value value)) {
            throw new IllegalArgumentException("expected a value of type " + t + ", got " + describe(v));
        }
        Object o = value.value();
        return switch (t.kind) {
            case IPV4 -> address(o, 4, t);
            case IPV6 -> address(o, 16, t);
            case ETHER -> ether(o);
            case IFNAME -> ifname(o, spec.len(), false);
            case IFINDEX -> {
                if (o instanceof String s && !isNumber(s)) {
                    yield number(spec, links.index(s), v);
                }
                yield number(spec, integer(o, t), v);
            }
            case SYMBOL, BITMASK -> {
                if (o instanceof String s && !isNumber(s)) {
                    long n = t.symbol(s);
                    if (n < 0) {
                        throw new IllegalArgumentException("\"" + s + "\" is not a " + t + " (" + String.join(", ",
                                t.symbols.values()) + ")");
                    }
                    yield number(spec, n, v);
                }
                yield number(spec, integer(o, t), v);
            }
            case INTEGER -> number(spec, integer(o, t), v);
            case VERDICT -> throw new IllegalArgumentException("a verdict is not a value");
        };
    }

    /** The OR of the flags of a list or a {@code |} expression of a bitmask type. */
    static long flags(Type t, Expression v) {
        List<Expression> items = v instanceof ValueList l ? l.values() : v instanceof Binary b && b.op().equals("|")
                ? b.operands() : List.of(v);
        if (v instanceof Binary b && !b.op().equals("|")) {
            throw new IllegalArgumentException("only | combines flags of " + t + ", not " + b.op());
        }
        long n = 0;
        for (Expression e : items) {
            if (!(e instanceof Value value)) {
                throw new IllegalArgumentException("expected a flag of " + t + ", got " + describe(e));
            }
            Object o = value.value();
            if (o instanceof String s && !isNumber(s)) {
                long f = t.symbol(s);
                if (f < 0) {
                    throw new IllegalArgumentException("\"" + s + "\" is not a " + t + " flag (" + String.join(", ",
                            t.symbols.values()) + ")");
                }
                n |= f;
            } else {
                n |= integer(o, t);
            }
        }
        return n;
    }

    static boolean isNumber(String s) {
        return !s.isEmpty() && (s.chars().allMatch(Character::isDigit) || s.matches("0[xX][0-9a-fA-F]+"));
    }

    private static long integer(Object o, Type t) {
        if (o instanceof Long n) {
            return n;
        }
        if (o instanceof String s && isNumber(s)) {
            try {
                return s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16)
                        : Long.parseUnsignedLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("number out of range: " + s);
            }
        }
        throw new IllegalArgumentException("expected a number for " + t + ", got " + describe(Value.of(o.toString())));
    }

    private static byte[] number(Fields.Spec spec, long n, Expression shown) {
        int len = spec.len();
        if (len < 8 && (n < 0 || n >= (1L << (8 * len)))) {
            throw new IllegalArgumentException("value " + describe(shown) + " does not fit the " + (8 * len)
                    + "-bit " + spec.type());
        }
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            int shift = 8 * (spec.bigEndian() ? len - 1 - i : i);
            b[i] = shift < 64 ? (byte) (n >>> shift) : 0;
        }
        return b;
    }

    private static byte[] address(Object o, int len, Type t) {
        if (o instanceof String s) {
            byte[] b = parseAddress(s);
            if (b != null && b.length == len) {
                return b;
            }
        }
        throw new IllegalArgumentException("\"" + o + "\" is not an " + t + " (a numeric address: no names are resolved)");
    }

    /** An address literal: strict dotted quad, or IPv6 text; null if neither. */
    public static byte[] parseAddress(String s) {
        if (s.indexOf(':') >= 0) {
            try {
                InetAddress a = IpText.parse(s);
                return a.getAddress().length == 16 ? a.getAddress() : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            b[i] = (byte) v;
        }
        return b;
    }

    private static byte[] ether(Object o) {
        if (o instanceof String s && s.matches("[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}")) {
            String[] p = s.split(":");
            byte[] b = new byte[6];
            for (int i = 0; i < 6; i++) {
                b[i] = (byte) Integer.parseInt(p[i], 16);
            }
            return b;
        }
        throw new IllegalArgumentException("\"" + o + "\" is not an ether_addr (aa:bb:cc:dd:ee:ff)");
    }

    /**
     * An interface name as {@code meta iifname} compares it: {@code len} bytes NUL-padded, or with a
     * trailing {@code *} (when {@code wildcard}) the bytes before it alone.
     */
    static byte[] ifname(Object o, int len, boolean wildcard) {
        if (!(o instanceof String s)) {
            throw new IllegalArgumentException("an interface name is a string: " + o);
        }
        if (wildcard && s.endsWith("*") && !s.endsWith("\\*")) {
            return s.substring(0, s.length() - 1).getBytes(StandardCharsets.UTF_8);
        }
        byte[] n = s.getBytes(StandardCharsets.UTF_8);
        if (n.length >= len) {
            throw new IllegalArgumentException("interface name \"" + s + "\" is longer than " + (len - 1) + " bytes");
        }
        byte[] b = new byte[len];
        System.arraycopy(n, 0, b, 0, n.length);
        return b;
    }

    static String describe(Expression e) {
        return e instanceof Value v ? (v.value() instanceof String s ? "\"" + s + "\"" : v.value().toString())
                : Json.write(JsonModel.expr(e));
    }

    // ================================================================== decoding

    /**
     * {@return register bytes as the JSON value {@code nft} prints}
     *
     * @param spec the type and layout
     * @param b the bytes (as long as the datum, or shorter for an interface name prefix)
     * @param links for interface indexes
     */
    static Expression decode(Fields.Spec spec, byte[] b, Links links) {
        Type t = spec.type();
        switch (t.kind) {
            case IPV4, IPV6 -> {
                if (b.length == 4 || b.length == 16) {
                    return Value.of(IpText.format(IpText.of(b)));
                }
            }
            case ETHER -> {
                if (b.length == 6) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < 6; i++) {
                        sb.append(i == 0 ? "" : ":").append(String.format("%02x", b[i] & 0xff));
                    }
                    return Value.of(sb.toString());
                }
            }
            case IFNAME -> {
                int n = 0;
                while (n < b.length && b[n] != 0) {
                    n++;
                }
                String s = new String(b, 0, n, StandardCharsets.UTF_8);
                return Value.of(n == b.length && b.length < spec.len() ? s + "*" : s);
            }
            default -> {
            }
        }
        BigInteger big = toNumber(b, spec.bigEndian());
        if (big.bitLength() > 63) {
            return Value.of("0x" + big.toString(16));
        }
        long n = big.longValue();
        switch (t.kind) {
            case IFINDEX -> {
                Optional<String> name = links.name((int) n);
                if (name.isPresent()) {
                    return Value.of(name.get());
                }
            }
            case SYMBOL -> {
                String s = t.symbols.get(n);
                if (s != null) {
                    return Value.of(s);
                }
            }
            case BITMASK -> {
                List<String> names = flagNames(t, n);
                if (names != null) {
                    if (names.size() == 1) {
                        return Value.of(names.get(0));
                    }
                    List<Expression> items = new ArrayList<>();
                    names.forEach(x -> items.add(Value.of(x)));
                    return new Binary("|", items);
                }
            }
            default -> {
            }
        }
        return Value.of(n);
    }

    /** The names of the bits of {@code n}, in the type's order; null if a bit has none or n is 0. */
    static List<String> flagNames(Type t, long n) {
        if (n == 0) {
            return null;
        }
        List<String> names = new ArrayList<>();
        long rest = n;
        for (Map.Entry<Long, String> e : t.symbols.entrySet()) {
            if ((n & e.getKey()) != 0) {
                names.add(e.getValue());
                rest &= ~e.getKey();
            }
        }
        return rest == 0 ? names : null;
    }

    static BigInteger toNumber(byte[] b, boolean bigEndian) {
        byte[] be = new byte[b.length + 1];
        for (int i = 0; i < b.length; i++) {
            be[i + 1] = bigEndian ? b[i] : b[b.length - 1 - i];
        }
        return new BigInteger(be);
    }
}
