// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.route;

import io.netns.netlink.RawAttribute;
import io.netns.netlink.Family;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.Scope;
import io.netns.netlink.internal.IfRef;
import io.netns.netlink.internal.IpText;
import io.netns.netlink.wire.MessageWriter;
import io.netns.netlink.wire.Rta;
import io.netns.netlink.wire.Rtax;
import io.netns.netlink.wire.Rtm;
import io.netns.netlink.wire.Rtnh;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A route to add, replace or delete: {@code ip route add [TYPE] PREFIX|default [via GW] [dev DEV]
 * [src A] [metric N] [table N] [proto P] [scope S] [onlink] [mtu N] [nexthop via A dev D weight W]...}.
 * Immutable; each option returns a changed copy. Addresses of other families than the destination's
 * are refused when set.
 *
 * <pre>{@code
 * rt.routes().add(RouteSpec.to("198.18.2.0/24").via("198.18.1.1"));
 * rt.routes().add(RouteSpec.defaultRoute().via("198.18.1.1").dev("veth0"));
 * rt.routes().add(RouteSpec.to("198.18.7.0/24").type(RouteType.BLACKHOLE));
 * }</pre>
 */
public final class RouteSpec {
    /** Attributes sent as given after the typed ones ({@link #withAttribute}). */
    private List<RawAttribute> extra = List.of();
    final IpPrefix destination;
    /** Null: unicast when adding, any type when deleting (as ip). */
    final RouteType type;
    final InetAddress gateway;
    final IfRef device;
    final InetAddress source;
    final long metric;
    /** 1..2^32-1 */
    final long table;
    /** -1: boot when adding, any when deleting (as ip). */
    final int protocol;
    /** -1: chosen from the type and gateway as ip does. */
    final int scope;
    final boolean onlink;
    final int mtu;
    final int tos;
    final List<NextHopSpec> nextHops;
    /** The addresses' bytes, taken once here so encoding allocates nothing. */
    final byte[] destinationRaw;
    final byte[] gatewayRaw;
    final byte[] sourceRaw;

    /** One path of a multipath route, its device possibly still a name. */
    record NextHopSpec(InetAddress gateway, IfRef device, int weight, boolean onlink, byte[] gatewayRaw) {
        NextHopSpec(InetAddress gateway, IfRef device, int weight, boolean onlink) {
            this(gateway, device, weight, onlink, gateway == null ? null : gateway.getAddress());
        }
    }

    private RouteSpec(IpPrefix destination, RouteType type, InetAddress gateway, IfRef device, InetAddress source,
                      long metric, long table, int protocol, int scope, boolean onlink, int mtu, int tos,
                      List<NextHopSpec> nextHops) {
        this.destination = destination;
        this.type = type;
        this.gateway = gateway;
        this.device = device;
        this.source = source;
        this.metric = metric;
        this.table = table;
        this.protocol = protocol;
        this.scope = scope;
        this.onlink = onlink;
        this.mtu = mtu;
        this.tos = tos;
        this.nextHops = nextHops;
        this.destinationRaw = destination.address().getAddress();
        this.gatewayRaw = gateway == null ? null : gateway.getAddress();
        this.sourceRaw = source == null ? null : source.getAddress();
    }

    /**
     * A route to {@code prefix} ({@code 198.18.2.0/24}, {@code fd42:6e73:2::/64}, {@code default}).
     * The destination's host bits must be clear, as the kernel requires.
     *
     * @param prefix the destination
     * @return the spec: unicast, main table, protocol boot (as ip)
     */
    public static RouteSpec to(String prefix) {
        return to(IpPrefix.parse(prefix));
    }

