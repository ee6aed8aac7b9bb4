// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import io.netns.netlink.NetlinkDecodeException;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.MessageWriter;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static io.netns.nftables.internal.Nft.*;

/**
 * Encodes {@link Low} expressions into NFTA_LIST_ELEM attributes, attribute by attribute in the
 * order libnftnl writes them (so the bytes equal what {@code nft} sends), and decodes them back.
 * An expression with an attribute or an operation the records do not model decodes as
 * {@link Low.Unknown}, whose bytes encode back unchanged.
 */
public final class LowCodec {
    /** NLA_F_NESTED: nf_tables sends every nest with it. */
    static final int NESTED = 0x8000;

    private LowCodec() {
    }

    /**
     * Writes the expressions of a rule: the nest NFTA_RULE_EXPRESSIONS (or any list attribute).
     *
     * @param w the writer
     * @param attr the list attribute's type
     * @param exprs the expressions
     */
    public static void encodeList(MessageWriter w, int attr, List<Low> exprs) {
        long list = w.beginNested(attr | NESTED);
        for (Low e : exprs) {
            encode(w, e);
        }
        w.endNested(list);
    }

    /**
     * Writes one NFTA_LIST_ELEM holding {@code e}.
     *
     * @param w the writer
     * @param e the expression
     */
    public static void encode(MessageWriter w, Low e) {
        long elem = w.beginNested(NFTA_LIST_ELEM | NESTED);
        w.attrString(NFTA_EXPR_NAME, e.name());
        if (e instanceof Low.Unknown u) {
            if (u.data() != null) {
                w.attrBytes(NFTA_EXPR_DATA | NESTED, u.data().raw());
            }
            w.endNested(elem);
            return;
        }
        long data = w.beginNested(NFTA_EXPR_DATA | NESTED);
        switch (e) {
            case Low.Payload p -> {
                be32(w, NFTA_PAYLOAD_DREG, p.dreg());
                be32(w, NFTA_PAYLOAD_BASE, p.base());
                be32(w, NFTA_PAYLOAD_OFFSET, p.offset());
                be32(w, NFTA_PAYLOAD_LEN, p.len());
            }
            case Low.Cmp c -> {
                be32(w, NFTA_CMP_SREG, c.sreg());
                be32(w, NFTA_CMP_OP, c.op());
                value(w, NFTA_CMP_DATA, c.data());
            }
            case Low.Bitwise b -> {
                be32(w, NFTA_BITWISE_SREG, b.sreg());
                be32(w, NFTA_BITWISE_DREG, b.dreg());
                opt32(w, NFTA_BITWISE_OP, b.op());
                be32(w, NFTA_BITWISE_LEN, b.len());
                value(w, NFTA_BITWISE_MASK, b.mask());
                value(w, NFTA_BITWISE_XOR, b.xor());
            }
            case Low.Byteorder b -> {
                be32(w, NFTA_BYTEORDER_SREG, b.sreg());
                be32(w, NFTA_BYTEORDER_DREG, b.dreg());
                be32(w, NFTA_BYTEORDER_OP, b.op());
                be32(w, NFTA_BYTEORDER_LEN, b.len());
                be32(w, NFTA_BYTEORDER_SIZE, b.size());
            }
            case Low.Meta m -> {
                be32(w, NFTA_META_KEY, m.key());
                opt32(w, NFTA_META_DREG, m.dreg());
                opt32(w, NFTA_META_SREG, m.sreg());
            }
            case Low.Ct c -> {
                be32(w, NFTA_CT_KEY, c.key());
                opt32(w, NFTA_CT_DREG, c.dreg());
                if (c.direction() != null) {
                    w.attrU8(NFTA_CT_DIRECTION, c.direction());
                }
                opt32(w, NFTA_CT_SREG, c.sreg());
            }
            case Low.Immediate i -> {
                be32(w, NFTA_IMMEDIATE_DREG, i.dreg());
                long d = w.beginNested(NFTA_IMMEDIATE_DATA | NESTED);
                if (i.verdict() != null) {
                    long v = w.beginNested(NFTA_DATA_VERDICT | NESTED);
                    be32(w, NFTA_VERDICT_CODE, i.verdict());
                    if (i.chain() != null) {
                        w.attrString(NFTA_VERDICT_CHAIN, i.chain());
                    }
                    w.endNested(v);
                } else {
                    w.attrBytes(NFTA_DATA_VALUE, i.value().raw());
                }
                w.endNested(d);
            }
            case Low.Lookup l -> {
                be32(w, NFTA_LOOKUP_SREG, l.sreg());
                opt32(w, NFTA_LOOKUP_DREG, l.dreg());
                w.attrString(NFTA_LOOKUP_SET, l.set());
                opt32(w, NFTA_LOOKUP_SET_ID, l.setId());
                opt32(w, NFTA_LOOKUP_FLAGS, l.flags());
            }
            case Low.Range r -> {
                be32(w, NFTA_RANGE_SREG, r.sreg());
                be32(w, NFTA_RANGE_OP, r.op());
                value(w, NFTA_RANGE_FROM_DATA, r.from());
                value(w, NFTA_RANGE_TO_DATA, r.to());
            }
            case Low.Counter c -> {
                opt64(w, NFTA_COUNTER_BYTES, c.bytes());
                opt64(w, NFTA_COUNTER_PACKETS, c.packets());
            }
            case Low.Limit l -> {
                be64(w, NFTA_LIMIT_RATE, l.rate());
                be64(w, NFTA_LIMIT_UNIT, l.unit());
                opt32(w, NFTA_LIMIT_BURST, l.burst());
                opt32(w, NFTA_LIMIT_TYPE, l.type());
                opt32(w, NFTA_LIMIT_FLAGS, l.flags());
            }
            case Low.Log l -> {
                if (l.prefix() != null) {
                    w.attrString(NFTA_LOG_PREFIX, l.prefix());
                }
                if (l.group() != null) {
                    w.attrU16Be(NFTA_LOG_GROUP, l.group());
                }
                opt32(w, NFTA_LOG_SNAPLEN, l.snaplen());
                if (l.qthreshold() != null) {
                    w.attrU16Be(NFTA_LOG_QTHRESHOLD, l.qthreshold());
                }
                opt32(w, NFTA_LOG_LEVEL, l.level());
                opt32(w, NFTA_LOG_FLAGS, l.flags());
            }
            case Low.Quota q -> {
                be64(w, NFTA_QUOTA_BYTES, q.bytes());
                opt64(w, NFTA_QUOTA_CONSUMED, q.consumed());
                opt32(w, NFTA_QUOTA_FLAGS, q.flags());
            }
            case Low.Reject r -> {
                be32(w, NFTA_REJECT_TYPE, r.type());
                if (r.code() != null) {
                    w.attrU8(NFTA_REJECT_ICMP_CODE, r.code());
                }
            }
            case Low.Nat n -> {
                be32(w, NFTA_NAT_TYPE, n.type());
                be32(w, NFTA_NAT_FAMILY, n.family());
                opt32(w, NFTA_NAT_REG_ADDR_MIN, n.addrMin());
                opt32(w, NFTA_NAT_REG_ADDR_MAX, n.addrMax());
                opt32(w, NFTA_NAT_REG_PROTO_MIN, n.protoMin());
                opt32(w, NFTA_NAT_REG_PROTO_MAX, n.protoMax());
                opt32(w, NFTA_NAT_FLAGS, n.flags());
            }
            case Low.Masq m -> {
                opt32(w, NFTA_MASQ_FLAGS, m.flags());
                opt32(w, NFTA_MASQ_REG_PROTO_MIN, m.protoMin());
                opt32(w, NFTA_MASQ_REG_PROTO_MAX, m.protoMax());
            }
            case Low.Redir r -> {
                opt32(w, NFTA_REDIR_REG_PROTO_MIN, r.protoMin());
                opt32(w, NFTA_REDIR_REG_PROTO_MAX, r.protoMax());
                opt32(w, NFTA_REDIR_FLAGS, r.flags());
            }
            case Low.Numgen n -> {
                be32(w, NFTA_NG_DREG, n.dreg());
                be32(w, NFTA_NG_MODULUS, n.modulus());
                be32(w, NFTA_NG_TYPE, n.type());
                opt32(w, NFTA_NG_OFFSET, n.offset());
            }
            case Low.Unknown u -> throw new AssertionError(u);
        }
        w.endNested(data);
        w.endNested(elem);
    }

