// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import io.netns.netlink.wire.MessageWriter;
import io.netns.nftables.Family;
import io.netns.nftables.expr.Expression;
import io.netns.nftables.expr.Expression.Binary;
import io.netns.nftables.expr.Expression.Ct;
import io.netns.nftables.expr.Expression.Meta;
import io.netns.nftables.expr.Expression.Numgen;
import io.netns.nftables.expr.Expression.Payload;
import io.netns.nftables.expr.Expression.Prefix;
import io.netns.nftables.expr.Expression.Range;
import io.netns.nftables.expr.Expression.RawPayload;
import io.netns.nftables.expr.Expression.SetLiteral;
import io.netns.nftables.expr.Expression.SetRef;
import io.netns.nftables.expr.Expression.Value;
import io.netns.nftables.expr.Expression.ValueList;
import io.netns.nftables.expr.Statement;
import io.netns.nftables.expr.Verdict;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.netns.nftables.internal.Nft.*;

/**
 * Kernel expressions back to statements, as {@code nft} lists them: loads and comparisons joined
 * into matches, the implicit protocol checks {@code nft} adds dropped again, values printed by the
 * type of what they are compared with, anonymous sets inline. What it cannot join comes out as
 * {@link Statement.Raw}, byte for byte, never dropped.
 */
final class Delinearizer {
    /** The sets of the rule's table, for anonymous sets' elements. */
    interface Sets {
        /**
         * {@return the set a lookup names, or null}
         *
         * @param name its name
         * @param id its id in the batch that created it (NFTA_LOOKUP_SET_ID), or null
         */
        SetView set(String name, Integer id);
    }

    /** What the decoder needs of a set: its flags and elements. */
    record SetView(int flags, List<SetDef.Elem> elements) {
    }

    private final Family family;
    private final Values.Links links;
    private final Sets sets;
    private final List<Statement> out = new ArrayList<>();
    private final Map<Integer, Reg> regs = new HashMap<>();
    /**
     * Matches that may be implicit dependencies of the next load, innermost last: their index in
     * {@link #out} and the protocol they imply ({@code meta nfproto ipv4} then {@code meta l4proto
     * icmp} before {@code icmp type} in an inet table).
     */
    private final List<Object[]> dependencies = new ArrayList<>();
    private String l3;
    private String l4;

    /** What a register holds, and the kernel expressions that put it there (for a raw fallback). */
    private record Reg(Expression expr, Fields.Spec spec, int prefixBits, Low.Bytes mask, boolean converted,
                       Low.Bytes immediate, List<Low> sources) {
        Reg with(Low.Bytes m, boolean conv, Low source) {
            List<Low> s = new ArrayList<>(sources);
            s.add(source);
            return new Reg(expr, spec, prefixBits, m, conv, immediate, s);
        }
    }

    Delinearizer(Family family, Values.Links links, Sets sets) {
        this.family = family;
        this.links = links;
        this.sets = sets;
        this.l3 = family == Family.IP ? "ip" : family == Family.IP6 ? "ip6" : null;
    }

    static List<Statement> decode(Family family, List<Low> exprs, Values.Links links, Sets sets) {
        Delinearizer d = new Delinearizer(family, links, sets);
        for (int i = 0; i < exprs.size(); i++) {
            i = d.step(exprs, i);
        }
        d.flushRegs();
        return d.out;
    }

    static Verdict verdict(Low.Immediate i) {
        return switch (i.verdict()) {
            case NF_ACCEPT -> Verdict.accept();
            case NF_DROP -> Verdict.drop();
            case NFT_CONTINUE -> Verdict.cont();
            case NFT_RETURN -> Verdict.ret();
            case NFT_JUMP -> i.chain() == null ? null : Verdict.jump(i.chain());
            case NFT_GOTO -> i.chain() == null ? null : Verdict.goTo(i.chain());
            default -> null;
        };
    }

