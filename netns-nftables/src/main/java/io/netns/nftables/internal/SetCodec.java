// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import io.netns.nftables.NamedSet;
import io.netns.nftables.expr.Expression;
import io.netns.nftables.expr.Expression.Ct;
import io.netns.nftables.expr.Expression.MapEntry;
import io.netns.nftables.expr.Expression.Meta;
import io.netns.nftables.expr.Expression.Payload;
import io.netns.nftables.expr.Expression.Prefix;
import io.netns.nftables.expr.Expression.Range;
import io.netns.nftables.expr.Expression.SetLiteral;
import io.netns.nftables.expr.Expression.Value;
import io.netns.nftables.expr.Verdict;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.netns.nftables.internal.Nft.*;

/**
 * Sets both ways: a {@link NamedSet} or the anonymous set of a rule to a {@link SetDef} (with the
 * user data {@code nft} writes), and the kernel's elements back to the values, prefixes and ranges
 * {@code nft} prints.
 */
final class SetCodec {
    private SetCodec() {
    }

    /** An anonymous set built for a rule. */
    record Anon(SetDef def) {
    }

    /** A set key's layout: the types of its parts and their lengths. */
    record Key(List<Type> types, int len, int id, boolean bigEndian) {
        Fields.Spec spec() {
            return new Fields.Spec(types.get(0), len, bigEndian);
        }
    }

    static Anon anonymous(Fields.Spec spec, Expression keyExpr, SetLiteral s, boolean map, int id, Values.Links links) {
        boolean interval = false;
        for (Expression e : s.elements()) {
            Expression k = e instanceof MapEntry me ? me.key() : e;
            interval |= k instanceof Prefix || k instanceof Range;
        }
        int flags = NFT_SET_ANONYMOUS | NFT_SET_CONSTANT | (interval ? NFT_SET_INTERVAL : 0) | (map ? NFT_SET_MAP : 0);
        List<SetDef.Elem> elems = elements(spec, s.elements(), interval, true, map, links);
        SetDef.Udata u = new SetDef.Udata().u32(SetDef.Udata.KEYBYTEORDER, spec.bigEndian() ? Type.BIG : Type.HOST);
        if (map) {
            u.u32(SetDef.Udata.DATABYTEORDER, 0)
                    .nested(SetDef.Udata.DATA_TYPEOF, new SetDef.Udata().u32(0, SetDef.Udata.EXPR_VERDICT)
                            .nested(1, new SetDef.Udata()))
                    .u32(SetDef.Udata.DATA_INTERVAL, 0);
        } else {
            if (interval) {
                u.u32(SetDef.Udata.MERGE_ELEMENTS, 1);
            }
            SetDef.Udata typeof = typeof(keyExpr);
            if (typeof != null) {
                u.nested(SetDef.Udata.KEY_TYPEOF, typeof);
            }
        }
        SetDef def = new SetDef(map ? "__map%d" : "__set%d", flags, spec.type().id, spec.len(),
                map ? NFT_DATA_VERDICT : null, map ? 0 : null, id, null, elems.size(), null, null, u.toBytes(), elems);
        return new Anon(def);
    }

    /** The TYPEOF record of an expression: how nft remembers what a set's keys are. */
    private static SetDef.Udata typeof(Expression e) {
        SetDef.Udata data = new SetDef.Udata();
        int kind;
        switch (e) {
            case Payload p -> {
                Fields.Proto proto = Fields.PROTOS.get(p.protocol());
                Fields.Field f = proto.field(p.field());
                data.u32(0, proto.descId()).u32(1, f.index());
                kind = SetDef.Udata.EXPR_PAYLOAD;
            }
            case Meta m -> {
                data.u32(0, Fields.META.get(m.key()).key());
                kind = SetDef.Udata.EXPR_META;
            }
            case Ct c -> {
                data.u32(0, Fields.CT.get(c.key()).key()).u32(1, c.dir().map(d -> d.equals("reply") ? 1 : 0).orElse(-1));
                kind = SetDef.Udata.EXPR_CT;
            }
            default -> {
                return null;
            }
        }
        return new SetDef.Udata().u32(0, kind).nested(1, data);
    }

