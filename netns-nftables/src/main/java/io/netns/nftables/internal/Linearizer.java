// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import io.netns.nftables.Family;
import io.netns.nftables.expr.Expression;
import io.netns.nftables.expr.Expression.Binary;
import io.netns.nftables.expr.Expression.Ct;
import io.netns.nftables.expr.Expression.MapEntry;
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

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static io.netns.nftables.internal.Nft.*;

/**
 * Statements to kernel expressions, as {@code nft} linearizes them: the same registers, the same
 * implicit protocol dependencies ({@code tcp dport 22} first checks {@code meta l4proto tcp}),
 * prefixes on byte boundaries as shorter loads, ranges as two comparisons, anonymous sets as sets
 * of their own sent before the rule. Bad input fails with {@link IllegalArgumentException}.
 */
final class Linearizer {
    /** What a rule needs besides its expressions: the anonymous sets it refers to. */
    interface Sets {
        /** {@return the id to give a new anonymous set} */
        int nextId();

        /**
         * {@return the batch id of named set {@code name} if this batch creates it, else null}
         *
         * @param name the set
         */
        Integer idOf(String name);
    }

    private final Family family;
    private final Values.Links links;
    private final Sets sets;
    final List<Low> out = new ArrayList<>();
    final List<SetDef> anonymous = new ArrayList<>();
    /** The protocols known from earlier matches (or the family): network and transport. */
    private String l3;
    private String l4;

    Linearizer(Family family, Values.Links links, Sets sets) {
        this.family = family;
        this.links = links;
        this.sets = sets;
        this.l3 = family == Family.IP ? "ip" : family == Family.IP6 ? "ip6" : null;
    }

    /** A loaded datum: what register 1 holds and how to encode what it is compared with. */
    private record Loaded(Fields.Spec spec, Expression key) {
    }

    void statements(List<Statement> statements) {
        for (Statement s : statements) {
            statement(s);
        }
    }

    private void statement(Statement s) {
        switch (s) {
            case Statement.Match m -> match(m);
            case Statement.Counter c -> out.add(c.packets() == 0 && c.bytes() == 0 ? new Low.Counter(null, null)
                    : new Low.Counter(c.bytes(), c.packets()));
            case Verdict v -> out.add(verdict(v));
            case Statement.Reject r -> reject(r);
            case Statement.Nat n -> nat(n);
            case Statement.Limit l -> out.add(StatementCodec.limit(l));
            case Statement.Log l -> out.add(StatementCodec.log(l));
            case Statement.Quota q -> out.add(StatementCodec.quota(q));
            case Statement.Mangle m -> mangle(m);
            case Statement.VerdictMap v -> vmap(v);
            case Statement.Raw r -> out.add(new Low.Unknown(r.expr(), r.data().map(Low.Bytes::of).orElse(null)));
        }
    }

    static Low.Immediate verdict(Verdict v) {
        int code = switch (v.kind()) {
            case "accept" -> NF_ACCEPT;
            case "drop" -> NF_DROP;
            case "continue" -> NFT_CONTINUE;
            case "return" -> NFT_RETURN;
            case "jump" -> NFT_JUMP;
            default -> NFT_GOTO;
        };
        return Low.verdict(code, v.target().orElse(null));
    }

    // ------------------------------------------------------------------ loads