    static void be32(MessageWriter w, int type, int v) {
        w.attrU32Be(type, v);
    }

    static void be64(MessageWriter w, int type, long v) {
        w.attrU64(type, Long.reverseBytes(v));
    }

    private static void opt32(MessageWriter w, int type, Integer v) {
        if (v != null) {
            w.attrU32Be(type, v);
        }
    }

    private static void opt64(MessageWriter w, int type, Long v) {
        if (v != null) {
            be64(w, type, v);
        }
    }

    /** Writes {@code attr} nesting one NFTA_DATA_VALUE. */
    static void value(MessageWriter w, int attr, Low.Bytes v) {
        long n = w.beginNested(attr | NESTED);
        w.attrBytes(NFTA_DATA_VALUE, v.raw());
        w.endNested(n);
    }

    // ================================================================== decoding

    /**
     * Decodes the expressions nested in a list attribute (NFTA_RULE_EXPRESSIONS).
     *
     * @param list a reader over the list's NFTA_LIST_ELEM attributes
     * @return the expressions, in order
     * @throws NetlinkDecodeException if the attributes are malformed
     */
    public static List<Low> decodeList(AttrReader list) {
        List<Low> out = new ArrayList<>();
        while (list.next()) {
            if (list.type() != NFTA_LIST_ELEM) {
                continue;
            }
            out.add(decode(list.nested("NFTA_LIST_ELEM")));
        }
        return out;
    }

