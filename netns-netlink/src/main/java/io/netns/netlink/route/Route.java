// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.route;

import io.netns.netlink.Family;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.NetlinkDecodeException;
import io.netns.netlink.RawAttribute;
import io.netns.netlink.Scope;
import io.netns.netlink.internal.Decoding;
import io.netns.netlink.internal.IpText;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.Rta;
import io.netns.netlink.wire.Rtax;

import java.lang.foreign.MemorySegment;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A route as {@code ip route show} reports it (one RTM_NEWROUTE message).
 *
 * @param family {@link Family#INET} or {@link Family#INET6}
 * @param destination RTA_DST with rtm_dst_len; {@code 0.0.0.0/0} or {@code ::/0} for a default route
 * @param source RTA_SRC with rtm_src_len (source-specific routing, IPv6), if any
 * @param tos the TOS selector
 * @param table the table id, 0..2^32-1 (RTA_TABLE when present, else rtm_table): 254 main, 255 local
 * @param protocol who installed it: {@code kernel}, {@code boot} (ip's default), {@code static} ...
 * @param scope {@code global}, {@code link}, {@code host} ...
 * @param type {@code unicast}, {@code local}, {@code blackhole}, {@code unreachable} ...
 * @param flags RTM_F_* / RTNH_F_* flags of rtm_flags (RTNH_F_ONLINK 4...)
 * @param gateway RTA_GATEWAY
 * @param outputInterface RTA_OIF
 * @param inputInterface RTA_IIF (routes from {@code ip route get ... iif})
 * @param preferredSource RTA_PREFSRC
 * @param priority RTA_PRIORITY (the metric), 0..2^32-1
 * @param mtu the RTAX_MTU metric
 * @param nextHops RTA_MULTIPATH paths; empty for a single-path route
 * @param unknown attributes not decoded, byte for byte
 */
public record Route(
        Family family,
        IpPrefix destination,
        Optional<IpPrefix> source,
        int tos,
        long table,
        RouteProtocol protocol,
        Scope scope,
        RouteType type,
        int flags,
        Optional<InetAddress> gateway,
        OptionalInt outputInterface,
        OptionalInt inputInterface,
        Optional<InetAddress> preferredSource,
        OptionalLong priority,
        OptionalInt mtu,
        List<NextHop> nextHops,
        List<RawAttribute> unknown) {

    /** {@return whether this is a default route (zero-length destination)} */
    public boolean isDefault() {
        return destination.isDefault();
    }

    /**
     * {@return the route as {@code ip route} prints it, with indexes for devices:
     * {@code 198.18.0.0/24 oif 3 proto kernel scope link src 198.18.0.1}}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (!type.equals(RouteType.UNICAST)) {
            sb.append(type).append(' ');
        }
        sb.append(isDefault() ? "default" : destination.toString());
        gateway.ifPresent(g -> sb.append(" via ").append(IpText.format(g)));
        outputInterface.ifPresent(o -> sb.append(" oif ").append(o));
        if (table != 254) {
            sb.append(" table ").append(table);
        }
        sb.append(" proto ").append(protocol);
        if (!scope.equals(Scope.UNIVERSE)) {
            sb.append(" scope ").append(scope);
        }
        preferredSource.ifPresent(s -> sb.append(" src ").append(IpText.format(s)));
        priority.ifPresent(p -> sb.append(" metric ").append(p));
        mtu.ifPresent(m -> sb.append(" mtu ").append(m));
        for (NextHop h : nextHops) {
            sb.append(" nexthop");
            h.gateway().ifPresent(g -> sb.append(" via ").append(IpText.format(g)));
            if (h.interfaceIndex() > 0) {
                sb.append(" oif ").append(h.interfaceIndex());
            }
            sb.append(" weight ").append(h.weight());
        }
        return sb.toString();
    }

    /** Copies the lists. */
    public Route {
        nextHops = List.copyOf(nextHops);
        unknown = List.copyOf(unknown);
    }

    /**
     * {@return the route an RTM_NEWROUTE or RTM_DELROUTE describes}
     *
     * @param r a reader positioned on the message
     * @throws NetlinkDecodeException if the message is malformed, saying where
     */
    public static Route decode(MessageReader r) {
        MemorySegment s = r.segment();
        long attrs = r.requirePayload(12, "struct rtmsg");
        long p = r.payload();
        int family = Decoding.u8(s, p);
        int dstLen = Decoding.u8(s, p + 1);
        int srcLen = Decoding.u8(s, p + 2);
        int tos = Decoding.u8(s, p + 3);
        long table = Decoding.u8(s, p + 4);
        int protocol = Decoding.u8(s, p + 5);
        int scope = Decoding.u8(s, p + 6);
        int type = Decoding.u8(s, p + 7);
        int flags = Decoding.u32(s, p + 8);
        Family fam = Family.of(family);
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
                case Rta.RTA_DST -> dst = Decoding.ip(a);
                case Rta.RTA_SRC -> src = Decoding.ip(a);
                case Rta.RTA_GATEWAY -> gateway = Decoding.ip(a);
                case Rta.RTA_PREFSRC -> prefsrc = Decoding.ip(a);
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
                    unknown = Decoding.keep(unknown, a);
                }
                case Rta.RTA_MULTIPATH -> hops = NextHop.decodeAll(a);
                default -> unknown = Decoding.keep(unknown, a);
            }
        }
        IpPrefix destination = dst == null ? IpPrefix.any(fam)
                : new IpPrefix(dst, Decoding.prefixLength(dstLen, dst, "RTM_NEWROUTE dst"));
        Optional<IpPrefix> source = src == null ? Optional.empty()
                : Optional.of(new IpPrefix(src, Decoding.prefixLength(srcLen, src, "RTM_NEWROUTE src")));
        return new Route(fam, destination, source, tos, table, RouteProtocol.of(protocol), Scope.of(scope),
                RouteType.of(type), flags, Optional.ofNullable(gateway), oif, iif, Optional.ofNullable(prefsrc),
                priority, mtu, hops, Decoding.done(unknown));
    }
}