    /** Emits the load of {@code e} into register 1 (with its protocol dependency) and says what it holds. */
    private Loaded load(Expression e, int trimTo) {
        switch (e) {
            case Payload p -> {
                Fields.Proto proto = Fields.PROTOS.get(p.protocol());
                if (proto == null) {
                    throw new IllegalArgumentException("unsupported protocol \"" + p.protocol() + "\" ("
                            + String.join(", ", Fields.PROTOS.keySet()) + ")");
                }
                Fields.Field f = proto.field(p.field());
                if (f == null) {
                    throw new IllegalArgumentException("unsupported field \"" + p.field() + "\" of " + p.protocol() + " ("
                            + String.join(", ", proto.fields().stream().map(Fields.Field::name).toList()) + ")");
                }
                dependency(proto);
                int len = trimTo > 0 ? trimTo : f.len();
                out.add(new Low.Payload(NFT_REG_1, proto.base(), f.offset(), len));
                return new Loaded(f.spec(), e);
            }
            case RawPayload p -> {
                int base = switch (p.base()) {
                    case "ll" -> NFT_PAYLOAD_LL_HEADER;
                    case "nh" -> NFT_PAYLOAD_NETWORK_HEADER;
                    case "th" -> NFT_PAYLOAD_TRANSPORT_HEADER;
                    case "ih" -> NFT_PAYLOAD_INNER_HEADER;
                    default -> throw new IllegalArgumentException("payload base \"" + p.base() + "\" (ll, nh, th, ih)");
                };
                if (p.offset() % 8 != 0 || p.length() % 8 != 0 || p.length() <= 0 || p.length() > 128) {
                    throw new IllegalArgumentException("raw payload offset and length must be whole bytes (1 to 16)");
                }
                out.add(new Low.Payload(NFT_REG_1, base, p.offset() / 8, p.length() / 8));
                return new Loaded(new Fields.Spec(Type.INTEGER_BE, p.length() / 8, true), e);
            }
            case Meta m -> {
                Fields.MetaKey k = Fields.META.get(m.key());
                if (k == null) {
                    throw new IllegalArgumentException("unsupported meta key \"" + m.key() + "\" ("
                            + String.join(", ", Fields.META.keySet()) + ")");
                }
                if (k.name().equals("iiftype") || k.name().equals("oiftype")) {
                    // nothing: a plain load
                }
                out.add(new Low.Meta(k.key(), NFT_REG_1, null));
                return new Loaded(k.spec(), e);
            }
            case Ct c -> {
                Fields.CtKey k = Fields.CT.get(c.key());
                if (k == null) {
                    throw new IllegalArgumentException("unsupported ct key \"" + c.key() + "\" ("
                            + String.join(", ", Fields.CT.keySet()) + ")");
                }
                Integer dir = null;
                if (c.dir().isPresent()) {
                    dir = switch (c.dir().get()) {
                        case "original" -> 0;
                        case "reply" -> 1;
                        default -> throw new IllegalArgumentException("ct direction \"" + c.dir().get()
                                + "\" (original, reply)");
                    };
                } else if (k.dir() && k.key() >= 19) {
                    throw new IllegalArgumentException("ct " + c.key() + " needs a direction (original or reply)");
                }
                out.add(new Low.Ct(k.key(), NFT_REG_1, dir, null));
                return new Loaded(k.spec(), e);
            }
            case Numgen n -> {
                int type = switch (n.mode()) {
                    case "random" -> NFT_NG_RANDOM;
                    case "inc" -> NFT_NG_INCREMENTAL;
                    default -> throw new IllegalArgumentException("numgen mode \"" + n.mode() + "\" (random, inc)");
                };
                if (n.mod() < 1 || n.mod() > 0xffffffffL) {
                    throw new IllegalArgumentException("numgen mod must be 1 or more: " + n.mod());
                }
                out.add(new Low.Numgen(NFT_REG_1, (int) n.mod(), type, (int) n.offset()));
                return new Loaded(new Fields.Spec(Type.INTEGER, 4, false), e);
            }
            default -> throw new IllegalArgumentException("cannot match on " + Values.describe(e));
        }
    }