    /** The key layout of a set declared with {@code type}. */
    static Key key(List<String> typeNames) {
        List<Type> types = new ArrayList<>();
        int id = 0;
        int len = 0;
        for (String n : typeNames) {
            Type t = Type.BY_NAME.get(n);
            if (t == null || t.size == 0 || t == Type.VERDICT) {
                throw new IllegalArgumentException("unsupported set type \"" + n + "\" (" + String.join(", ",
                        Type.BY_NAME.values().stream().filter(x -> x.size > 0 && x != Type.VERDICT).map(x -> x.name)
                                .toList()) + ")");
            }
            types.add(t);
            id = (id << 6) | t.id;
            len += types.size() == 1 && typeNames.size() == 1 ? t.size : (t.size + 3) & ~3;
        }
        return new Key(types, len, id, types.get(0).order == Type.BIG);
    }

    static SetDef named(NamedSet s, int id, Values.Links links) {
        Key key = key(s.type());
        int flags = 0;
        for (String f : s.flags()) {
            flags |= switch (f) {
                case "constant" -> NFT_SET_CONSTANT;
                case "interval" -> NFT_SET_INTERVAL;
                case "timeout" -> NFT_SET_TIMEOUT;
                case "dynamic" -> NFT_SET_EVAL;
                default -> throw new IllegalArgumentException("set flag \"" + f + "\" (constant, interval, timeout, dynamic)");
            };
        }
        if (key.types().size() > 1) {
            if ((flags & NFT_SET_INTERVAL) != 0) {
                throw new IllegalArgumentException("interval sets of concatenations are not supported");
            }
        }
        Integer dataType = null;
        Integer dataLen = null;
        Type dataT = null;
        if (s.map().isPresent()) {
            flags |= NFT_SET_MAP;
            if (s.map().get().equals("verdict")) {
                dataType = NFT_DATA_VERDICT;
                dataLen = 0;
            } else {
                dataT = Type.BY_NAME.get(s.map().get());
                if (dataT == null || dataT.size == 0 || dataT == Type.VERDICT) {
                    throw new IllegalArgumentException("unsupported map type \"" + s.map().get() + "\"");
                }
                dataType = dataT.id;
                dataLen = dataT.size;
            }
        }
        SetDef.Udata u = new SetDef.Udata().u32(SetDef.Udata.KEYBYTEORDER, key.types().size() > 1 ? 0
                : key.types().get(0).order);
        if (s.map().isPresent()) {
            u.u32(SetDef.Udata.DATABYTEORDER, dataT == null ? 0 : dataT.order).u32(SetDef.Udata.DATA_INTERVAL, 0);
        } else if (key.types().size() > 1) {
            u.nested(SetDef.Udata.KEY_TYPEOF, new SetDef.Udata().u32(0, 13).nested(1, new SetDef.Udata()));
        }
        Integer policy = s.policy().map(p -> switch (p) {
            case "memory" -> 1;
            case "performance" -> 0;
            default -> throw new IllegalArgumentException("set policy \"" + p + "\" (performance, memory)");
        }).filter(p -> p != 0).orElse(null);
        boolean interval = (flags & NFT_SET_INTERVAL) != 0;
        List<SetDef.Elem> elems = s.elements().isEmpty() ? List.of()
                : elements(key, dataT, s.elements(), interval, false, s.map().isPresent(), links);
        // a constant set is sized to its elements, as nft does
        Integer size = s.size().isPresent() ? Integer.valueOf((int) s.size().getAsLong())
                : (flags & NFT_SET_CONSTANT) != 0 ? Integer.valueOf(elems.size()) : null;
        return new SetDef(s.name(), flags, key.id(), key.len(), dataType, dataLen, id, policy, size,
                s.timeout().isPresent() ? s.timeout().getAsLong() * 1000 : null,
                s.gcInterval().isPresent() ? (int) (s.gcInterval().getAsLong() * 1000) : null, u.toBytes(), elems);
    }

    static List<SetDef.Elem> elements(Key key, Type dataT, List<Expression> in, boolean interval, boolean merge,
                                      boolean map, Values.Links links) {
        if (key.types().size() > 1) {
            return concatElements(key, dataT, in, map, links);
        }
        Fields.Spec data = dataT == null ? null : new Fields.Spec(dataT, dataT.size, dataT.order == Type.BIG);
        return elements(key.spec(), data, in, interval, merge, map, links);
    }

    private static List<SetDef.Elem> elements(Fields.Spec spec, List<Expression> in, boolean interval, boolean merge,
                                              boolean map, Values.Links links) {
        return elements(spec, null, in, interval, merge, map, links);
    }

