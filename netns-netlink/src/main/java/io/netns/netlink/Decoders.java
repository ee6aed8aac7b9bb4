package io.netns.netlink;

import io.netns.netlink.codec.AttrReader;
import io.netns.netlink.codec.Fra;
import io.netns.netlink.codec.Ifa;
import io.netns.netlink.codec.Ifla;
import io.netns.netlink.codec.IflaBond;
import io.netns.netlink.codec.IflaBr;
import io.netns.netlink.codec.IflaInfo;
import io.netns.netlink.codec.IflaIpvlan;
import io.netns.netlink.codec.IflaMacvlan;
import io.netns.netlink.codec.IflaVlan;
import io.netns.netlink.codec.IflaVxlan;
import io.netns.netlink.codec.MessageReader;
import io.netns.netlink.codec.Nda;
import io.netns.netlink.codec.Netnsa;
import io.netns.netlink.codec.Rta;
import io.netns.netlink.codec.Rtax;

import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

/**
 * Decodes rtnetlink messages into the value types. Pure and bounds-checked: a malformed message
 * ends in {@link NetlinkDecodeException} with its context; attributes this library does not
 * interpret are kept byte for byte in each value's {@code unknown()} list.
 */
final class Decoders {
    private Decoders() {
    }

    private static int u8(MemorySegment s, long off) {
        return Byte.toUnsignedInt(s.get(JAVA_BYTE, off));
    }

    private static int u16(MemorySegment s, long off) {
        return Short.toUnsignedInt(s.get(JAVA_SHORT_UNALIGNED, off));
    }

    private static int u32(MemorySegment s, long off) {
        return s.get(JAVA_INT_UNALIGNED, off);
    }

    private static List<RawAttribute> keep(List<RawAttribute> list, AttrReader a) {
        List<RawAttribute> l = list == null ? new ArrayList<>(4) : list;
        l.add(new RawAttribute(a.rawType(), a.bytes()));
        return l;
    }