    /** Adds the check that the packet is of {@code proto} unless an earlier match made it known. */
    private void dependency(Fields.Proto proto) {
        switch (proto.base()) {
            case NFT_PAYLOAD_LL_HEADER -> {
                if (family != Family.BRIDGE) {
                    // meta iiftype ether
                    out.add(new Low.Meta(8, NFT_REG_1, null));
                    out.add(new Low.Cmp(NFT_REG_1, NFT_CMP_EQ, Low.Bytes.of((byte) 1, (byte) 0)));
                }
            }
            case NFT_PAYLOAD_NETWORK_HEADER -> {
                if (proto.name().equals(l3)) {
                    return;
                }
                if (l3 != null || family == Family.IP || family == Family.IP6 || family == Family.ARP) {
                    throw new IllegalArgumentException("conflicting protocols: " + proto.name() + " in a "
                            + (l3 != null ? l3 + " context" : family + " table"));
                }
                if (family == Family.INET) {
                    out.add(new Low.Meta(15, NFT_REG_1, null)); // meta nfproto
                    out.add(new Low.Cmp(NFT_REG_1, NFT_CMP_EQ, Low.Bytes.of((byte) (proto.name().equals("ip") ? 2 : 10))));
                } else {
                    out.add(new Low.Meta(1, NFT_REG_1, null)); // meta protocol
                    int et = proto.selector();
                    out.add(new Low.Cmp(NFT_REG_1, NFT_CMP_EQ, Low.Bytes.of((byte) (et >> 8), (byte) et)));
                }
                l3 = proto.name();
            }
            default -> {
                if (proto.name().equals("th") || proto.name().equals(l4)) {
                    return;
                }
                if (l4 != null) {
                    throw new IllegalArgumentException("conflicting protocols: " + proto.name() + " after " + l4);
                }
                if (proto.name().equals("icmp") || proto.name().equals("icmpv6")) {
                    // ICMP belongs to one network protocol: nft checks that first (meta nfproto in inet)
                    dependency(Fields.PROTOS.get(proto.name().equals("icmp") ? "ip" : "ip6"));
                }
                out.add(new Low.Meta(16, NFT_REG_1, null)); // meta l4proto
                out.add(new Low.Cmp(NFT_REG_1, NFT_CMP_EQ, Low.Bytes.of((byte) proto.selector())));
                l4 = proto.name();
            }
        }
    }

    /** Learns the protocol an equality match on a protocol selector establishes. */
    private void learn(Expression left, Expression right) {
        if (!(right instanceof Value v) || !(v.value() instanceof String || v.value() instanceof Long)) {
            return;
        }
        String sel = left instanceof Meta m ? "meta " + m.key() : left instanceof Payload p ? p.protocol() + " "
                + p.field() : "";
        switch (sel) {
            case "meta l4proto", "ip protocol", "ip6 nexthdr" -> {
                long n = v.value() instanceof Long x ? x : Type.INET_PROTO.symbol((String) v.value());
                for (Fields.Proto p : Fields.PROTOS.values()) {
                    if (p.base() == NFT_PAYLOAD_TRANSPORT_HEADER && p.selector() == n) {
                        l4 = p.name();
                    }
                }
            }
            case "meta nfproto" -> l3 = "ipv4".equals(v.value()) || Long.valueOf(2).equals(v.value()) ? "ip"
                    : "ipv6".equals(v.value()) || Long.valueOf(10).equals(v.value()) ? "ip6" : l3;
            case "meta protocol", "ether type" -> l3 = "ip".equals(v.value()) ? "ip" : "ip6".equals(v.value()) ? "ip6" : l3;
            default -> {
            }
        }
    }

    // ------------------------------------------------------------------ matches

    private static int cmpOp(String op) {
        return switch (op) {
            case "==", "in" -> NFT_CMP_EQ;
            case "!=" -> NFT_CMP_NEQ;
            case "<" -> NFT_CMP_LT;
            case "<=" -> NFT_CMP_LTE;
            case ">" -> NFT_CMP_GT;
            default -> NFT_CMP_GTE;
        };
    }

    private void match(Statement.Match m) {
        Expression left = m.left();
        Expression right = m.right();
        String op = m.op();
        if (left instanceof Binary b && b.op().equals("&") && b.operands().size() == 2) {
            Loaded l = load(b.operands().get(0), 0);
            byte[] mask = Values.encode(l.spec, b.operands().get(1), links);
            out.add(new Low.Bitwise(NFT_REG_1, NFT_REG_1, 0, l.spec.len(), Low.Bytes.of(mask),
                    Low.Bytes.of(new byte[l.spec.len()])));
            compare(l, op, right);
            return;
        }
        if (right instanceof Prefix p && (op.equals("==") || op.equals("!=") || op.equals("in"))) {
            prefix(left, op, p);
            return;
        }
        Loaded l = load(left, 0);
        compare(l, op, right);
        if (op.equals("==")) {
            learn(left, right);
        }
    }