    private static List<SetDef.Elem> elements(Fields.Spec spec, Fields.Spec data, List<Expression> in, boolean interval,
                                              boolean merge, boolean map, Values.Links links) {
        List<SetDef.Interval> ranges = new ArrayList<>();
        List<SetDef.Elem> plain = new ArrayList<>();
        for (Expression e : in) {
            Expression k = e;
            SetDef.Elem value = new SetDef.Elem(null, false, null, null, null);
            if (map) {
                if (!(e instanceof MapEntry me)) {
                    throw new IllegalArgumentException("a map's elements are [KEY, VALUE]: " + Values.describe(e));
                }
                k = me.key();
                if (me.value() instanceof Verdict v) {
                    Low.Immediate imm = Linearizer.verdict(v);
                    value = new SetDef.Elem(null, false, null, imm.verdict(), imm.chain());
                } else if (data != null) {
                    value = new SetDef.Elem(null, false, Values.encode(data, me.value(), links), null, null);
                } else {
                    throw new IllegalArgumentException("a verdict map's values are verdicts: " + Values.describe(me.value()));
                }
            } else if (e instanceof MapEntry) {
                throw new IllegalArgumentException("[KEY, VALUE] elements belong to maps");
            }
            if (!interval) {
                if (k instanceof Prefix || k instanceof Range) {
                    throw new IllegalArgumentException("prefixes and ranges need an interval set");
                }
                plain.add(new SetDef.Elem(Values.encode(spec, k, links), false, value.data(), value.verdict(),
                        value.chain()));
                continue;
            }
            if (!spec.bigEndian() && spec.len() > 1) {
                throw new IllegalArgumentException("interval sets of " + spec.type() + " are not supported");
            }
            BigInteger from;
            BigInteger to;
            switch (k) {
                case Prefix p -> {
                    byte[] a = Values.encode(spec, p.addr(), links);
                    if (p.len() < 0 || p.len() > 8 * spec.len()) {
                        throw new IllegalArgumentException("prefix length " + p.len() + " out of range");
                    }
                    BigInteger addr = new BigInteger(1, a);
                    int host = 8 * spec.len() - p.len();
                    BigInteger hostMask = BigInteger.ONE.shiftLeft(host).subtract(BigInteger.ONE);
                    from = addr.andNot(hostMask);
                    to = from.or(hostMask);
                }
                case Range r -> {
                    from = new BigInteger(1, Values.encode(spec, r.from(), links));
                    to = new BigInteger(1, Values.encode(spec, r.to(), links));
                    if (from.compareTo(to) > 0) {
                        throw new IllegalArgumentException("range " + Values.describe(r.from()) + "-"
                                + Values.describe(r.to()) + " is empty");
                    }
                }
                default -> {
                    from = new BigInteger(1, Values.encode(spec, k, links));
                    to = from;
                }
            }
            ranges.add(new SetDef.Interval(from, to, value));
        }
        return interval ? SetDef.intervals(ranges, spec.len(), merge) : plain;
    }

    /** The elements of a set of concatenations: each part in its own 4-byte-aligned slot. */
    private static List<SetDef.Elem> concatElements(Key key, Type dataT, List<Expression> in, boolean map,
                                                    Values.Links links) {
        Fields.Spec data = dataT == null ? null : new Fields.Spec(dataT, dataT.size, dataT.order == Type.BIG);
        List<SetDef.Elem> out = new ArrayList<>();
        for (Expression e : in) {
            Expression k = e instanceof MapEntry me ? me.key() : e;
            if (map != e instanceof MapEntry) {
                throw new IllegalArgumentException(map ? "a map's elements are [KEY, VALUE]" : "[KEY, VALUE] elements belong to maps");
            }
            if (!(k instanceof Expression.Concat c) || c.parts().size() != key.types().size()) {
                throw new IllegalArgumentException("an element of a " + key.types().size()
                        + "-part concatenation is {\"concat\": [...]} with as many parts: " + Values.describe(k));
            }
            byte[] b = new byte[key.len()];
            int off = 0;
            for (int i = 0; i < key.types().size(); i++) {
                Type t = key.types().get(i);
                byte[] part = Values.encode(new Fields.Spec(t, t.size, t.order == Type.BIG), c.parts().get(i), links);
                System.arraycopy(part, 0, b, off, part.length);
                off += (t.size + 3) & ~3;
            }
            Integer verdict = null;
            String chain = null;
            byte[] value = null;
            if (e instanceof MapEntry me) {
                if (me.value() instanceof Verdict v) {
                    Low.Immediate imm = Linearizer.verdict(v);
                    verdict = imm.verdict();
                    chain = imm.chain();
                } else if (data != null) {
                    value = Values.encode(data, me.value(), links);
                } else {
                    throw new IllegalArgumentException("a verdict map's values are verdicts");
                }
            }
            out.add(new SetDef.Elem(b, false, value, verdict, chain));
        }
        return out;
    }