    /** Handles expression {@code i}; returns the index of the last one it consumed. */
    private int step(List<Low> exprs, int i) {
        Low e = exprs.get(i);
        switch (e) {
            case Low.Payload p -> load(p.dreg(), payload(p), p);
            case Low.Meta m when m.dreg() != null -> {
                Fields.MetaKey k = Fields.META_BY_KEY.get(m.key());
                if (k == null) {
                    raw(e);
                } else {
                    load(m.dreg(), new Reg(new Meta(k.name()), k.spec(), 0, null, false, null, List.of(e)), e);
                }
            }
            case Low.Ct c when c.dreg() != null -> {
                Fields.CtKey k = Fields.ctByKey(c.key());
                if (k == null || (c.direction() != null && c.direction() > 1) || (k.key() >= 19 && c.direction() == null)) {
                    raw(e);
                } else {
                    Optional<String> dir = c.direction() == null ? Optional.empty()
                            : Optional.of(c.direction() == 0 ? "original" : "reply");
                    load(c.dreg(), new Reg(new Ct(k.name(), dir), k.spec(), 0, null, false, null, List.of(e)), e);
                }
            }
            case Low.Numgen n -> load(n.dreg(), new Reg(new Numgen(n.type() == NFT_NG_RANDOM ? "random" : "inc",
                    Integer.toUnsignedLong(n.modulus()), n.offset() == null ? 0 : Integer.toUnsignedLong(n.offset())),
                    new Fields.Spec(Type.INTEGER, 4, false), 0, null, false, null, List.of(e)), e);
            case Low.Bitwise b -> {
                Reg r = regs.get(b.sreg());
                if (r == null || r.expr == null || r.mask != null || b.len() != r.spec.len() || !zero(b.xor())) {
                    raw(e);
                } else {
                    regs.remove(b.sreg());
                    regs.put(b.dreg(), r.with(b.mask(), r.converted, e));
                }
            }
            case Low.Byteorder b -> {
                Reg r = regs.get(b.sreg());
                if (r == null || r.expr == null || r.spec.bigEndian() || b.op() != NFT_BYTEORDER_HTON) {
                    raw(e);
                } else {
                    regs.remove(b.sreg());
                    regs.put(b.dreg(), r.with(r.mask, true, e));
                }
            }
            case Low.Cmp c -> {
                return cmp(exprs, i, c);
            }
            case Low.Range r -> {
                Reg reg = take(r.sreg());
                if (reg == null || reg.mask != null || reg.prefixBits > 0) {
                    rawWith(reg, e);
                } else {
                    Fields.Spec be = new Fields.Spec(reg.spec.type(), reg.spec.len(), true);
                    match(r.op() == NFT_RANGE_NEQ ? "!=" : "==", reg.expr,
                            new Range(Values.decode(be, r.from().raw(), links), Values.decode(be, r.to().raw(), links)));
                }
            }
            case Low.Lookup l -> lookup(l);
            case Low.Immediate imm -> {
                if (imm.verdict() != null) {
                    Verdict v = verdict(imm);
                    if (v == null) {
                        raw(e);
                    } else {
                        out.add(v);
                    }
                } else {
                    regs.put(imm.dreg(), new Reg(null, null, 0, null, false, imm.value(), List.of(e)));
                }
            }
            case Low.Meta m -> mangle(e, m.sreg(), Fields.META_BY_KEY.get(m.key()) == null ? null
                    : new Meta(Fields.META_BY_KEY.get(m.key()).name()), Fields.META_BY_KEY.get(m.key()) == null ? null
                    : Fields.META_BY_KEY.get(m.key()).spec());
            case Low.Ct c -> {
                Fields.CtKey k = Fields.ctByKey(c.key());
                mangle(e, c.sreg(), k == null || c.direction() != null ? null : Ct.of(k.name()), k == null ? null : k.spec());
            }
            case Low.Counter c -> out.add(new Statement.Counter(c.packets() == null ? 0 : c.packets(),
                    c.bytes() == null ? 0 : c.bytes()));
            case Low.Limit l -> {
                if (StatementCodec.isKnownPer(l.unit())) {
                    out.add(StatementCodec.limit(l));
                } else {
                    raw(e);
                }
            }
            case Low.Log l -> out.add(StatementCodec.log(l));
            case Low.Quota q -> out.add(StatementCodec.quota(q));
            case Low.Reject r -> {
                Statement.Reject s = StatementCodec.reject(r, family, l3);
                if (s == null) {
                    raw(e);
                } else {
                    if (r.type() == NFT_REJECT_TCP_RST) {
                        killDependency("tcp");
                    } else if (r.type() == NFT_REJECT_ICMP_UNREACH && family != Family.IP && family != Family.IP6) {
                        killDependency(l3);
                    }
                    out.add(s);
                }
            }
            case Low.Nat n -> nat(e, n.type() == NFT_NAT_SNAT ? "snat" : n.type() == NFT_NAT_DNAT ? "dnat" : null,
                    n.family(), n.addrMin(), n.addrMax(), n.protoMin(), n.protoMax(), n.flags());
            case Low.Masq m -> nat(e, "masquerade", 0, null, null, m.protoMin(), m.protoMax(), m.flags());
            case Low.Redir r -> nat(e, "redirect", 0, null, null, r.protoMin(), r.protoMax(), r.flags());
            case Low.Unknown u -> raw(u);
        }
        return i;
    }