    private void compare(Loaded l, String op, Expression right) {
        Fields.Spec spec = l.spec;
        switch (right) {
            case SetLiteral s -> lookup(l, op, anonymousSet(l, s, false, null));
            case SetRef r -> lookup(l, op, r.name());
            case Range r -> {
                byte[] from = encodeBe(spec, r.from());
                byte[] to = encodeBe(spec, r.to());
                order(spec);
                if (op.equals("!=")) {
                    out.add(new Low.Range(NFT_REG_1, NFT_RANGE_NEQ, Low.Bytes.of(from), Low.Bytes.of(to)));
                } else if (op.equals("==") || op.equals("in")) {
                    out.add(new Low.Cmp(NFT_REG_1, NFT_CMP_GTE, Low.Bytes.of(from)));
                    out.add(new Low.Cmp(NFT_REG_1, NFT_CMP_LTE, Low.Bytes.of(to)));
                } else {
                    throw new IllegalArgumentException("a range is matched with == or !=, not " + op);
                }
            }
            default -> {
                boolean bitmask = spec.type().kind == Type.Kind.BITMASK;
                if (op.equals("in") && (bitmask || right instanceof ValueList)) {
                    if (!bitmask) {
                        throw new IllegalArgumentException("a list of values needs a bitmask type, not " + spec.type());
                    }
                    byte[] mask = Values.encode(spec, right, links);
                    out.add(new Low.Bitwise(NFT_REG_1, NFT_REG_1, null, spec.len(), Low.Bytes.of(mask),
                            Low.Bytes.of(new byte[spec.len()])));
                    out.add(new Low.Cmp(NFT_REG_1, NFT_CMP_NEQ, Low.Bytes.of(new byte[spec.len()])));
                    return;
                }
                int cmp = cmpOp(op);
                byte[] data;
                if (spec.type().kind == Type.Kind.IFNAME && right instanceof Value v && v.value() instanceof String) {
                    data = Values.ifname(v.value(), spec.len(), true);
                } else if (cmp >= NFT_CMP_LT && !spec.bigEndian() && spec.len() > 1) {
                    data = encodeBe(spec, right);
                    order(spec);
                } else {
                    data = Values.encode(spec, right, links);
                }
                out.add(new Low.Cmp(NFT_REG_1, cmp, Low.Bytes.of(data)));
            }
        }
    }

    /** A host-order datum compared by order is first converted to network order, as nft does. */
    private void order(Fields.Spec spec) {
        if (!spec.bigEndian() && spec.len() > 1) {
            out.add(new Low.Byteorder(NFT_REG_1, NFT_REG_1, NFT_BYTEORDER_HTON, spec.len(), spec.len()));
        }
    }

    private byte[] encodeBe(Fields.Spec spec, Expression v) {
        return Values.encode(new Fields.Spec(spec.type(), spec.len(), true), v, links);
    }