    private static List<RawAttribute> done(List<RawAttribute> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** The family of a message; an unknown one is a decode error naming where it was found. */
    private static Family family(int number, String context) {
        Family f = Family.ofOrNull(number);
        if (f == null) {
            throw new NetlinkDecodeException(context + ": unknown address family " + number);
        }
        return f;
    }

    static InetAddress ip(AttrReader a) {
        int n = a.valueLength();
        if (n != 4 && n != 16) {
            throw new NetlinkDecodeException(a.context() + ": attribute " + a.type() + " holds " + n
                    + " bytes, not an IPv4 (4) or IPv6 (16) address");
        }
        try {
            // Inet6Address keeps an IPv4-mapped address (::ffff:a.b.c.d) IPv6, as the kernel means it;
            // InetAddress.getByAddress would turn it into IPv4 and break its prefix length
            return n == 4 ? InetAddress.getByAddress(a.bytes()) : Inet6Address.getByAddress(null, a.bytes(), -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static MacAddress mac(AttrReader a) {
        if (a.valueLength() == 0 || a.valueLength() > 32) {
            throw new NetlinkDecodeException(a.context() + ": link-layer address of " + a.valueLength() + " bytes");
        }
        return MacAddress.of(a.bytes());
    }

    // ------------------------------------------------------------------ links

    /** The ifindex of an RTM_NEWLINK, without decoding its attributes. */
    static int linkIndex(MessageReader r) {
        r.requirePayload(16, "struct ifinfomsg");
        return u32(r.segment(), r.payload() + 4);
    }

    /** RTM_NEWLINK / RTM_DELLINK → Link. */
    static Link link(MessageReader r) {
        MemorySegment s = r.segment();
        long attrs = r.requirePayload(16, "struct ifinfomsg");
        long p = r.payload();
        int type = u16(s, p + 2);
        int index = u32(s, p + 4);
        int flags = u32(s, p + 8);
        String name = null;
        int mtu = 0;
        int operState = 0;
        MacAddress address = null;
        MacAddress broadcast = null;
        int txqlen = 0;
        int group = 0;
        String alias = null;
        String qdisc = null;
        OptionalInt master = OptionalInt.empty();
        OptionalInt link = OptionalInt.empty();
        OptionalInt linkNetnsId = OptionalInt.empty();
        String kind = null;
        String slaveKind = null;
        LinkDetails details = null;
        int minMtu = 0;
        int maxMtu = 0;
        LinkStats stats = null;
        List<RawAttribute> unknown = null;
        AttrReader a = new AttrReader(s, attrs, r.end(), "RTM_NEWLINK of ifindex " + index);
        while (a.next()) {
            switch (a.type()) {
                case Ifla.IFLA_IFNAME -> name = a.string();
                case Ifla.IFLA_MTU -> mtu = a.u32();
                case Ifla.IFLA_OPERSTATE -> operState = a.u8();
                case Ifla.IFLA_ADDRESS -> address = mac(a);
                case Ifla.IFLA_BROADCAST -> broadcast = mac(a);
                case Ifla.IFLA_TXQLEN -> txqlen = a.u32();
                case Ifla.IFLA_GROUP -> group = a.u32();
                case Ifla.IFLA_IFALIAS -> alias = a.string();
                case Ifla.IFLA_QDISC -> qdisc = a.string();
                case Ifla.IFLA_MASTER -> master = OptionalInt.of(a.u32());
                case Ifla.IFLA_LINK -> link = OptionalInt.of(a.u32());
                case Ifla.IFLA_LINK_NETNSID -> linkNetnsId = OptionalInt.of(a.u32());
                case Ifla.IFLA_MIN_MTU -> minMtu = a.u32();
                case Ifla.IFLA_MAX_MTU -> maxMtu = a.u32();
                case Ifla.IFLA_STATS64 -> stats = stats(a);
                case Ifla.IFLA_LINKINFO -> {
                    AttrReader info = a.nested("IFLA_LINKINFO");
                    List<RawAttribute> data = null;
                    AttrReader dataReader = null;
                    while (info.next()) {
                        switch (info.type()) {
                            case IflaInfo.IFLA_INFO_KIND -> kind = info.string();
                            case IflaInfo.IFLA_INFO_SLAVE_KIND -> slaveKind = info.string();
                            case IflaInfo.IFLA_INFO_DATA -> dataReader = info.nested("IFLA_INFO_DATA");
                            default -> {
                                // slave data, xstats: not interpreted
                            }
                        }
                    }
                    if (dataReader != null) {
                        details = details(kind, dataReader);
                    }
                    unknown = keep(unknown, a);
                }
                default -> unknown = keep(unknown, a);
            }
        }
        if (name == null) {
            throw new NetlinkDecodeException("RTM_NEWLINK of ifindex " + index + " has no IFLA_IFNAME");
        }
        return new Link(index, name, flags, type, mtu, OperState.of(operState), Optional.ofNullable(address),
                Optional.ofNullable(broadcast), txqlen, group, Optional.ofNullable(alias), Optional.ofNullable(qdisc),
                master, link, linkNetnsId, Optional.ofNullable(kind), Optional.ofNullable(slaveKind),
                Optional.ofNullable(details), minMtu, maxMtu, Optional.ofNullable(stats), done(unknown));
    }

    private static LinkStats stats(AttrReader a) {
        if (a.valueLength() < 80) {
            throw new NetlinkDecodeException(a.context() + ": IFLA_STATS64 has " + a.valueLength()
                    + " bytes, fewer than its first ten counters (80)");
        }
        MemorySegment s = a.segment();
        long v = a.valueOffset();
        long[] c = new long[10];
        for (int i = 0; i < 10; i++) {
            c[i] = s.get(JAVA_LONG_UNALIGNED, v + 8L * i);
        }
        return new LinkStats(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]);
    }

    private static LinkDetails details(String kind, AttrReader d) {
        if (kind == null) {
            kind = "";
        }
        switch (kind) {
            case "vlan" -> {
                int id = 0;
                int proto = 0x8100;
                while (d.next()) {
                    if (d.type() == IflaVlan.IFLA_VLAN_ID) {
                        id = d.u16();
                    } else if (d.type() == IflaVlan.IFLA_VLAN_PROTOCOL) {
                        proto = d.u16Be();
                    }
                }
                return new LinkDetails.Vlan(id, proto);
            }
            case "vxlan" -> {
                int vni = 0;
                int port = 0;
                int link = 0;
                boolean learning = false;
                InetAddress local = null;
                InetAddress remote = null;
                while (d.next()) {
                    switch (d.type()) {
                        case IflaVxlan.IFLA_VXLAN_ID -> vni = d.u32();
                        case IflaVxlan.IFLA_VXLAN_PORT -> port = d.u16Be();
                        case IflaVxlan.IFLA_VXLAN_LINK -> link = d.u32();
                        case IflaVxlan.IFLA_VXLAN_LEARNING -> learning = d.u8() != 0;
                        case IflaVxlan.IFLA_VXLAN_LOCAL, IflaVxlan.IFLA_VXLAN_LOCAL6 -> local = ip(d);
                        case IflaVxlan.IFLA_VXLAN_GROUP, IflaVxlan.IFLA_VXLAN_GROUP6 -> remote = ip(d);
                        default -> {
                        }
                    }
                }
                return new LinkDetails.Vxlan(vni, port, Optional.ofNullable(local), Optional.ofNullable(remote), link,
                        learning);
            }
            case "macvlan", "macvtap" -> {
                int mode = 0;
                while (d.next()) {
                    if (d.type() == IflaMacvlan.IFLA_MACVLAN_MODE) {
                        mode = d.u32();
                    }
                }
                return new LinkDetails.Macvlan(mode);
            }
            case "ipvlan" -> {
                int mode = 0;
                while (d.next()) {
                    if (d.type() == IflaIpvlan.IFLA_IPVLAN_MODE) {
                        mode = d.u16();
                    }
                }
                return new LinkDetails.Ipvlan(mode);
            }
            case "bond" -> {
                int mode = 0;
                while (d.next()) {
                    if (d.type() == IflaBond.IFLA_BOND_MODE) {
                        mode = d.u8();
                    }
                }
                return new LinkDetails.Bond(mode);
            }
            case "bridge" -> {
                int stp = 0;
                boolean vlanFiltering = false;
                int forwardDelay = 0;
                while (d.next()) {
                    switch (d.type()) {
                        case IflaBr.IFLA_BR_STP_STATE -> stp = d.u32();
                        case IflaBr.IFLA_BR_VLAN_FILTERING -> vlanFiltering = d.u8() != 0;
                        case IflaBr.IFLA_BR_FORWARD_DELAY -> forwardDelay = d.u32();
                        default -> {
                        }
                    }
                }
                return new LinkDetails.Bridge(stp, vlanFiltering, forwardDelay);
            }
            default -> {
                List<RawAttribute> raw = new ArrayList<>();
                while (d.next()) {
                    raw.add(new RawAttribute(d.rawType(), d.bytes()));
                }
                return new LinkDetails.Other(List.copyOf(raw));
            }
        }
    }

    // ------------------------------------------------------------------ addresses

    /** RTM_NEWADDR / RTM_DELADDR → Address. */
    static Address address(MessageReader r) {
        MemorySegment s = r.segment();
        long attrs = r.requirePayload(8, "struct ifaddrmsg");
        long p = r.payload();
        int family = u8(s, p);
        int prefixLength = u8(s, p + 1);
        int flags = u8(s, p + 2);
        int scope = u8(s, p + 3);
        int index = u32(s, p + 4);
        InetAddress local = null;
        InetAddress address = null;
        InetAddress broadcast = null;
        String label = null;
        long preferred = -1;
        long valid = -1;
        List<RawAttribute> unknown = null;
        AttrReader a = new AttrReader(s, attrs, r.end(), "RTM_NEWADDR of ifindex " + index);
        while (a.next()) {
            switch (a.type()) {
                case Ifa.IFA_LOCAL -> local = ip(a);
                case Ifa.IFA_ADDRESS -> address = ip(a);
                case Ifa.IFA_BROADCAST -> broadcast = ip(a);
                case Ifa.IFA_LABEL -> label = a.string();
                case Ifa.IFA_FLAGS -> flags = a.u32();
                case Ifa.IFA_CACHEINFO -> {
                    if (a.valueLength() < 8) {
                        throw new NetlinkDecodeException(a.context() + ": IFA_CACHEINFO of " + a.valueLength()
                                + " bytes");
                    }
                    long pr = Integer.toUnsignedLong(u32(s, a.valueOffset()));
                    long va = Integer.toUnsignedLong(u32(s, a.valueOffset() + 4));
                    preferred = pr == 0xffffffffL ? -1 : pr;
                    valid = va == 0xffffffffL ? -1 : va;
                }
                default -> unknown = keep(unknown, a);
            }
        }
        if (local == null && address == null) {
            throw new NetlinkDecodeException("RTM_NEWADDR of ifindex " + index + " has neither IFA_LOCAL nor IFA_ADDRESS");
        }
        return new Address(family(family, "RTM_NEWADDR"), index, prefixLength, flags, scope, Optional.ofNullable(local),
                Optional.ofNullable(address), Optional.ofNullable(broadcast), Optional.ofNullable(label), preferred,
                valid, done(unknown));
    }

    // ------------------------------------------------------------------ routes

    /** RTM_NEWROUTE / RTM_DELROUTE → Route. */
    static Route route(MessageReader r) {
        MemorySegment s = r.segment();
        long attrs = r.requirePayload(12, "struct rtmsg");
        long p = r.payload();
        int family = u8(s, p);
        int dstLen = u8(s, p + 1);
        int srcLen = u8(s, p + 2);
        int tos = u8(s, p + 3);
        long table = u8(s, p + 4);
        int protocol = u8(s, p + 5);
        int scope = u8(s, p + 6);
        int type = u8(s, p + 7);
        int flags = u32(s, p + 8);
        Family fam = family(family, "RTM_NEWROUTE");
        InetAddress dst = null;
        InetAddress src = null;
        InetAddress gateway = null;
        InetAddress prefsrc = null;
        OptionalInt oif = OptionalInt.empty();
        OptionalInt iif = OptionalInt.empty();
        OptionalLong priority = OptionalLong.empty();
        OptionalInt mtu = OptionalInt.empty();
        List<NextHop> hops = List.of();
        List<RawAttribute> unknown = null;
        AttrReader a = new AttrReader(s, attrs, r.end(), "RTM_NEWROUTE");
        while (a.next()) {
            switch (a.type()) {
                case Rta.RTA_DST -> dst = ip(a);
                case Rta.RTA_SRC -> src = ip(a);
                case Rta.RTA_GATEWAY -> gateway = ip(a);
                case Rta.RTA_PREFSRC -> prefsrc = ip(a);
                case Rta.RTA_OIF -> oif = OptionalInt.of(a.u32());
                case Rta.RTA_IIF -> iif = OptionalInt.of(a.u32());
                case Rta.RTA_PRIORITY -> priority = OptionalLong.of(Integer.toUnsignedLong(a.u32()));
                case Rta.RTA_TABLE -> table = Integer.toUnsignedLong(a.u32());
                case Rta.RTA_METRICS -> {
                    AttrReader m = a.nested("RTA_METRICS");
                    while (m.next()) {
                        if (m.type() == Rtax.RTAX_MTU) {
                            mtu = OptionalInt.of(m.u32());
                        }
                    }
                    unknown = keep(unknown, a);
                }
                case Rta.RTA_MULTIPATH -> hops = nextHops(a);
                default -> unknown = keep(unknown, a);
            }
        }
        IpPrefix destination = dst == null ? IpPrefix.any(fam) : new IpPrefix(dst, checkLen(dstLen, dst, "dst"));
        Optional<IpPrefix> source = src == null ? Optional.empty()
                : Optional.of(new IpPrefix(src, checkLen(srcLen, src, "src")));
        return new Route(fam, destination, source, tos, table, protocol, scope, type, flags,
                Optional.ofNullable(gateway), oif, iif, Optional.ofNullable(prefsrc), priority, mtu, hops,
                done(unknown));
    }

    private static int checkLen(int len, InetAddress a, String what) {
        if (len > IpPrefix.maxLength(a)) {
            throw new NetlinkDecodeException("RTM_NEWROUTE: " + what + " length " + len + " for " + a.getHostAddress());
        }
        return len;
    }

    /** RTA_MULTIPATH: a run of struct rtnexthop, each followed by its own attributes. */
    private static List<NextHop> nextHops(AttrReader a) {
        MemorySegment s = a.segment();
        long pos = a.valueOffset();
        long end = pos + a.valueLength();
        List<NextHop> hops = new ArrayList<>(4);
        while (end - pos >= 8) {
            int len = u16(s, pos);
            if (len < 8 || len > end - pos) {
                throw new NetlinkDecodeException(a.context() + ": rtnexthop at offset " + pos + " claims " + len
                        + " bytes; " + (end - pos) + " remain");
            }
            int nhFlags = u8(s, pos + 2);
            int hops1 = u8(s, pos + 3);
            int ifindex = u32(s, pos + 4);
            InetAddress gw = null;
            AttrReader na = new AttrReader(s, pos + 8, pos + len, a.context() + "/RTA_MULTIPATH");
            while (na.next()) {
                if (na.type() == Rta.RTA_GATEWAY) {
                    gw = ip(na);
                }
            }
            hops.add(new NextHop(Optional.ofNullable(gw), ifindex, hops1 + 1, nhFlags));
            pos += (len + 3) & ~3;
        }
        return List.copyOf(hops);
    }

    // ------------------------------------------------------------------ neighbours, rules, nsid

    /** RTM_NEWNEIGH / RTM_DELNEIGH → Neighbour. */
    static Neighbour neighbour(MessageReader r) {
        MemorySegment s = r.segment();
        long attrs = r.requirePayload(12, "struct ndmsg");
        long p = r.payload();
        int family = u8(s, p);
        int index = u32(s, p + 4);
        int state = u16(s, p + 8);
        int flags = u8(s, p + 10);
        int type = u8(s, p + 11);
        InetAddress dst = null;
        MacAddress ll = null;
        List<RawAttribute> unknown = null;
        AttrReader a = new AttrReader(s, attrs, r.end(), "RTM_NEWNEIGH of ifindex " + index);
        while (a.next()) {
            switch (a.type()) {
                case Nda.NDA_DST -> dst = ip(a);
                case Nda.NDA_LLADDR -> ll = a.valueLength() == 0 ? null : mac(a);
                default -> unknown = keep(unknown, a);
            }
        }
        Family f = family(family, "RTM_NEWNEIGH");
        if (dst == null && f != Family.BRIDGE) {
            throw new NetlinkDecodeException("RTM_NEWNEIGH of ifindex " + index + " has no NDA_DST");
        }
        return new Neighbour(f, index, Optional.ofNullable(dst), Optional.ofNullable(ll), state, flags, type,
                done(unknown));
    }

    /** RTM_NEWRULE / RTM_DELRULE → Rule. */
    static Rule rule(MessageReader r) {
        MemorySegment s = r.segment();
        long attrs = r.requirePayload(12, "struct fib_rule_hdr");
        long p = r.payload();
        int family = u8(s, p);
        int dstLen = u8(s, p + 1);
        int srcLen = u8(s, p + 2);
        int tos = u8(s, p + 3);
        long table = u8(s, p + 4);
        int action = u8(s, p + 7);
        int flags = u32(s, p + 8);
        OptionalLong priority = OptionalLong.empty();
        InetAddress src = null;
        InetAddress dst = null;
        OptionalInt fwmark = OptionalInt.empty();
        OptionalInt fwmask = OptionalInt.empty();
        String iif = null;
        String oif = null;
        int protocol = 0;
        List<RawAttribute> unknown = null;
        AttrReader a = new AttrReader(s, attrs, r.end(), "RTM_NEWRULE");
        while (a.next()) {
            switch (a.type()) {
                case Fra.FRA_PRIORITY -> priority = OptionalLong.of(Integer.toUnsignedLong(a.u32()));
                case Fra.FRA_SRC -> src = ip(a);
                case Fra.FRA_DST -> dst = ip(a);
                case Fra.FRA_TABLE -> table = Integer.toUnsignedLong(a.u32());
                case Fra.FRA_FWMARK -> fwmark = OptionalInt.of(a.u32());
                case Fra.FRA_FWMASK -> fwmask = OptionalInt.of(a.u32());
                case Fra.FRA_IIFNAME -> iif = a.string();
                case Fra.FRA_OIFNAME -> oif = a.string();
                case Fra.FRA_PROTOCOL -> protocol = a.u8();
                default -> unknown = keep(unknown, a);
            }
        }
        return new Rule(family(family, "RTM_NEWRULE"), priority,
                src == null ? Optional.empty() : Optional.of(new IpPrefix(src, checkLen(srcLen, src, "src"))),
                dst == null ? Optional.empty() : Optional.of(new IpPrefix(dst, checkLen(dstLen, dst, "dst"))),
                table, action, flags, tos, fwmark, fwmask, Optional.ofNullable(iif), Optional.ofNullable(oif),
                protocol, done(unknown));
    }

    /** RTM_NEWNSID / RTM_DELNSID → the id (NETNSA_NSID), -1 when none is assigned. */
    static int nsid(MessageReader r) {
        long attrs = r.requirePayload(1, "struct rtgenmsg");
        AttrReader a = new AttrReader(r.segment(), attrs, r.end(), "RTM_NEWNSID");
        int id = -1;
        while (a.next()) {
            if (a.type() == Netnsa.NETNSA_NSID) {
                id = a.u32();
            }
        }
        return id;
    }
}
