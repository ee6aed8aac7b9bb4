// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An nftables data type (nftables' {@code datatype.h}): its name and number (NFTA_SET_KEY_TYPE),
 * size, byte order, and the symbols {@code nft} prints for its values. {@link Values} encodes and
 * decodes values of these types.
 */
public final class Type {
    /** How a value is written and printed. */
    enum Kind { INTEGER, SYMBOL, BITMASK, IPV4, IPV6, ETHER, IFNAME, IFINDEX, VERDICT }

    /** nftables' byte orders, as its set user data records them (NFTNL_UDATA_SET_KEYBYTEORDER). */
    static final int INVALID_ORDER = 0;
    static final int HOST = 1;
    static final int BIG = 2;

    final String name;
    final int id;
    /** Size in bytes (0: the expression's length decides, as for plain integers). */
    final int size;
    final int order;
    final Kind kind;
    /** Symbol names by value, in {@code nft}'s order (for bitmasks: by bit). */
    final Map<Long, String> symbols;

    private Type(String name, int id, int size, int order, Kind kind, Map<Long, String> symbols) {
        this.name = name;
        this.id = id;
        this.size = size;
        this.order = order;
        this.kind = kind;
        this.symbols = symbols;
    }

    private static Map<Long, String> sym(Object... kv) {
        Map<Long, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(((Number) kv[i]).longValue(), (String) kv[i + 1]);
        }
        return m;
    }

    static final Type VERDICT = new Type("verdict", 1, 4, HOST, Kind.VERDICT, Map.of());
    static final Type NFPROTO = new Type("nf_proto", 2, 1, HOST, Kind.SYMBOL, sym(2, "ipv4", 10, "ipv6"));
    static final Type INTEGER = new Type("integer", 4, 0, HOST, Kind.INTEGER, Map.of());
    static final Type INTEGER_BE = new Type("integer", 4, 0, BIG, Kind.INTEGER, Map.of());
    static final Type STRING = new Type("string", 5, 0, HOST, Kind.IFNAME, Map.of());
    static final Type IPV4 = new Type("ipv4_addr", 7, 4, BIG, Kind.IPV4, Map.of());
    static final Type IPV6 = new Type("ipv6_addr", 8, 16, BIG, Kind.IPV6, Map.of());
    static final Type ETHER = new Type("ether_addr", 9, 6, BIG, Kind.ETHER, Map.of());
    static final Type ETHERTYPE = new Type("ether_type", 10, 2, HOST, Kind.SYMBOL,
            sym(0x0800, "ip", 0x0806, "arp", 0x86dd, "ip6", 0x8100, "8021q", 0x88a8, "8021ad", 0x6558, "vlan"));
    /** The protocol names of /etc/protocols (netbase) that {@code nft} prints. */
    static final Type INET_PROTO = new Type("inet_proto", 12, 1, INVALID_ORDER, Kind.SYMBOL,
            sym(0, "ip", 1, "icmp", 2, "igmp", 3, "ggp", 4, "ipencap", 5, "st", 6, "tcp", 8, "egp", 9, "igp",
                    12, "pup", 17, "udp", 20, "hmp", 22, "xns-idp", 27, "rdp", 29, "iso-tp4", 33, "dccp", 36, "xtp",
                    37, "ddp", 38, "idpr-cmtp", 41, "ipv6", 43, "ipv6-route", 44, "ipv6-frag", 45, "idrp", 46, "rsvp",
                    47, "gre", 50, "esp", 51, "ah", 57, "skip", 58, "ipv6-icmp", 59, "ipv6-nonxt", 60, "ipv6-opts",
                    73, "rspf", 81, "vmtp", 88, "eigrp", 89, "ospf", 93, "ax.25", 94, "ipip", 97, "etherip",
                    98, "encap", 103, "pim", 108, "ipcomp", 112, "vrrp", 115, "l2tp", 124, "isis", 132, "sctp",
                    133, "fc", 135, "mobility-header", 136, "udplite", 137, "mpls-in-ip", 138, "manet", 139, "hip",
                    140, "shim6", 141, "wesp", 142, "rohc", 143, "ethernet"));
    static final Type INET_SERVICE = new Type("inet_service", 13, 2, BIG, Kind.INTEGER, Map.of());
    static final Type ICMP_TYPE = new Type("icmp_type", 14, 1, BIG, Kind.SYMBOL,
            sym(0, "echo-reply", 3, "destination-unreachable", 4, "source-quench", 5, "redirect", 8, "echo-request",
                    9, "router-advertisement", 10, "router-solicitation", 11, "time-exceeded", 12, "parameter-problem",
                    13, "timestamp-request", 14, "timestamp-reply", 15, "info-request", 16, "info-reply",
                    17, "address-mask-request", 18, "address-mask-reply"));
    static final Type TCP_FLAG = new Type("tcp_flag", 15, 1, BIG, Kind.BITMASK,
            sym(0x01, "fin", 0x02, "syn", 0x04, "rst", 0x08, "psh", 0x10, "ack", 0x20, "urg", 0x40, "ecn",
                    0x80, "cwr"));
    static final Type MARK = new Type("mark", 19, 4, HOST, Kind.INTEGER, Map.of());
    static final Type IFINDEX = new Type("iface_index", 20, 4, HOST, Kind.IFINDEX, Map.of());
    static final Type ARPHRD = new Type("iface_type", 21, 2, HOST, Kind.SYMBOL,
            sym(1, "ether", 24, "ieee1394", 772, "loopback", 768, "tunnel", 776, "sit", 823, "tunnel6"));
    static final Type UID = new Type("uid", 24, 4, HOST, Kind.INTEGER, Map.of());
    static final Type GID = new Type("gid", 25, 4, HOST, Kind.INTEGER, Map.of());
    static final Type CT_STATE = new Type("ct_state", 26, 4, HOST, Kind.BITMASK,
            sym(1, "invalid", 2, "established", 4, "related", 8, "new", 64, "untracked"));
    static final Type CT_DIR = new Type("ct_dir", 27, 1, HOST, Kind.SYMBOL, sym(0, "original", 1, "reply"));
    static final Type CT_STATUS = new Type("ct_status", 28, 4, HOST, Kind.BITMASK,
            sym(1, "expected", 2, "seen-reply", 4, "assured", 8, "confirmed", 16, "snat", 32, "dnat",
                    512, "dying"));
    static final Type ICMPV6_TYPE = new Type("icmpv6_type", 29, 1, BIG, Kind.SYMBOL,
            sym(1, "destination-unreachable", 2, "packet-too-big", 3, "time-exceeded", 4, "parameter-problem",
                    128, "echo-request", 129, "echo-reply", 130, "mld-listener-query", 131, "mld-listener-report",
                    132, "mld-listener-done", 133, "nd-router-solicit", 134, "nd-router-advert",
                    135, "nd-neighbor-solicit", 136, "nd-neighbor-advert", 137, "nd-redirect",
                    138, "router-renumbering", 141, "ind-neighbor-solicit", 142, "ind-neighbor-advert",
                    143, "mld2-listener-report"));
    static final Type PKTTYPE = new Type("pkt_type", 31, 1, HOST, Kind.SYMBOL,
            sym(0, "host", 1, "broadcast", 2, "multicast", 3, "other"));
    static final Type ICMP_CODE = new Type("icmp_code", 32, 1, BIG, Kind.SYMBOL,
            sym(0, "net-unreachable", 1, "host-unreachable", 2, "prot-unreachable", 3, "port-unreachable",
                    4, "frag-needed", 9, "net-prohibited", 10, "host-prohibited", 13, "admin-prohibited"));
    static final Type ICMPV6_CODE = new Type("icmpv6_code", 33, 1, BIG, Kind.SYMBOL,
            sym(0, "no-route", 1, "admin-prohibited", 3, "addr-unreachable", 4, "port-unreachable",
                    5, "policy-fail", 6, "reject-route"));
    static final Type ICMPX_CODE = new Type("icmpx_code", 34, 1, BIG, Kind.SYMBOL,
            sym(0, "no-route", 1, "port-unreachable", 2, "host-unreachable", 3, "admin-prohibited"));
    static final Type IFNAME = new Type("ifname", 41, 16, HOST, Kind.IFNAME, Map.of());

    /** The types a set can be declared with, by name. */
    static final Map<String, Type> BY_NAME = new LinkedHashMap<>();
    /** The types a set key can have, by number. */
    static final Map<Integer, Type> BY_ID = new LinkedHashMap<>();

    static {
        for (Type t : new Type[] {VERDICT, NFPROTO, INTEGER, STRING, IPV4, IPV6, ETHER, ETHERTYPE, INET_PROTO,
                INET_SERVICE, ICMP_TYPE, TCP_FLAG, MARK, IFINDEX, ARPHRD, UID, GID, CT_STATE, CT_DIR, CT_STATUS,
                ICMPV6_TYPE, PKTTYPE, ICMP_CODE, ICMPV6_CODE, ICMPX_CODE, IFNAME}) {
            BY_NAME.putIfAbsent(t.name, t);
            BY_ID.putIfAbsent(t.id, t);
        }
    }

    /**
     * {@return the type of a value symbol, or -1}
     *
     * @param name a symbol
     */
    long symbol(String name) {
        for (Map.Entry<Long, String> e : symbols.entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return name;
    }
}