    private void prefix(Expression left, String op, Prefix p) {
        if (left instanceof Payload) {
            Fields.Field f = Fields.PROTOS.get(((Payload) left).protocol()) == null ? null
                    : Fields.PROTOS.get(((Payload) left).protocol()).field(((Payload) left).field());
            if (f != null) {
                byte[] addr = Values.encode(f.spec(), p.addr(), links);
                checkPrefix(p, f.len());
                if (p.len() == 8 * f.len()) {
                    load(left, 0);
                    out.add(new Low.Cmp(NFT_REG_1, cmpOp(op), Low.Bytes.of(addr)));
                } else if (p.len() % 8 == 0) {
                    load(left, p.len() / 8);
                    out.add(new Low.Cmp(NFT_REG_1, cmpOp(op), Low.Bytes.of(java.util.Arrays.copyOf(addr, p.len() / 8))));
                } else {
                    load(left, 0);
                    byte[] mask = prefixMask(f.len(), p.len());
                    for (int i = 0; i < addr.length; i++) {
                        addr[i] &= mask[i];
                    }
                    out.add(new Low.Bitwise(NFT_REG_1, NFT_REG_1, null, f.len(), Low.Bytes.of(mask),
                            Low.Bytes.of(new byte[f.len()])));
                    out.add(new Low.Cmp(NFT_REG_1, cmpOp(op), Low.Bytes.of(addr)));
                }
                return;
            }
        }
        Loaded l = load(left, 0);
        byte[] addr = Values.encode(l.spec, p.addr(), links);
        checkPrefix(p, l.spec.len());
        byte[] mask = prefixMask(l.spec.len(), p.len());
        for (int i = 0; i < addr.length; i++) {
            addr[i] &= mask[i];
        }
        out.add(new Low.Bitwise(NFT_REG_1, NFT_REG_1, null, l.spec.len(), Low.Bytes.of(mask), Low.Bytes.of(new byte[l.spec.len()])));
        out.add(new Low.Cmp(NFT_REG_1, cmpOp(op), Low.Bytes.of(addr)));
    }

    private static void checkPrefix(Prefix p, int len) {
        if (p.len() < 1 || p.len() > 8 * len) {
            throw new IllegalArgumentException("prefix length " + p.len() + " out of range 1.." + (8 * len));
        }
    }

    static byte[] prefixMask(int len, int bits) {
        byte[] m = new byte[len];
        for (int i = 0; i < bits; i++) {
            m[i / 8] |= (byte) (0x80 >> (i % 8));
        }
        return m;
    }

    private void lookup(Loaded l, String op, String set) {
        Integer id = set.startsWith("__set") ? anonymous.get(anonymous.size() - 1).id() : sets.idOf(set);
        Integer flags = op.equals("!=") ? NFT_LOOKUP_F_INV : null;
        if (!op.equals("==") && !op.equals("!=") && !op.equals("in")) {
            throw new IllegalArgumentException("a set is matched with == or !=, not " + op);
        }
        out.add(new Low.Lookup(set, NFT_REG_1, null, id, flags));
    }

    /** Builds an anonymous set (or verdict map) of {@code s}'s elements; returns its name. */
    private String anonymousSet(Loaded l, SetLiteral s, boolean map, Expression keyExpr) {
        SetCodec.Anon a = SetCodec.anonymous(l.spec, l.key, s, map, sets.nextId(), links);
        anonymous.add(a.def());
        return a.def().name();
    }

    // ------------------------------------------------------------------ other statements

    private void reject(Statement.Reject r) {
        Low.Reject low = StatementCodec.reject(r, family);
        if (low.type() == NFT_REJECT_TCP_RST && !"tcp".equals(l4)) {
            dependency(Fields.PROTOS.get("tcp"));
        }
        out.add(low);
    }