    /**
     * {@return a route to {@code prefix}; see {@link #to(String)}}
     *
     * @param prefix the destination, with its host bits clear
     * @throws IllegalArgumentException if host bits are set
     */
    public static RouteSpec to(IpPrefix prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.network().equals(prefix)) {
            throw new IllegalArgumentException("invalid prefix for a route: " + prefix + " has host bits set (the"
                    + " network is " + prefix.network() + ")");
        }
        return new RouteSpec(prefix, null, null, null, null, -1, 254, -1, -1, false, 0, 0, List.of());
    }

    /** {@return the IPv4 default route {@code default}} */
    public static RouteSpec defaultRoute() {
        return to(IpPrefix.any(Family.INET));
    }

    /**
     * {@return the default route of {@code family}}
     *
     * @param family {@link Family#INET} or {@link Family#INET6}
     */
    public static RouteSpec defaultRoute(Family family) {
        return to(IpPrefix.any(family));
    }

    private RouteSpec with(RouteType type, InetAddress gw, IfRef dev, InetAddress src, long metric, long table,
                           int protocol, int scope, boolean onlink, int mtu, int tos, List<NextHopSpec> nhs) {
        RouteSpec s = new RouteSpec(destination, type, gw, dev, src, metric, table, protocol, scope, onlink, mtu, tos,
                nhs);
        s.extra = extra;
        return s;
    }

    private InetAddress sameFamily(String text, String what) {
        InetAddress a = IpText.parse(text);
        if ((a instanceof Inet4Address) != (destination.address() instanceof Inet4Address)) {
            throw new IllegalArgumentException(what + " " + text + " is not of the family of the destination "
                    + destination);
        }
        return a;
    }

    /**
     * {@return with {@code via GATEWAY}}
     *
     * @param gateway the next router's address, of the destination's family
     * @throws IllegalArgumentException if it is of another family, or the route already has next hops
     */
    public RouteSpec via(String gateway) {
        if (!nextHops.isEmpty()) {
            throw new IllegalArgumentException("a multipath route has its gateways in its next hops");
        }
        return with(type, sameFamily(gateway, "gateway"), device, source, metric, table, protocol, scope, onlink,
                mtu, tos, nextHops);
    }

    /**
     * {@return with {@code dev DEVICE}}
     *
     * @param device the output device's name
     */
    public RouteSpec dev(String device) {
        return with(type, gateway, IfRef.of(device), source, metric, table, protocol, scope, onlink, mtu, tos,
                nextHops);
    }

    /**
     * {@return with the output device given by index}
     *
     * @param index the output device's index
     * @throws IllegalArgumentException if the index is not positive
     */
    public RouteSpec dev(int index) {
        return with(type, gateway, IfRef.of(index), source, metric, table, protocol, scope, onlink, mtu, tos,
                nextHops);
    }

    /**
     * {@return with {@code src ADDRESS} (preferred source)}
     *
     * @param address the preferred source address, of the destination's family
     * @throws IllegalArgumentException if it is of another family
     */
    public RouteSpec src(String address) {
        return with(type, gateway, device, sameFamily(address, "source"), metric, table, protocol, scope, onlink,
                mtu, tos, nextHops);
    }

    /**
     * {@return with {@code metric N} (RTA_PRIORITY)}
     *
     * @param metric the metric, 0..4294967295; lower is preferred
     * @throws IllegalArgumentException if it is out of range
     */
    public RouteSpec metric(long metric) {
        if (metric < 0 || metric > 0xffffffffL) {
            throw new IllegalArgumentException("metric must be 0..4294967295");
        }
        return with(type, gateway, device, source, metric, table, protocol, scope, onlink, mtu, tos, nextHops);
    }

    /**
     * {@return with {@code table N} (254 main, 255 local; 1..4294967295)}
     *
     * @param table the routing table id
     * @throws IllegalArgumentException if it is out of range
     */
    public RouteSpec table(long table) {
        if (table <= 0 || table > 0xffffffffL) {
            throw new IllegalArgumentException("a table id is 1..4294967295, not " + table);
        }
        return with(type, gateway, device, source, metric, table, protocol, scope, onlink, mtu, tos, nextHops);
    }

    /**
     * {@return with {@code proto P}}
     *
     * @param protocol the route's protocol ({@link RouteProtocol#STATIC} ...)
     * @throws IllegalArgumentException if its number is not in 0..255
     */
    public RouteSpec protocol(RouteProtocol protocol) {
        int p = protocol.number();
        if (p < 0 || p > 255) {
            throw new IllegalArgumentException("protocol must be 0..255");
        }
        return with(type, gateway, device, source, metric, table, p, scope, onlink, mtu, tos, nextHops);
    }

    /**
     * {@return with {@code scope S}}
     *
     * @param scope the route's scope
     */
    public RouteSpec scope(Scope scope) {
        return with(type, gateway, device, source, metric, table, protocol, scope.number(), onlink, mtu, tos,
                nextHops);
    }

    /**
     * {@return with the route type, e.g. {@link RouteType#BLACKHOLE}}
     *
     * @param type the route type
     */
    public RouteSpec type(RouteType type) {
        return with(Objects.requireNonNull(type), gateway, device, source, metric, table, protocol, scope, onlink,
                mtu, tos, nextHops);
    }

    /** {@return with {@code onlink}: the gateway is on the link even without a matching prefix} */
    public RouteSpec onlink() {
        return with(type, gateway, device, source, metric, table, protocol, scope, true, mtu, tos, nextHops);
    }

    /**
     * {@return with {@code mtu N} (the RTAX_MTU metric)}
     *
     * @param mtu the path MTU, at least 68 for IPv4 and 1280 for IPv6
     * @throws IllegalArgumentException if it is too small
     */
    public RouteSpec mtu(int mtu) {
        int min = destination.address() instanceof Inet4Address ? 68 : 1280;
        if (mtu < min) {
            throw new IllegalArgumentException("route MTU " + mtu + " is too small");
        }
        return with(type, gateway, device, source, metric, table, protocol, scope, onlink, mtu, tos, nextHops);
    }

    /**
     * {@return with {@code tos T}}
     *
     * @param tos the type of service, 0..255
     * @throws IllegalArgumentException if it is out of range
     */
    public RouteSpec tos(int tos) {
        if (tos < 0 || tos > 255) {
            throw new IllegalArgumentException("tos must be 0..255");
        }
        return with(type, gateway, device, source, metric, table, protocol, scope, onlink, mtu, tos, nextHops);
    }

    /**
     * Adds a path: {@code nexthop via GATEWAY dev DEVICE weight W}.
     *
     * @param gateway the next router
     * @param device its interface, or null to let the kernel choose
     * @param weight 1..256
     * @return the changed spec
     */
    public RouteSpec nextHop(String gateway, String device, int weight) {
        if (this.gateway != null) {
            throw new IllegalArgumentException("a route has either one gateway (via) or next hops");
        }
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("next-hop weight must be 1..256, not " + weight);
        }
        List<NextHopSpec> nhs = new ArrayList<>(nextHops);
        nhs.add(new NextHopSpec(sameFamily(gateway, "gateway"), device == null ? null : IfRef.of(device), weight,
                false));
        return with(type, null, this.device, source, metric, table, protocol, scope, onlink, mtu, tos, List.copyOf(nhs));
    }

    /** {@return the destination} */
    public IpPrefix destination() {
        return destination;
    }

    @Override
    public String toString() {
        return (type == null || type.equals(RouteType.UNICAST) ? "" : type + " ") + (destination.isDefault() ? "default"
                : destination.toString()) + (gateway != null ? " via " + IpText.format(gateway) : "")
                + (device != null ? " dev " + device : "");
    }

    /**
     * {@return with an extra attribute sent as given, after the typed ones}, for what the typed
     * options lack (RTA_* (Rta) constants are in {@code io.netns.netlink.wire})
     *
     * @param attributeType the attribute type
     * @param value its value, byte for byte
     */
    public RouteSpec withAttribute(int attributeType, byte[] value) {
        RouteSpec copy = with(type, gateway, device, source, metric, table, protocol, scope, onlink, mtu, tos, nextHops);
        List<RawAttribute> l = new ArrayList<>(extra);
        l.add(new RawAttribute(attributeType, value.clone()));
        copy.extra = List.copyOf(l);
        return copy;
    }

    /**
     * Encodes the RTM_NEWROUTE or RTM_DELROUTE for this spec, with defaults as {@code ip route}
     * chooses them (golden-byte tests compare the two). Pure: devices are already resolved.
     *
     * @param w the writer
     * @param type RTM_NEWROUTE or RTM_DELROUTE
     * @param flags the NLM_F_* flags
     * @param seq the sequence number
     * @param oif resolved output device (0 if none)
     * @param nextHopIndexes resolved devices of the next hops (0 where none)
     */
    public void encode(MessageWriter w, int type, int flags, int seq, int oif, int[] nextHopIndexes) {
        boolean delete = type == Rtm.RTM_DELROUTE;
        w.beginMessage(type, flags, seq, 0);
        IpPrefix dst = destination;
        int routeType = this.type != null ? this.type.number() : delete ? 0 : RouteType.UNICAST.number();
        int proto = protocol >= 0 ? protocol : delete ? 0 : RouteProtocol.BOOT.number();
        int sc = scope >= 0 ? scope : defaultScope(delete, routeType);
        int tableField = table < 256 ? (int) table : 0;
        w.rtmsg(dst.address() instanceof Inet4Address ? 2 : 10, dst.prefixLength(), 0, tos, tableField, proto, sc,
                routeType, onlink ? Rtnh.RTNH_F_ONLINK : 0);
        if (dst.prefixLength() > 0) {
            w.attrBytes(Rta.RTA_DST, destinationRaw);
        }
        if (source != null) {
            w.attrBytes(Rta.RTA_PREFSRC, sourceRaw);
        }
        if (gateway != null) {
            w.attrBytes(Rta.RTA_GATEWAY, gatewayRaw);
        }
        if (metric >= 0) {
            w.attrU32(Rta.RTA_PRIORITY, (int) metric);
        }
        if (table >= 256) {
            w.attrU32(Rta.RTA_TABLE, (int) table);
        }
        if (mtu > 0) {
            long m = w.beginNested(Rta.RTA_METRICS);
            w.attrU32(Rtax.RTAX_MTU, mtu);
            w.endNested(m);
        }
        if (!nextHops.isEmpty()) {
            long mp = w.beginNested(Rta.RTA_MULTIPATH);
            for (int i = 0; i < nextHops.size(); i++) {
                NextHopSpec nh = nextHops.get(i);
                long start = w.position();
                w.u16(0).u8(nh.onlink() ? Rtnh.RTNH_F_ONLINK : 0).u8(nh.weight() - 1).u32(nextHopIndexes[i]);
                if (nh.gateway() != null) {
                    w.attrBytes(Rta.RTA_GATEWAY, nh.gatewayRaw());
                }
                w.patchU16(start, (int) (w.position() - start));
            }
            w.endNested(mp);
        }
        if (oif > 0) {
            w.attrU32(Rta.RTA_OIF, oif);
        }
        for (RawAttribute x : extra) {
            w.attrBytes(x.type(), x.value());
        }
        w.endMessage();
    }

    /** iproute2's choice: host for local, link for directly connected unicast, nowhere to match any on delete. */
    private int defaultScope(boolean delete, int routeType) {
        if (routeType == RouteType.LOCAL.number() || routeType == RouteType.NAT.number()) {
            return Scope.HOST.number();
        }
        if (routeType == RouteType.BROADCAST.number() || routeType == RouteType.MULTICAST.number()
                || routeType == RouteType.ANYCAST.number()) {
            return Scope.LINK.number();
        }
        if (routeType == RouteType.UNICAST.number() || routeType == 0) {
            if (delete) {
                return Scope.NOWHERE.number();
            }
            if (gateway == null && nextHops.isEmpty()) {
                return Scope.LINK.number();
            }
        }
        return Scope.UNIVERSE.number();
    }
}
