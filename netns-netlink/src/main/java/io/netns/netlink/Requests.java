package io.netns.netlink;

import io.netns.netlink.codec.Fra;
import io.netns.netlink.codec.Ifa;
import io.netns.netlink.codec.Ifla;
import io.netns.netlink.codec.IflaBond;
import io.netns.netlink.codec.IflaInfo;
import io.netns.netlink.codec.IflaIpvlan;
import io.netns.netlink.codec.IflaMacvlan;
import io.netns.netlink.codec.IflaVlan;
import io.netns.netlink.codec.IflaVxlan;
import io.netns.netlink.codec.Iff;
import io.netns.netlink.codec.MessageWriter;
import io.netns.netlink.codec.Nda;
import io.netns.netlink.codec.Netnsa;
import io.netns.netlink.codec.Nlmsg;
import io.netns.netlink.codec.Rta;
import io.netns.netlink.codec.Rtax;
import io.netns.netlink.codec.Rtm;
import io.netns.netlink.codec.Rtnh;
import io.netns.netlink.codec.Veth;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Encodes typed requests into a {@link MessageWriter}, attribute by attribute in the order iproute2
 * uses (the golden-byte tests compare with captured {@code ip} requests). Pure: no system calls;
 * devices are already resolved to indexes and namespaces to descriptors by the caller.
 */
final class Requests {
    static final int CREATE = Nlmsg.NLM_F_REQUEST | Nlmsg.NLM_F_ACK | Nlmsg.NLM_F_EXCL | Nlmsg.NLM_F_CREATE;
    static final int REPLACE = Nlmsg.NLM_F_REQUEST | Nlmsg.NLM_F_ACK | Nlmsg.NLM_F_REPLACE | Nlmsg.NLM_F_CREATE;
    static final int CHANGE = Nlmsg.NLM_F_REQUEST | Nlmsg.NLM_F_ACK;
    static final int DUMP = Nlmsg.NLM_F_REQUEST | Nlmsg.NLM_F_DUMP;
    static final int GET = Nlmsg.NLM_F_REQUEST | Nlmsg.NLM_F_ACK;

    private static final int AF_UNSPEC = 0;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private Requests() {
    }

    static int family(InetAddress a) {
        return a instanceof Inet6Address ? AF_INET6 : AF_INET;
    }

    // ------------------------------------------------------------------ links