    private void nat(Statement.Nat n) {
        String kind = n.kind();
        int natFamily = family == Family.IP6 ? 10 : 2;
        if (n.family().isPresent()) {
            natFamily = switch (n.family().get()) {
                case "ip" -> 2;
                case "ip6" -> 10;
                default -> throw new IllegalArgumentException("NAT family \"" + n.family().get() + "\" (ip, ip6)");
            };
        } else if (family == Family.INET && n.addr().isPresent()) {
            throw new IllegalArgumentException(kind + " to an address in an inet table needs \"family\": \"ip\" or \"ip6\"");
        }
        Fields.Spec addrSpec = natFamily == 2 ? new Fields.Spec(Type.IPV4, 4, true) : new Fields.Spec(Type.IPV6, 16, true);
        Fields.Spec portSpec = new Fields.Spec(Type.INET_SERVICE, 2, true);
        int reg = NFT_REG_1;
        Integer addrMin = null;
        Integer addrMax = null;
        Integer protoMin = null;
        Integer protoMax = null;
        if (n.addr().isPresent()) {
            if (kind.equals("masquerade") || kind.equals("redirect")) {
                throw new IllegalArgumentException(kind + " takes no address");
            }
            Expression a = n.addr().get();
            if (a instanceof Range r) {
                out.add(Low.data(reg, Values.encode(addrSpec, r.from(), links)));
                addrMin = reg++;
                out.add(Low.data(reg, Values.encode(addrSpec, r.to(), links)));
                addrMax = reg++;
            } else {
                out.add(Low.data(reg, Values.encode(addrSpec, a, links)));
                addrMin = reg++;
            }
        }
        if (n.port().isPresent()) {
            if (l4 == null || l4.equals("icmp") || l4.equals("icmpv6")) {
                throw new IllegalArgumentException("a NAT port needs a tcp or udp match before it");
            }
            Expression p = n.port().get();
            if (p instanceof Range r) {
                out.add(Low.data(reg, Values.encode(portSpec, r.from(), links)));
                protoMin = reg++;
                out.add(Low.data(reg, Values.encode(portSpec, r.to(), links)));
                protoMax = reg;
            } else {
                out.add(Low.data(reg, Values.encode(portSpec, p, links)));
                protoMin = reg;
            }
        }
        int flags = StatementCodec.natFlags(n.flags()) | (protoMin != null ? NF_NAT_RANGE_PROTO_SPECIFIED : 0);
        Integer f = flags == 0 ? null : flags;
        switch (kind) {
            case "snat", "dnat" -> out.add(new Low.Nat(kind.equals("snat") ? NFT_NAT_SNAT : NFT_NAT_DNAT, natFamily,
                    addrMin, addrMax, protoMin, protoMax, f));
            case "masquerade" -> out.add(new Low.Masq(f, protoMin, protoMax));
            default -> out.add(new Low.Redir(protoMin, protoMax, f));
        }
    }

    private void mangle(Statement.Mangle m) {
        switch (m.key()) {
            case Meta meta -> {
                Fields.MetaKey k = Fields.META.get(meta.key());
                if (k == null) {
                    throw new IllegalArgumentException("unsupported meta key \"" + meta.key() + "\"");
                }
                out.add(Low.data(NFT_REG_1, Values.encode(k.spec(), m.value(), links)));
                out.add(new Low.Meta(k.key(), null, NFT_REG_1));
            }
            case Ct ct -> {
                Fields.CtKey k = Fields.CT.get(ct.key());
                if (k == null || !ct.key().equals("mark")) {
                    throw new IllegalArgumentException("only ct mark can be set here, not ct " + ct.key());
                }
                out.add(Low.data(NFT_REG_1, Values.encode(k.spec(), m.value(), links)));
                out.add(new Low.Ct(k.key(), null, null, NFT_REG_1));
            }
            default -> throw new IllegalArgumentException("mangle sets a meta or ct key, not " + Values.describe(m.key()));
        }
    }

    private void vmap(Statement.VerdictMap v) {
        Loaded l = load(v.key(), 0);
        String name;
        Integer id;
        if (v.data() instanceof SetLiteral s) {
            for (Expression e : s.elements()) {
                if (!(e instanceof MapEntry me) || !(me.value() instanceof Verdict)) {
                    throw new IllegalArgumentException("a verdict map's elements are [KEY, VERDICT]");
                }
            }
            SetCodec.Anon a = SetCodec.anonymous(l.spec, l.key, s, true, sets.nextId(), links);
            anonymous.add(a.def());
            name = a.def().name();
            id = a.def().id();
        } else if (v.data() instanceof SetRef r) {
            name = r.name();
            id = sets.idOf(name);
        } else {
            throw new IllegalArgumentException("vmap data is {\"set\": [...]} or \"@map\"");
        }
        out.add(new Low.Lookup(name, NFT_REG_1, NFT_REG_VERDICT, id, null));
    }

    /** Unused helper kept for symmetry with the decoder's big-number view of keys. */
    static BigInteger number(byte[] b) {
        return new BigInteger(1, b);
    }
}