    /** The elements of a set of concatenations, as {@code {"concat": [...]}} values. */
    static List<Expression> decodeConcat(List<Type> types, Fields.Spec data, List<SetDef.Elem> elems,
                                         Values.Links links) {
        List<SetDef.Elem> sorted = new ArrayList<>(elems);
        sorted.sort(Comparator.comparing(e -> new BigInteger(1, e.key())));
        List<Expression> out = new ArrayList<>();
        for (SetDef.Elem e : sorted) {
            List<Expression> parts = new ArrayList<>();
            int off = 0;
            for (Type t : types) {
                int len = t.size == 0 ? 4 : t.size;
                if (off + len > e.key().length) {
                    break;
                }
                byte[] part = java.util.Arrays.copyOfRange(e.key(), off, off + len);
                parts.add(Values.decode(new Fields.Spec(t, len, t.order == Type.BIG), part, links));
                off += (len + 3) & ~3;
            }
            out.add(withValue(new Expression.Concat(parts), e, data, links));
        }
        return out;
    }

    // ================================================================== decoding

    /**
     * {@return the elements of a set as {@code nft} prints them}: sorted; in an interval set the
     * kernel's starts and ends joined again into values, prefixes and ranges
     *
     * @param spec the key's type and layout
     * @param data for a data map, the value's, else null
     * @param elems the kernel's elements
     * @param interval whether the set is an interval set
     * @param links for interface indexes
     */
    static List<Expression> decode(Fields.Spec spec, Fields.Spec data, List<SetDef.Elem> elems, boolean interval,
                                   Values.Links links) {
        List<SetDef.Elem> sorted = new ArrayList<>(elems);
        Comparator<SetDef.Elem> byKey = Comparator.comparing(e -> Values.toNumber(e.key(), spec.bigEndian()));
        sorted.sort(byKey.thenComparing(e -> e.end() ? 0 : 1));
        List<Expression> out = new ArrayList<>();
        if (!interval) {
            for (SetDef.Elem e : sorted) {
                out.add(withValue(Values.decode(spec, e.key(), links), e, data, links));
            }
            return out;
        }
        BigInteger max = BigInteger.ONE.shiftLeft(8 * spec.len()).subtract(BigInteger.ONE);
        for (int i = 0; i < sorted.size(); i++) {
            SetDef.Elem e = sorted.get(i);
            if (e.end()) {
                continue;
            }
            BigInteger from = new BigInteger(1, e.key());
            BigInteger to = max;
            if (i + 1 < sorted.size()) {
                to = new BigInteger(1, sorted.get(i + 1).key()).subtract(BigInteger.ONE);
            }
            out.add(withValue(interval(spec, from, to, links), e, data, links));
        }
        return out;
    }

    private static Expression interval(Fields.Spec spec, BigInteger from, BigInteger to, Values.Links links) {
        int len = spec.len();
        if (from.equals(to)) {
            return Values.decode(spec, SetDef.bytes(from, len), links);
        }
        BigInteger size = to.subtract(from).add(BigInteger.ONE);
        if (size.bitCount() == 1 && from.mod(size).signum() == 0
                && (spec.type() == Type.IPV4 || spec.type() == Type.IPV6)) {
            int bits = 8 * len - (size.bitLength() - 1);
            return new Prefix(Values.decode(spec, SetDef.bytes(from, len), links), bits);
        }
        return new Range(Values.decode(spec, SetDef.bytes(from, len), links),
                Values.decode(spec, SetDef.bytes(to, len), links));
    }

    private static Expression withValue(Expression key, SetDef.Elem e, Fields.Spec data, Values.Links links) {
        if (e.verdict() != null) {
            Low.Immediate imm = Low.verdict(e.verdict(), e.chain());
            return new MapEntry(key, Delinearizer.verdict(imm));
        }
        if (e.data() != null && data != null) {
            return new MapEntry(key, Values.decode(data, e.data(), links));
        }
        return key;
    }

    /** {@return the value of a set's key as it prints} (unused by the wire path; keeps key/value symmetric) */
    static Expression value(Fields.Spec spec, byte[] b, Values.Links links) {
        return b == null ? Value.of(0) : Values.decode(spec, b, links);
    }
}