    /**
     * RTM_NEWLINK creating {@code spec}.
     *
     * @param parentIndex resolved IFLA_LINK (0 if none)
     * @param masterIndex resolved IFLA_MASTER (0 if none)
     * @param nsFd IFLA_NET_NS_FD for the device (-1 if none)
     * @param peerNsFd IFLA_NET_NS_FD for a veth peer (-1 if none)
     */
    static void linkAdd(MessageWriter w, int seq, LinkSpec spec, int parentIndex, int masterIndex, int nsFd,
                        int peerNsFd) {
        w.beginMessage(Rtm.RTM_NEWLINK, CREATE, seq, 0);
        int up = spec.up ? Iff.IFF_UP : 0;
        w.ifinfomsg(AF_UNSPEC, 0, spec.index, up, up);
        boolean vxlan = spec.kind instanceof LinkSpec.Vxlan;
        if (parentIndex > 0 && !vxlan) {
            w.attrU32(Ifla.IFLA_LINK, parentIndex);
        }
        w.attrString(Ifla.IFLA_IFNAME, spec.name);
        // no alias here: the kernel ignores IFLA_IFALIAS when creating; Rtnetlink sets it afterwards
        commonLinkAttrs(w, spec.mtu, spec.address, spec.txQueueLength, spec.group, null, masterIndex, nsFd);
        long info = w.beginNested(Ifla.IFLA_LINKINFO);
        w.attrStringNoNul(IflaInfo.IFLA_INFO_KIND, spec.kind.name());
        switch (spec.kind) {
            case LinkSpec.Veth v -> {
                long data = w.beginNested(IflaInfo.IFLA_INFO_DATA);
                long peer = w.beginNested(Veth.VETH_INFO_PEER);
                w.ifinfomsg(AF_UNSPEC, 0, v.peerIndex(), 0, 0);
                w.attrString(Ifla.IFLA_IFNAME, v.peerName());
                commonLinkAttrs(w, v.peerMtu(), v.peerAddress(), -1, -1, null, 0, peerNsFd);
                w.endNested(peer);
                w.endNested(data);
            }
            case LinkSpec.Vxlan v -> {
                long data = w.beginNested(IflaInfo.IFLA_INFO_DATA);
                if (parentIndex > 0) {
                    w.attrU32(IflaVxlan.IFLA_VXLAN_LINK, parentIndex);
                }
                w.attrU32(IflaVxlan.IFLA_VXLAN_ID, v.vni());
                if (v.remote() != null) {
                    w.attrBytes(v.remote() instanceof Inet6Address ? IflaVxlan.IFLA_VXLAN_GROUP6
                            : IflaVxlan.IFLA_VXLAN_GROUP, v.remote().getAddress());
                }
                if (v.local() != null) {
                    w.attrBytes(v.local() instanceof Inet6Address ? IflaVxlan.IFLA_VXLAN_LOCAL6
                            : IflaVxlan.IFLA_VXLAN_LOCAL, v.local().getAddress());
                }
                if (v.ttl() >= 0) {
                    w.attrU8(IflaVxlan.IFLA_VXLAN_TTL, v.ttl());
                }
                w.attrU8(IflaVxlan.IFLA_VXLAN_LEARNING, v.learning() ? 1 : 0);
                if (v.port() >= 0) {
                    w.attrU16Be(IflaVxlan.IFLA_VXLAN_PORT, v.port());
                }
                w.endNested(data);
            }
            case LinkSpec.Vlan v -> {
                long data = w.beginNested(IflaInfo.IFLA_INFO_DATA);
                w.attrU16(IflaVlan.IFLA_VLAN_ID, v.vlanId());
                if (v.protocol() != 0) {
                    w.attrU16Be(IflaVlan.IFLA_VLAN_PROTOCOL, v.protocol());
                }
                w.endNested(data);
            }
            case LinkSpec.Macvlan m -> {
                long data = w.beginNested(IflaInfo.IFLA_INFO_DATA);
                w.attrU32(IflaMacvlan.IFLA_MACVLAN_MODE, m.mode());
                w.endNested(data);
            }
            case LinkSpec.Ipvlan i -> {
                long data = w.beginNested(IflaInfo.IFLA_INFO_DATA);
                w.attrU16(IflaIpvlan.IFLA_IPVLAN_MODE, i.mode());
                w.attrU16(IflaIpvlan.IFLA_IPVLAN_FLAGS, i.flags());
                w.endNested(data);
            }
            case LinkSpec.Bond b -> {
                long data = w.beginNested(IflaInfo.IFLA_INFO_DATA);
                w.attrU8(IflaBond.IFLA_BOND_MODE, b.mode());
                w.endNested(data);
            }
            case LinkSpec.Bridge b -> {
                // no options: kernel defaults, as ip
            }
            case LinkSpec.Ifb b -> {
            }
            case LinkSpec.Dummy d -> {
            }
            case LinkSpec.Tun t -> throw new IllegalArgumentException("tun/tap devices are created through /dev/net/tun");
        }
        w.endNested(info);
        w.endMessage();
    }

    private static void commonLinkAttrs(MessageWriter w, int mtu, MacAddress address, int txqlen, int group,
                                        String alias, int masterIndex, int nsFd) {
        if (mtu > 0) {
            w.attrU32(Ifla.IFLA_MTU, mtu);
        }
        if (address != null) {
            w.attrBytes(Ifla.IFLA_ADDRESS, address.raw());
        }
        if (txqlen >= 0) {
            w.attrU32(Ifla.IFLA_TXQLEN, txqlen);
        }
        if (group >= 0) {
            w.attrU32(Ifla.IFLA_GROUP, group);
        }
        if (alias != null) {
            w.attrString(Ifla.IFLA_IFALIAS, alias);
        }
        if (masterIndex > 0) {
            w.attrU32(Ifla.IFLA_MASTER, masterIndex);
        }
        if (nsFd >= 0) {
            w.attrU32(Ifla.IFLA_NET_NS_FD, nsFd);
        }
    }

