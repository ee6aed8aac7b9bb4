// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.netns.nftables.internal.Nft.NFT_PAYLOAD_LL_HEADER;
import static io.netns.nftables.internal.Nft.NFT_PAYLOAD_NETWORK_HEADER;
import static io.netns.nftables.internal.Nft.NFT_PAYLOAD_TRANSPORT_HEADER;

/**
 * What the expressions of libnftables JSON load: the header fields of each protocol (offset,
 * length, type: nftables' {@code proto.c} templates, byte-aligned fields only), the meta keys
 * ({@code meta.c}) and the conntrack keys ({@code ct.c}).
 */
public final class Fields {
    private Fields() {
    }

    /** Where a datum lives and how it is typed: {@code len} bytes, big-endian or host order. */
    record Spec(Type type, int len, boolean bigEndian) {
    }

    /** A protocol header. */
    record Proto(String name, int base, int descId, int selector, List<Field> fields) {
        Field field(String f) {
            for (Field x : fields) {
                if (x.name.equals(f)) {
                    return x;
                }
            }
            return null;
        }
    }

    /** A field of a protocol header; {@code index} is its template number (set user data records it). */
    record Field(Proto proto, String name, int index, int offset, int len, Type type) {
        Spec spec() {
            return new Spec(type, len, true);
        }
    }

    /** A meta key. */
    record MetaKey(String name, int key, Spec spec) {
    }

    /** A conntrack key; {@code dir}: whether it belongs to one direction. */
    record CtKey(String name, int key, Spec spec, boolean dir) {
    }

    static final Map<String, Proto> PROTOS = new LinkedHashMap<>();

    private static void proto(String name, int base, int descId, int selector, Object... f) {
        List<Field> fields = new ArrayList<>();
        Proto p = new Proto(name, base, descId, selector, fields);
        for (int i = 0; i < f.length; i += 5) {
            fields.add(new Field(p, (String) f[i], (Integer) f[i + 1], (Integer) f[i + 2], (Integer) f[i + 3],
                    (Type) f[i + 4]));
        }
        PROTOS.put(name, p);
    }

    static {
        Type i = Type.INTEGER_BE;
        // name, base, nftables' proto_desc id, the selector value (ethertype or IP protocol); fields:
        // name, template index, offset and length in bytes, type
        proto("ether", NFT_PAYLOAD_LL_HEADER, 17, -1,
                "daddr", 1, 0, 6, Type.ETHER, "saddr", 2, 6, 6, Type.ETHER, "type", 3, 12, 2, Type.ETHERTYPE);
        proto("ip", NFT_PAYLOAD_NETWORK_HEADER, 12, 0x0800,
                "length", 5, 2, 2, i, "id", 6, 4, 2, i, "frag-off", 7, 6, 2, i, "ttl", 8, 8, 1, i,
                "protocol", 9, 9, 1, Type.INET_PROTO, "checksum", 10, 10, 2, i,
                "saddr", 11, 12, 4, Type.IPV4, "daddr", 12, 16, 4, Type.IPV4);
        proto("ip6", NFT_PAYLOAD_NETWORK_HEADER, 13, 0x86dd,
                "length", 5, 4, 2, i, "nexthdr", 6, 6, 1, Type.INET_PROTO, "hoplimit", 7, 7, 1, i,
                "saddr", 8, 8, 16, Type.IPV6, "daddr", 9, 24, 16, Type.IPV6);
        proto("tcp", NFT_PAYLOAD_TRANSPORT_HEADER, 8, 6,
                "sport", 1, 0, 2, Type.INET_SERVICE, "dport", 2, 2, 2, Type.INET_SERVICE, "sequence", 3, 4, 4, i,
                "ackseq", 4, 8, 4, i, "flags", 7, 13, 1, Type.TCP_FLAG, "window", 8, 14, 2, i,
                "checksum", 9, 16, 2, i, "urgptr", 10, 18, 2, i);
        proto("udp", NFT_PAYLOAD_TRANSPORT_HEADER, 6, 17,
                "sport", 1, 0, 2, Type.INET_SERVICE, "dport", 2, 2, 2, Type.INET_SERVICE, "length", 3, 4, 2, i,
                "checksum", 4, 6, 2, i);
        proto("icmp", NFT_PAYLOAD_TRANSPORT_HEADER, 4, 1,
                "type", 1, 0, 1, Type.ICMP_TYPE, "code", 2, 1, 1, Type.ICMP_CODE, "checksum", 3, 2, 2, i);
        proto("icmpv6", NFT_PAYLOAD_TRANSPORT_HEADER, 14, 58,
                "type", 1, 0, 1, Type.ICMPV6_TYPE, "code", 2, 1, 1, Type.ICMPV6_CODE, "checksum", 3, 2, 2, i);
        proto("th", NFT_PAYLOAD_TRANSPORT_HEADER, 11, -1,
                "sport", 1, 0, 2, Type.INET_SERVICE, "dport", 2, 2, 2, Type.INET_SERVICE);
    }