    private static boolean zero(Low.Bytes b) {
        for (int i = 0; i < b.length(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private void load(int dreg, Reg r, Low source) {
        Reg old = regs.put(dreg, r);
        if (old != null) {
            raws(old.sources);
        }
    }

    private Reg take(int reg) {
        return regs.remove(reg);
    }

    /** The register contents of a payload load: a named field (or a prefix of one), else raw bytes. */
    private Reg payload(Low.Payload p) {
        String proto = switch (p.base()) {
            // a link-layer header is ethernet in a bridge, elsewhere only after "meta iiftype ether"
            case NFT_PAYLOAD_LL_HEADER -> family == Family.BRIDGE || pendingDependency("ether") ? "ether" : null;
            case NFT_PAYLOAD_NETWORK_HEADER -> l3;
            case NFT_PAYLOAD_TRANSPORT_HEADER -> l4 != null ? l4 : "th";
            default -> null;
        };
        Fields.Proto pr = proto == null ? null : Fields.PROTOS.get(proto);
        if (pr != null && pr.base() == p.base()) {
            Fields.Field f = Fields.fieldAt(pr, p.offset(), p.len());
            int prefix = 0;
            if (f == null) {
                f = Fields.prefixFieldAt(pr, p.offset(), p.len());
                prefix = 8 * p.len();
            }
            if (f != null) {
                killDependency(pr.name());
                return new Reg(new Payload(pr.name(), f.name()), f.spec(), prefix, null, false, null, List.of(p));
            }
        }
        String base = switch (p.base()) {
            case NFT_PAYLOAD_LL_HEADER -> "ll";
            case NFT_PAYLOAD_NETWORK_HEADER -> "nh";
            case NFT_PAYLOAD_TRANSPORT_HEADER -> "th";
            default -> "ih";
        };
        return new Reg(new RawPayload(base, 8 * p.offset(), 8 * p.len()),
                new Fields.Spec(Type.INTEGER_BE, p.len(), true), 0, null, false, null, List.of(p));
    }

    /**
     * Drops the pending dependency match if it is the one that implies {@code proto} (and, for
     * ICMP, the network protocol check before it).
     */
    private void killDependency(String proto) {
        if (proto != null && kill(proto) && (proto.equals("icmp") || proto.equals("icmpv6"))) {
            kill(proto.equals("icmp") ? "ip" : "ip6");
        }
        dependencies.clear();
    }

    private boolean kill(String proto) {
        if (dependencies.isEmpty()) {
            return false;
        }
        Object[] d = dependencies.get(dependencies.size() - 1);
        if ((int) d[0] == out.size() - 1 && proto.equals(d[1])) {
            out.remove(out.size() - 1);
            dependencies.remove(dependencies.size() - 1);
            return true;
        }
        return false;
    }

    private boolean pendingDependency(String proto) {
        return !dependencies.isEmpty() && (int) dependencies.get(dependencies.size() - 1)[0] == out.size() - 1
                && proto.equals(dependencies.get(dependencies.size() - 1)[1]);
    }

    private int cmp(List<Low> exprs, int i, Low.Cmp c) {
        Reg r = take(c.sreg());
        if (r == null || r.expr == null || (c.data().length() != r.spec.len() && r.prefixBits == 0
                && !(r.spec.type().kind == Type.Kind.IFNAME && c.data().length() < r.spec.len()))) {
            rawWith(r, c);
            return i;
        }
        Fields.Spec spec = r.converted ? new Fields.Spec(r.spec.type(), r.spec.len(), true) : r.spec;
        byte[] data = c.data().toArray();
        if (r.mask != null) {
            byte[] mask = r.mask.toArray();
            int bits = prefixBits(mask);
            if (r.spec.type().kind == Type.Kind.BITMASK && c.op() == NFT_CMP_NEQ && zero(c.data())) {
                Expression flags = Values.decode(spec, mask, links);
                match("in", r.expr, flags instanceof Binary b ? new ValueList(b.operands()) : flags);
            } else if (bits > 0 && (c.op() == NFT_CMP_EQ || c.op() == NFT_CMP_NEQ) && isAddress(r.spec)) {
                match(c.op() == NFT_CMP_EQ ? "==" : "!=", r.expr, new Prefix(Values.decode(spec, data, links), bits));
            } else {
                match(op(c.op()), new Binary("&", List.of(r.expr, Values.decode(spec, mask, links))),
                        Values.decode(spec, data, links));
            }
            return i;
        }
        if (r.prefixBits > 0) {
            byte[] full = Arrays.copyOf(data, r.spec.len());
            match(c.op() == NFT_CMP_NEQ ? "!=" : "==", r.expr, new Prefix(Values.decode(spec, full, links), r.prefixBits));
            return i;
        }
        if (c.op() == NFT_CMP_GTE && i + 1 < exprs.size() && exprs.get(i + 1) instanceof Low.Cmp c2
                && c2.sreg() == c.sreg() && c2.op() == NFT_CMP_LTE && c2.data().length() == c.data().length()) {
            match("==", r.expr, new Range(Values.decode(spec, data, links), Values.decode(spec, c2.data().toArray(), links)));
            return i + 1;
        }
        Expression value = Values.decode(spec, data, links);
        String op = op(c.op());
        int at = out.size();
        match(op, r.expr, value);
        if (c.op() == NFT_CMP_EQ) {
            selector(r.expr, value, at);
        }
        return i;
    }

    private static boolean isAddress(Fields.Spec s) {
        return s.type() == Type.IPV4 || s.type() == Type.IPV6 || s.type() == Type.ETHER;
    }

    /** The length of a prefix mask (ones then zeros), or 0 if {@code mask} is not one. */
    static int prefixBits(byte[] mask) {
        int bits = 0;
        boolean zeros = false;
        for (byte b : mask) {
            for (int k = 7; k >= 0; k--) {
                boolean one = (b >> k & 1) != 0;
                if (one && zeros) {
                    return 0;
                }
                if (one) {
                    bits++;
                } else {
                    zeros = true;
                }
            }
        }
        return zeros ? bits : 0;
    }

    private static String op(int op) {
        return switch (op) {
            case NFT_CMP_EQ -> "==";
            case NFT_CMP_NEQ -> "!=";
            case NFT_CMP_LT -> "<";
            case NFT_CMP_LTE -> "<=";
            case NFT_CMP_GT -> ">";
            default -> ">=";
        };
    }

    /** Records a protocol-selector match: the context it sets, and that it may be a dependency. */
    private void selector(Expression left, Expression value, int at) {
        String sel = left instanceof Meta m ? "meta " + m.key() : left instanceof Payload p ? p.protocol() + " "
                + p.field() : "";
        Object v = value instanceof Value x ? x.value() : null;
        String implies = null;
        switch (sel) {
            case "meta l4proto", "ip protocol", "ip6 nexthdr" -> {
                long n = v instanceof Long x ? x : v instanceof String s ? Type.INET_PROTO.symbol(s) : -1;
                for (Fields.Proto p : Fields.PROTOS.values()) {
                    if (p.base() == NFT_PAYLOAD_TRANSPORT_HEADER && p.selector() == n) {
                        implies = p.name();
                    }
                }
                if (implies != null) {
                    l4 = implies;
                }
                // nft adds "meta l4proto" itself; a payload selector is only its dependency in its own family
                if ((sel.equals("ip protocol") && family != Family.IP) || (sel.equals("ip6 nexthdr") && family != Family.IP6)) {
                    implies = null;
                }
            }
            case "meta nfproto" -> {
                implies = "ipv4".equals(v) ? "ip" : "ipv6".equals(v) ? "ip6" : null;
                l3 = implies != null ? implies : l3;
            }
            case "meta protocol", "ether type" -> {
                implies = "ip".equals(v) ? "ip" : "ip6".equals(v) ? "ip6" : null;
                l3 = implies != null ? implies : l3;
            }
            case "meta iiftype" -> implies = "ether".equals(v) ? "ether" : null;
            default -> {
            }
        }
        if (implies != null) {
            dependencies.add(new Object[] {at, implies});
        } else {
            dependencies.clear();
        }
    }

    private void match(String op, Expression left, Expression right) {
        out.add(new Statement.Match(op, left, right));
    }

    private void lookup(Low.Lookup l) {
        Reg r = take(l.sreg());
        SetView set = sets == null ? null : sets.set(l.set(), l.setId());
        if (r == null || r.expr == null || r.mask != null || r.prefixBits > 0 || r.converted) {
            rawWith(r, l);
            return;
        }
        boolean anonymous = set != null && (set.flags() & NFT_SET_ANONYMOUS) != 0;
        boolean verdictMap = l.dreg() != null && l.dreg() == NFT_REG_VERDICT;
        if (l.dreg() != null && !verdictMap) {
            rawWith(r, l);
            return;
        }
        Expression right;
        if (anonymous) {
            List<Expression> elems = SetCodec.decode(r.spec, null, set.elements(), (set.flags() & NFT_SET_INTERVAL) != 0,
                    links);
            right = new SetLiteral(elems);
        } else {
            right = new SetRef(l.set());
        }
        if (verdictMap) {
            out.add(new Statement.VerdictMap(r.expr, right));
            return;
        }
        boolean inv = l.flags() != null && (l.flags() & NFT_LOOKUP_F_INV) != 0;
        match(inv ? "!=" : "==", r.expr, right);
    }

    private void mangle(Low e, Integer sreg, Expression key, Fields.Spec spec) {
        Reg r = sreg == null ? null : take(sreg);
        if (key == null || r == null || r.immediate == null || r.immediate.length() != spec.len()) {
            rawWith(r, e);
            return;
        }
        out.add(new Statement.Mangle(key, Values.decode(spec, r.immediate.raw(), links)));
    }

    private void nat(Low e, String kind, int natFamily, Integer addrMin, Integer addrMax, Integer protoMin,
                     Integer protoMax, Integer flags) {
        List<Low> used = new ArrayList<>();
        Fields.Spec addrSpec = natFamily == 10 ? new Fields.Spec(Type.IPV6, 16, true) : new Fields.Spec(Type.IPV4, 4, true);
        Fields.Spec portSpec = new Fields.Spec(Type.INET_SERVICE, 2, true);
        Optional<Expression> addr = Optional.empty();
        Optional<Expression> port = Optional.empty();
        boolean ok = kind != null && (natFamily == 0 || natFamily == 2 || natFamily == 10);
        // the kernel reports a lone register as both minimum and maximum
        if (addrMax != null && addrMax.equals(addrMin)) {
            addrMax = null;
        }
        if (protoMax != null && protoMax.equals(protoMin)) {
            protoMax = null;
        }
        if (ok && addrMin != null) {
            Expression a = immediate(addrMin, addrSpec, used);
            Expression b = addrMax == null ? null : immediate(addrMax, addrSpec, used);
            ok = a != null && (addrMax == null || b != null);
            addr = ok ? Optional.of(b == null ? a : new Range(a, b)) : addr;
        }
        if (ok && protoMin != null) {
            Expression a = immediate(protoMin, portSpec, used);
            Expression b = protoMax == null ? null : immediate(protoMax, portSpec, used);
            ok = a != null && (protoMax == null || b != null);
            port = ok ? Optional.of(b == null ? a : new Range(a, b)) : port;
        }
        int known = NF_NAT_RANGE_MAP_IPS | NF_NAT_RANGE_PROTO_SPECIFIED | NF_NAT_RANGE_PROTO_RANDOM
                | NF_NAT_RANGE_PROTO_RANDOM_FULLY | NF_NAT_RANGE_PERSISTENT;
        if (!ok || (flags != null && (flags & ~known) != 0)) {
            raws(used);
            raw(e);
            return;
        }
        Optional<String> fam = family == Family.INET && addr.isPresent()
                ? Optional.of(natFamily == 10 ? "ip6" : "ip") : Optional.empty();
        out.add(new Statement.Nat(kind, fam, addr, port, StatementCodec.natFlagNames(flags)));
    }

    private Expression immediate(int reg, Fields.Spec spec, List<Low> used) {
        Reg r = regs.get(reg);
        if (r == null || r.immediate == null || r.immediate.length() != spec.len()) {
            return null;
        }
        regs.remove(reg);
        used.addAll(r.sources);
        return Values.decode(spec, r.immediate.raw(), links);
    }

    // ------------------------------------------------------------------ raw fallback

    private void rawWith(Reg r, Low e) {
        if (r != null) {
            raws(r.sources);
        }
        raw(e);
    }

    private void raws(List<Low> ls) {
        for (Low l : ls) {
            raw(l);
        }
    }

    private void raw(Low e) {
        dependencies.clear();
        out.add(toRaw(e));
    }

    private void flushRegs() {
        List<Reg> left = new ArrayList<>(regs.values());
        regs.clear();
        for (Reg r : left) {
            raws(r.sources);
        }
    }

    /**
     * {@return a kernel expression as a raw statement: its name and NFTA_EXPR_DATA bytes}
     *
     * @param e the expression
     */
    static Statement.Raw toRaw(Low e) {
        if (e instanceof Low.Unknown u) {
            return new Statement.Raw(u.name(), Optional.ofNullable(u.data()).map(Low.Bytes::toArray));
        }
        MessageWriter w = MessageWriter.onHeap(256);
        LowCodec.encode(w, e);
        MemorySegment s = w.written();
        // NFTA_LIST_ELEM header (4), NFTA_EXPR_NAME attribute, then NFTA_EXPR_DATA: skip to its value
        int nameLen = Short.toUnsignedInt(s.get(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, 4));
        int dataAt = 4 + ((nameLen + 3) & ~3);
        int dataLen = Short.toUnsignedInt(s.get(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, dataAt));
        byte[] data = s.asSlice(dataAt + 4, dataLen - 4).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        return new Statement.Raw(e.name(), Optional.of(data));
    }
}