    /**
     * RTM_NEWLINK changing link {@code index} ({@code ip link set}).
     *
     * @param masterIndex resolved master, 0 with {@code noMaster}, -1 when unchanged
     * @param nsFd the target namespace's descriptor, -1 when not moving
     */
    static void linkSet(MessageWriter w, int seq, int index, LinkUpdate u, int masterIndex, int nsFd) {
        w.beginMessage(Rtm.RTM_NEWLINK, CHANGE, seq, 0);
        int flags = Boolean.TRUE.equals(u.up) ? Iff.IFF_UP : 0;
        int change = u.up != null ? Iff.IFF_UP : 0;
        w.ifinfomsg(AF_UNSPEC, 0, index, flags, change);
        if (u.mtu > 0) {
            w.attrU32(Ifla.IFLA_MTU, u.mtu);
        }
        if (u.name != null) {
            w.attrString(Ifla.IFLA_IFNAME, u.name);
        }
        if (u.address != null) {
            w.attrBytes(Ifla.IFLA_ADDRESS, u.address.raw());
        }
        if (u.txQueueLength >= 0) {
            w.attrU32(Ifla.IFLA_TXQLEN, u.txQueueLength);
        }
        if (u.alias != null) {
            w.attrString(Ifla.IFLA_IFALIAS, u.alias);
        }
        if (u.group >= 0) {
            w.attrU32(Ifla.IFLA_GROUP, u.group);
        }
        if (masterIndex >= 0) {
            w.attrU32(Ifla.IFLA_MASTER, masterIndex);
        }
        if (nsFd >= 0) {
            w.attrU32(Ifla.IFLA_NET_NS_FD, nsFd);
        }
        w.endMessage();
    }

    /** RTM_DELLINK of link {@code index}. */
    static void linkDel(MessageWriter w, int seq, int index) {
        w.beginMessage(Rtm.RTM_DELLINK, CHANGE, seq, 0);
        w.ifinfomsg(AF_UNSPEC, 0, index, 0, 0);
        w.endMessage();
    }

    /** RTM_DELLINK of every link in {@code group}: one request, one RCU grace period for all. */
    static void linkDelGroup(MessageWriter w, int seq, int group) {
        w.beginMessage(Rtm.RTM_DELLINK, CHANGE, seq, 0);
        w.ifinfomsg(AF_UNSPEC, 0, 0, 0, 0);
        w.attrU32(Ifla.IFLA_GROUP, group);
        w.endMessage();
    }

    /** RTM_GETLINK of one link, by index or (index 0) by name. */
    static void linkGet(MessageWriter w, int seq, int index, String name) {
        w.beginMessage(Rtm.RTM_GETLINK, GET, seq, 0);
        w.ifinfomsg(AF_UNSPEC, 0, index, 0, 0);
        if (index == 0) {
            w.attrString(Ifla.IFLA_IFNAME, name);
        }
        w.endMessage();
    }

    /** RTM_GETLINK dump, optionally of the ports of one master (kernel-side filter). */
    static void linkDump(MessageWriter w, int seq, int masterIndex) {
        w.beginMessage(Rtm.RTM_GETLINK, DUMP, seq, 0);
        w.ifinfomsg(AF_UNSPEC, 0, 0, 0, 0);
        if (masterIndex > 0) {
            w.attrU32(Ifla.IFLA_MASTER, masterIndex);
        }
        w.endMessage();
    }

    // ------------------------------------------------------------------ addresses

    /** RTM_NEWADDR / RTM_DELADDR for {@code spec} on link {@code index}. */
    static void address(MessageWriter w, int type, int flags, int seq, AddressSpec spec, int index) {
        w.beginMessage(type, flags, seq, 0);
        InetAddress a = spec.prefix.address();
        w.ifaddrmsg(family(a), spec.prefix.prefixLength(), spec.flags & 0xff, spec.scope, index);
        w.attrBytes(Ifa.IFA_LOCAL, spec.localRaw);
        w.attrBytes(Ifa.IFA_ADDRESS, spec.peerRaw);
        if (spec.broadcastRaw != null) {
            w.attrBytes(Ifa.IFA_BROADCAST, spec.broadcastRaw);
        }
        if (spec.label != null) {
            w.attrString(Ifa.IFA_LABEL, spec.label);
        }
        if ((spec.flags & ~0xff) != 0) {
            w.attrU32(Ifa.IFA_FLAGS, spec.flags);
        }
        if (spec.validLifetime > 0) {
            long c = w.beginNested(Ifa.IFA_CACHEINFO);
            w.u32((int) spec.preferredLifetime).u32((int) spec.validLifetime).u32(0).u32(0);
            w.endNested(c);
        }
        w.endMessage();
    }