    static final Map<String, MetaKey> META = new LinkedHashMap<>();
    static final Map<Integer, MetaKey> META_BY_KEY = new LinkedHashMap<>();

    private static void meta(String name, int key, Type type, int len, boolean be) {
        MetaKey m = new MetaKey(name, key, new Spec(type, len, be));
        META.put(name, m);
        META_BY_KEY.putIfAbsent(key, m);
    }

    static {
        meta("length", 0, Type.INTEGER, 4, false);
        meta("protocol", 1, Type.ETHERTYPE, 2, true);
        meta("mark", 3, Type.MARK, 4, false);
        meta("iif", 4, Type.IFINDEX, 4, false);
        meta("oif", 5, Type.IFINDEX, 4, false);
        meta("iifname", 6, Type.IFNAME, 16, false);
        meta("oifname", 7, Type.IFNAME, 16, false);
        meta("iiftype", 8, Type.ARPHRD, 2, false);
        meta("oiftype", 9, Type.ARPHRD, 2, false);
        meta("skuid", 10, Type.UID, 4, false);
        meta("skgid", 11, Type.GID, 4, false);
        meta("nfproto", 15, Type.NFPROTO, 1, false);
        meta("l4proto", 16, Type.INET_PROTO, 1, false);
        meta("pkttype", 19, Type.PKTTYPE, 1, false);
        meta("cpu", 20, Type.INTEGER, 4, false);
    }

    static final Map<String, CtKey> CT = new LinkedHashMap<>();

    private static void ct(String name, int key, Type type, int len, boolean be, boolean dir) {
        CT.put(name, new CtKey(name, key, new Spec(type, len, be), dir));
    }

    static {
        ct("state", 0, Type.CT_STATE, 4, false, false);
        ct("direction", 1, Type.CT_DIR, 1, false, false);
        ct("status", 2, Type.CT_STATUS, 4, false, false);
        ct("mark", 3, Type.MARK, 4, false, false);
        ct("l3proto", 7, Type.NFPROTO, 1, false, true);
        ct("protocol", 10, Type.INET_PROTO, 1, false, true);
        ct("proto-src", 11, Type.INET_SERVICE, 2, true, true);
        ct("proto-dst", 12, Type.INET_SERVICE, 2, true, true);
        ct("ip saddr", 19, Type.IPV4, 4, true, true);
        ct("ip daddr", 20, Type.IPV4, 4, true, true);
        ct("ip6 saddr", 21, Type.IPV6, 16, true, true);
        ct("ip6 daddr", 22, Type.IPV6, 16, true, true);
    }

    /**
     * {@return the conntrack key with kernel number {@code key}, or null}
     *
     * @param key NFT_CT_*
     */
    static CtKey ctByKey(int key) {
        for (CtKey k : CT.values()) {
            if (k.key == key) {
                return k;
            }
        }
        return null;
    }

    /** {@return the field of {@code proto} at {@code offset} with length {@code len}, or null} */
    static Field fieldAt(Proto proto, int offset, int len) {
        for (Field f : proto.fields()) {
            if (f.offset == offset && f.len == len) {
                return f;
            }
        }
        return null;
    }

    /** {@return the address field of {@code proto} starting at {@code offset} and longer than {@code len} (a prefix), or null} */
    static Field prefixFieldAt(Proto proto, int offset, int len) {
        for (Field f : proto.fields()) {
            if (f.offset == offset && f.len > len && (f.type == Type.IPV4 || f.type == Type.IPV6
                    || f.type == Type.ETHER)) {
                return f;
            }
        }
        return null;
    }
}