    /**
     * Decodes one expression.
     *
     * @param elem a reader over one NFTA_LIST_ELEM's attributes
     * @return the expression; {@link Low.Unknown} for one this codec does not model
     */
    public static Low decode(AttrReader elem) {
        String name = null;
        byte[] data = null;
        MemorySegment seg = elem.segment();
        long dataStart = -1;
        int dataLen = 0;
        while (elem.next()) {
            if (elem.type() == NFTA_EXPR_NAME) {
                name = elem.string();
            } else if (elem.type() == NFTA_EXPR_DATA) {
                data = elem.bytes();
                dataStart = elem.valueOffset();
                dataLen = elem.valueLength();
            }
        }
        if (name == null) {
            throw new NetlinkDecodeException(elem.context() + ": expression without NFTA_EXPR_NAME");
        }
        Low.Bytes raw = data == null ? null : Low.Bytes.wrap(data);
        if (data == null) {
            return new Low.Unknown(name, null);
        }
        Fields f = new Fields();
        AttrReader a = new AttrReader(seg, dataStart, dataStart + dataLen, elem.context() + "/" + name);
        while (a.next()) {
            if (!f.read(name, a)) {
                return new Low.Unknown(name, raw);
            }
        }
        Low low = f.build(name);
        return low == null ? new Low.Unknown(name, raw) : low;
    }

    /** The attributes of one expression as read, by type; which ones are allowed depends on the name. */
    private static final class Fields {
        final Long[] n = new Long[16];
        final Low.Bytes[] d = new Low.Bytes[16];
        final String[] s = new String[16];
        Integer verdict;
        String chain;
        boolean value;