    /** RTM_GETADDR dump of {@code family} (0: all), optionally of one link. */
    static void addressDump(MessageWriter w, int seq, int family, int index) {
        w.beginMessage(Rtm.RTM_GETADDR, DUMP, seq, 0);
        w.ifaddrmsg(family, 0, 0, 0, index);
        w.endMessage();
    }

    // ------------------------------------------------------------------ routes

    /**
     * RTM_NEWROUTE / RTM_DELROUTE for {@code spec}, with defaults as {@code ip route} chooses them.
     *
     * @param oif resolved output device (0 if none)
     * @param nextHopIndexes resolved devices of the next hops (0 where none)
     */
    static void route(MessageWriter w, int type, int flags, int seq, RouteSpec spec, int oif, int[] nextHopIndexes) {
        boolean delete = type == Rtm.RTM_DELROUTE;
        w.beginMessage(type, flags, seq, 0);
        IpPrefix dst = spec.destination;
        int routeType = spec.type != null ? spec.type.number() : delete ? 0 : RouteType.UNICAST.number();
        int protocol = spec.protocol >= 0 ? spec.protocol : delete ? 0 : RouteProtocol.BOOT;
        int scope = spec.scope >= 0 ? spec.scope : defaultScope(delete, routeType, spec);
        int table = spec.table < 256 ? (int) spec.table : 0;
        w.rtmsg(family(dst.address()), dst.prefixLength(), 0, spec.tos, table, protocol, scope, routeType,
                spec.onlink ? Rtnh.RTNH_F_ONLINK : 0);
        if (dst.prefixLength() > 0) {
            w.attrBytes(Rta.RTA_DST, spec.destinationRaw);
        }
        if (spec.source != null) {
            w.attrBytes(Rta.RTA_PREFSRC, spec.sourceRaw);
        }
        if (spec.gateway != null) {
            w.attrBytes(Rta.RTA_GATEWAY, spec.gatewayRaw);
        }
        if (spec.metric >= 0) {
            w.attrU32(Rta.RTA_PRIORITY, (int) spec.metric);
        }
        if (spec.table >= 256) {
            w.attrU32(Rta.RTA_TABLE, (int) spec.table);
        }
        if (spec.mtu > 0) {
            long m = w.beginNested(Rta.RTA_METRICS);
            w.attrU32(Rtax.RTAX_MTU, spec.mtu);
            w.endNested(m);
        }
        if (!spec.nextHops.isEmpty()) {
            long mp = w.beginNested(Rta.RTA_MULTIPATH);
            for (int i = 0; i < spec.nextHops.size(); i++) {
                RouteSpec.NextHopSpec nh = spec.nextHops.get(i);
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
        w.endMessage();
    }

    /** iproute2's choice: host for local, link for directly connected unicast, nowhere to match any on delete. */
    private static int defaultScope(boolean delete, int routeType, RouteSpec spec) {
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
            if (spec.gateway == null && spec.nextHops.isEmpty()) {
                return Scope.LINK.number();
            }
        }
        return Scope.UNIVERSE.number();
    }

    /** RTM_GETROUTE dump of {@code family}; a table filter is applied by the kernel (strict checking). */
    static void routeDump(MessageWriter w, int seq, int family, long table) {
        w.beginMessage(Rtm.RTM_GETROUTE, DUMP, seq, 0);
        w.rtmsg(family, 0, 0, 0, table > 0 && table < 256 ? (int) table : 0, 0, 0, 0, 0);
        if (table >= 256) {
            w.attrU32(Rta.RTA_TABLE, (int) table);
        }
        w.endMessage();
    }

    /** RTM_GETROUTE for one destination: the kernel's route lookup ({@code ip route get}). */
    static void routeGet(MessageWriter w, int seq, InetAddress destination, InetAddress from, int oif) {
        w.beginMessage(Rtm.RTM_GETROUTE, GET, seq, 0);
        int len = destination instanceof Inet4Address ? 32 : 128;
        w.rtmsg(family(destination), len, from == null ? 0 : len, 0, 0, 0, 0, 0, 0);
        w.attrBytes(Rta.RTA_DST, destination.getAddress());
        if (from != null) {
            w.attrBytes(Rta.RTA_SRC, from.getAddress());
        }
        if (oif > 0) {
            w.attrU32(Rta.RTA_OIF, oif);
        }
        w.endMessage();
    }

    // ------------------------------------------------------------------ neighbours, rules, nsid

    /** RTM_NEWNEIGH / RTM_DELNEIGH. */
    static void neighbour(MessageWriter w, int type, int flags, int seq, NeighbourSpec spec, int index) {
        w.beginMessage(type, flags, seq, 0);
        w.ndmsg(family(spec.destination), index, spec.state, 0, 0);
        w.attrBytes(Nda.NDA_DST, spec.destinationRaw);
        if (spec.linkAddress != null) {
            w.attrBytes(Nda.NDA_LLADDR, spec.linkAddress.raw());
        }
        w.endMessage();
    }

    /** RTM_GETNEIGH dump. */
    static void neighbourDump(MessageWriter w, int seq, int family, int index) {
        w.beginMessage(Rtm.RTM_GETNEIGH, DUMP, seq, 0);
        w.ndmsg(family, index, 0, 0, 0);
        w.endMessage();
    }

    /** RTM_NEWRULE / RTM_DELRULE. */
    static void rule(MessageWriter w, int type, int flags, int seq, RuleSpec r) {
        w.beginMessage(type, flags, seq, 0);
        boolean delete = type == Rtm.RTM_DELRULE;
        // as ip: adding defaults to "lookup main"; deleting matches any table and action left unset
        int action = r.action >= 0 ? r.action : delete && r.table < 0 ? 0 : 1;
        long table = r.table >= 0 ? r.table : action == 1 && !delete ? 254 : 0;
        w.fibRuleHdr(r.family.number(), r.to == null ? 0 : r.to.prefixLength(),
                r.from == null ? 0 : r.from.prefixLength(), r.tos, table < 256 ? (int) table : 0, action,
                r.invert ? Fra.FIB_RULE_INVERT : 0);
        if (r.to != null) {
            w.attrBytes(Fra.FRA_DST, r.toRaw);
        }
        if (r.from != null) {
            w.attrBytes(Fra.FRA_SRC, r.fromRaw);
        }
        if (r.priority >= 0) {
            w.attrU32(Fra.FRA_PRIORITY, (int) r.priority);
        }
        if (table >= 256) {
            w.attrU32(Fra.FRA_TABLE, (int) table);
        }
        if (r.hasFwmark) {
            w.attrU32(Fra.FRA_FWMARK, r.fwmark);
            w.attrU32(Fra.FRA_FWMASK, r.fwmask);
        }
        if (r.iif != null) {
            w.attrString(Fra.FRA_IIFNAME, r.iif);
        }
        if (r.oif != null) {
            w.attrString(Fra.FRA_OIFNAME, r.oif);
        }
        w.endMessage();
    }

    /** RTM_GETRULE dump. */
    static void ruleDump(MessageWriter w, int seq, int family) {
        w.beginMessage(Rtm.RTM_GETRULE, DUMP, seq, 0);
        w.fibRuleHdr(family, 0, 0, 0, 0, 0, 0);
        w.endMessage();
    }

    /** RTM_NEWNSID: give the namespace behind {@code fd} the id {@code nsid} here. */
    static void nsidSet(MessageWriter w, int seq, int fd, int nsid) {
        w.beginMessage(Rtm.RTM_NEWNSID, CREATE, seq, 0);
        w.rtgenmsg(AF_UNSPEC);
        w.attrU32(Netnsa.NETNSA_FD, fd);
        w.attrU32(Netnsa.NETNSA_NSID, nsid);
        w.endMessage();
    }

    /** RTM_GETNSID of the namespace behind {@code fd}. */
    static void nsidGet(MessageWriter w, int seq, int fd) {
        w.beginMessage(Rtm.RTM_GETNSID, GET, seq, 0);
        w.rtgenmsg(AF_UNSPEC);
        w.attrU32(Netnsa.NETNSA_FD, fd);
        w.endMessage();
    }

    /** RTM_GETNSID dump: every id assigned in this namespace. */
    static void nsidDump(MessageWriter w, int seq) {
        w.beginMessage(Rtm.RTM_GETNSID, DUMP, seq, 0);
        w.rtgenmsg(AF_UNSPEC);
        w.endMessage();
    }
}