        /** Reads one attribute; false if the expression has one this codec does not model. */
        boolean read(String name, AttrReader a) {
            int t = a.type();
            if (t >= 16) {
                return false;
            }
            switch (name) {
                case "payload", "bitwise", "byteorder", "meta", "ct", "cmp", "range", "lookup", "limit", "log",
                     "quota", "reject", "nat", "masq", "redir", "numgen", "counter", "immediate" -> {
                }
                default -> {
                    return false;
                }
            }
            int kind = kind(name, t);
            switch (kind) {
                case 32 -> n[t] = Integer.toUnsignedLong(a.u32Be());
                case 64 -> n[t] = Long.reverseBytes(a.u64());
                case 'P' -> {
                    // NFTA_*_PAD: alignment of the 64-bit values that follow
                }
                case 16 -> n[t] = (long) a.u16Be();
                case 8 -> n[t] = (long) a.u8();
                case 'S' -> s[t] = a.string();
                case 'D' -> {
                    AttrReader v = a.nested(name + " data");
                    Low.Bytes b = null;
                    while (v.next()) {
                        if (v.type() != NFTA_DATA_VALUE) {
                            return false;
                        }
                        b = Low.Bytes.wrap(v.bytes());
                    }
                    if (b == null) {
                        return false;
                    }
                    d[t] = b;
                }
                case 'I' -> {
                    AttrReader v = a.nested("immediate data");
                    while (v.next()) {
                        if (v.type() == NFTA_DATA_VALUE) {
                            d[t] = Low.Bytes.wrap(v.bytes());
                            value = true;
                        } else if (v.type() == NFTA_DATA_VERDICT) {
                            AttrReader vv = v.nested("verdict");
                            while (vv.next()) {
                                if (vv.type() == NFTA_VERDICT_CODE) {
                                    verdict = vv.u32Be();
                                } else if (vv.type() == NFTA_VERDICT_CHAIN) {
                                    chain = vv.string();
                                } else {
                                    return false;
                                }
                            }
                            if (verdict == null) {
                                return false;
                            }
                        } else {
                            return false;
                        }
                    }
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        /** The wire form of attribute {@code t} of expression {@code name}: 32, 64, 16, 8 bits, 'S'tring, 'D'ata, 'I'mmediate data, or 0 for none. */
        private static int kind(String name, int t) {
            return switch (name) {
                case "payload" -> t >= 1 && t <= 4 ? 32 : 0;
                case "cmp" -> t == 1 || t == 2 ? 32 : t == 3 ? 'D' : 0;
                case "bitwise" -> t >= 1 && t <= 3 || t == 6 ? 32 : t == 4 || t == 5 ? 'D' : 0;
                case "byteorder" -> t >= 1 && t <= 5 ? 32 : 0;
                case "meta" -> t >= 1 && t <= 3 ? 32 : 0;
                case "ct" -> t == 1 || t == 2 || t == 4 ? 32 : t == 3 ? 8 : 0;
                case "immediate" -> t == 1 ? 32 : t == 2 ? 'I' : 0;
                case "lookup" -> t == 1 ? 'S' : t >= 2 && t <= 5 ? 32 : 0;
                case "range" -> t == 1 || t == 2 ? 32 : t == 3 || t == 4 ? 'D' : 0;
                case "counter" -> t == 1 || t == 2 ? 64 : t == 3 ? 'P' : 0;
                case "limit" -> t == 1 || t == 2 ? 64 : t >= 3 && t <= 5 ? 32 : t == 6 ? 'P' : 0;
                case "log" -> t == 2 ? 'S' : t == 1 || t == 4 ? 16 : t == 3 || t == 5 || t == 6 ? 32 : 0;
                case "quota" -> t == 1 || t == 4 ? 64 : t == 2 ? 32 : t == 3 ? 'P' : 0;
                case "reject" -> t == 1 ? 32 : t == 2 ? 8 : 0;
                case "nat" -> t >= 1 && t <= 7 ? 32 : 0;
                case "masq", "redir" -> t >= 1 && t <= 3 ? 32 : 0;
                case "numgen" -> t >= 1 && t <= 4 ? 32 : 0;
                default -> 0;
            };
        }

        private Integer i(int t) {
            return n[t] == null ? null : (int) (long) n[t];
        }

        private boolean has(int... ts) {
            for (int t : ts) {
                if (n[t] == null && d[t] == null && s[t] == null) {
                    return false;
                }
            }
            return true;
        }

        /** The record, or null if a required attribute is missing. */
        Low build(String name) {
            return switch (name) {
                case "payload" -> has(1, 2, 3, 4) ? new Low.Payload(i(1), i(2), i(3), i(4)) : null;
                case "cmp" -> has(1, 2, 3) ? new Low.Cmp(i(1), i(2), d[3]) : null;
                case "bitwise" -> has(1, 2, 3, 4, 5) && (n[6] == null || n[6] == 0)
                        ? new Low.Bitwise(i(1), i(2), i(6), i(3), d[4], d[5]) : null;
                case "byteorder" -> has(1, 2, 3, 4, 5) ? new Low.Byteorder(i(1), i(2), i(3), i(4), i(5)) : null;
                case "meta" -> has(2) && (n[1] == null) != (n[3] == null) ? new Low.Meta(i(2), i(1), i(3)) : null;
                case "ct" -> has(2) && (n[1] == null) != (n[4] == null) ? new Low.Ct(i(2), i(1), i(3), i(4)) : null;
                case "immediate" -> has(1) && (value ^ verdict != null)
                        ? new Low.Immediate(i(1), value ? d[2] : null, verdict, chain) : null;
                case "lookup" -> has(1, 2) ? new Low.Lookup(s[1], i(2), i(3), i(4), i(5)) : null;
                case "range" -> has(1, 2, 3, 4) ? new Low.Range(i(1), i(2), d[3], d[4]) : null;
                case "counter" -> new Low.Counter(n[1], n[2]);
                case "limit" -> has(1, 2) ? new Low.Limit(n[1], n[2], i(3), i(4), i(5)) : null;
                case "log" -> new Low.Log(i(1), s[2], i(3), i(4), i(5), i(6));
                case "quota" -> has(1) ? new Low.Quota(n[1], i(2), n[4]) : null;
                case "reject" -> has(1) ? new Low.Reject(i(1), i(2)) : null;
                case "nat" -> has(1, 2) ? new Low.Nat(i(1), i(2), i(3), i(4), i(5), i(6), i(7)) : null;
                case "masq" -> new Low.Masq(i(1), i(2), i(3));
                case "redir" -> new Low.Redir(i(1), i(2), i(3));
                case "numgen" -> has(1, 2, 3) ? new Low.Numgen(i(1), i(2), i(3), i(4)) : null;
                default -> null;
            };
        }
    }
}
