// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.cli.Printer.Mode;
import io.netns.netlink.link.Link;

import static io.netns.netlink.wire.Iff.*;
import static io.netns.netlink.wire.Ifla.*;
import static io.netns.netlink.wire.IflaInet6.*;
import io.netns.netlink.Family;

import java.util.ArrayList;
import java.util.List;

/** Prints a link as ip's print_linkinfo does (ip link show, ip addr show, ip monitor link). */
final class LinkPrinter {
    /** IFF_* names in the order print_link_flags prints them. */
    private static final int[] FLAG_BITS = {IFF_LOOPBACK, IFF_BROADCAST, IFF_POINTOPOINT, IFF_MULTICAST, IFF_NOARP,
            IFF_ALLMULTI, IFF_PROMISC, IFF_MASTER, IFF_SLAVE, IFF_DEBUG, IFF_DYNAMIC, IFF_AUTOMEDIA, IFF_PORTSEL,
            IFF_NOTRAILERS, IFF_UP, IFF_LOWER_UP, IFF_DORMANT, IFF_ECHO};
    private static final String[] FLAG_NAMES = {"LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP",
            "ALLMULTI", "PROMISC", "MASTER", "SLAVE", "DEBUG", "DYNAMIC", "AUTOMEDIA", "PORTSEL", "NOTRAILERS", "UP",
            "LOWER_UP", "DORMANT", "ECHO"};

    private final Session s;
    private final Printer p;

    LinkPrinter(Session s, Printer p) {
        this.s = s;
        this.p = p;
    }

    /**
     * Prints the link's fields into the current JSON object (or line of text); the caller opens and
     * closes the object.
     *
     * @param doLink whether this is {@code ip link} (adds linkmode, af_spec, alias)
     * @param showQueue whether to print the queue length (not in monitor output)
     */
    void print(Link l, boolean doLink, boolean showQueue) {
        print(l, doLink, showQueue, true, false);
    }

    /**
     * @param linkLine whether to print the {@code link/ether ...} part (ip leaves it out of
     *        {@code ip -4|-6 addr})
     * @param inet6Dump whether to print only what the kernel's AF_INET6 link dump carries
     *        ({@code ip -6 addr} without a device: no qdisc, master, group)
     */
    void print(Link l, boolean doLink, boolean showQueue, boolean linkLine, boolean inet6Dump) {
        AttrIndex raw = inet6Dump ? AttrIndex.EMPTY : AttrIndex.of(l.unknown(), "link " + l.name());
        p.num(Mode.ANY, "ifindex", "%d: ", l.index());
        boolean mdown = nameAndLink(l);
        flags(l.flags(), mdown);
        p.num(Mode.ANY, "mtu", "mtu %d ", Integer.toUnsignedLong(l.mtu()));
        if (!inet6Dump) {
            l.qdisc().ifPresent(q -> p.str(Mode.ANY, "qdisc", "qdisc %s ", q));
        }
        if (l.master().isPresent() && !inet6Dump) {
            p.str(Mode.ANY, "master", "master %s ", s.linkName(l.master().getAsInt()));
        }
        String oper = IpNames.operState(l.operState().ordinal());
        p.str(Mode.JSON, "operstate", null, oper);
        p.text("state " + oper + " ");
        if (doLink && raw.has(IFLA_LINKMODE)) {
            String mode = IpNames.linkMode(raw.u8(IFLA_LINKMODE));
            p.str(Mode.ANY, "linkmode", "mode %s ", mode != null ? mode : Integer.toString(raw.u8(IFLA_LINKMODE)));
        }
        if (!inet6Dump) {
            p.str(Mode.ANY, "group", "group %s ", IpNames.group(Integer.toUnsignedLong(l.group())));
        }
        if (showQueue && l.txQueueLength() != 0) {
            p.num(Mode.ANY, "txqlen", "qlen %d", Integer.toUnsignedLong(l.txQueueLength()));
        }
        if (linkLine || s.opt.details()) {
            linkLine(l);
        }
        if (l.linkNetnsId().isPresent() && !inet6Dump) {
            int id = l.linkNetnsId().getAsInt();
            p.num(Mode.JSON, "link_netnsid", null, id);
            if (!p.isJson()) {
                String name = id >= 0 ? NetnsCmd.nameOfNsid(s, id) : null;
                p.text(id < 0 ? " link-netnsid unknown" : name != null ? " link-netns " + name
                        : " link-netnsid " + id);
            }
        }
        if (raw.has(IFLA_PROTO_DOWN) && raw.u8(IFLA_PROTO_DOWN) != 0) {
            p.bool(Mode.ANY, "proto_down", " protodown on ", true);
        }
        if (s.opt.details()) {
            details(l, raw, doLink);
        }
        if ((doLink || s.opt.details()) && l.alias().isPresent()) {
            p.text("\n");
            p.str(Mode.ANY, "ifalias", "    alias %s", l.alias().get());
        }
        if (doLink && s.opt.stats() && l.stats().isPresent()) {
            StatsPrinter.print(p, l.stats().get(), AttrIndex.of(l.unknown(), "link " + l.name()));
        }
        p.text("\n");
    }

    private void linkLine(Link l) {
        p.nl();
        p.str(Mode.ANY, "link_type", "    link/%s ", IpNames.linkType(l.type()));
        l.address().ifPresent(a -> p.str(Mode.ANY, "address", "%s", a.toString()));
        l.broadcast().ifPresent(b -> {
            if ((l.flags() & IFF_POINTOPOINT) != 0) {
                p.text(" peer ");
                p.bool(Mode.JSON, "link_pointtopoint", null, true);
            } else {
                p.text(" brd ");
            }
            p.str(Mode.ANY, "broadcast", "%s", b.toString());
        });
    }

    /** print_name_and_link: the name, the peer/parent ({@code v0@v1}) and whether that one is down. */
    private boolean nameAndLink(Link l) {
        String name = l.name();
        boolean mdown = false;
        if (l.link().isPresent()) {
            int iflink = l.link().getAsInt();
            if (iflink == 0) {
                p.nul(Mode.JSON, "link", null, null);
                name = name + "@NONE";
            } else if (l.linkNetnsId().isPresent()) {
                p.num(Mode.JSON, "link_index", null, iflink);
                name = name + "@if" + iflink;
            } else {
                String peer = s.linkName(iflink);
                p.str(Mode.JSON, "link", null, peer);
                name = name + "@" + peer;
                // ll_index_to_flags of an unknown device is 0, which counts as down
                mdown = s.link(iflink).map(x -> (x.flags() & IFF_UP) == 0).orElse(true);
            }
        }
        p.str(Mode.JSON, "ifname", null, l.name());
        p.text(name + ": ");
        return mdown;
    }

    /** print_link_flags: NO-CARRIER first, the IFF_* names in ip's order, M-DOWN last. */
    private void flags(int flags, boolean mdown) {
        List<String> names = new ArrayList<>();
        int f = flags;
        if ((f & IFF_UP) != 0 && (f & IFF_RUNNING) == 0) {
            names.add("NO-CARRIER");
        }
        f &= ~IFF_RUNNING;
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((f & FLAG_BITS[i]) != 0) {
                f &= ~FLAG_BITS[i];
                names.add(FLAG_NAMES[i]);
            }
        }
        if (f != 0) {
            names.add(Integer.toHexString(f));
        }
        if (mdown) {
            names.add("M-DOWN");
        }
        p.openArray(Mode.JSON, "flags", null);
        for (String n : names) {
            p.str(Mode.JSON, null, null, n);
        }
        p.closeArray(Mode.JSON, null);
        p.text("<" + String.join(",", names) + "> ");
    }

    /** The {@code -d} part: counters of the device, its kind's data, the IPv6 address mode. */
    private void details(Link l, AttrIndex raw, boolean doLink) {
        if (raw.has(IFLA_PROMISCUITY)) {
            p.num(Mode.ANY, "promiscuity", " promiscuity %d ", raw.u32(IFLA_PROMISCUITY));
        }
        if (raw.has(IFLA_ALLMULTI)) {
            p.num(Mode.ANY, "allmulti", " allmulti %d ", raw.u32(IFLA_ALLMULTI));
        }
        p.num(Mode.ANY, "min_mtu", "minmtu %d ", Integer.toUnsignedLong(l.minMtu()));
        p.num(Mode.ANY, "max_mtu", "maxmtu %d ", Integer.toUnsignedLong(l.maxMtu()));
        if (raw.has(IFLA_LINKINFO)) {
            new LinkInfoPrinter(s, p).print(raw.nested(IFLA_LINKINFO));
        }
        if (doLink && raw.has(IFLA_AF_SPEC)) {
            AttrIndex inet6 = raw.nested(IFLA_AF_SPEC).nested(Family.INET6.number());
            if (inet6.has(IFLA_INET6_ADDR_GEN_MODE)) {
                int mode = inet6.u8(IFLA_INET6_ADDR_GEN_MODE);
                String name = switch (mode) {
                    case IN6_ADDR_GEN_MODE_EUI64 -> "eui64";
                    case IN6_ADDR_GEN_MODE_NONE -> "none";
                    case IN6_ADDR_GEN_MODE_STABLE_PRIVACY -> "stable_secret";
                    case IN6_ADDR_GEN_MODE_RANDOM -> "random";
                    default -> String.format("%#04x", mode);
                };
                p.str(Mode.ANY, "inet6_addr_gen_mode", "addrgenmode %s ", name);
            }
        }
        u32(raw, IFLA_NUM_TX_QUEUES, "num_tx_queues", "numtxqueues %d ");
        u32(raw, IFLA_NUM_RX_QUEUES, "num_rx_queues", "numrxqueues %d ");
        u32(raw, IFLA_GSO_MAX_SIZE, "gso_max_size", "gso_max_size %d ");
        u32(raw, IFLA_GSO_MAX_SEGS, "gso_max_segs", "gso_max_segs %d ");
        u32(raw, IFLA_TSO_MAX_SIZE, "tso_max_size", "tso_max_size %d ");
        u32(raw, IFLA_TSO_MAX_SEGS, "tso_max_segs", "tso_max_segs %d ");
        u32(raw, IFLA_GRO_MAX_SIZE, "gro_max_size", "gro_max_size %d ");
        if (raw.has(IFLA_PHYS_PORT_NAME)) {
            p.str(Mode.ANY, "phys_port_name", "portname %s ", raw.str(IFLA_PHYS_PORT_NAME));
        }
        if (raw.has(IFLA_PARENT_DEV_BUS_NAME)) {
            p.str(Mode.ANY, "parentbus", "parentbus %s ", raw.str(IFLA_PARENT_DEV_BUS_NAME));
        }
        if (raw.has(IFLA_PARENT_DEV_NAME)) {
            p.str(Mode.ANY, "parentdev", "parentdev %s ", raw.str(IFLA_PARENT_DEV_NAME));
        }
    }

    private void u32(AttrIndex raw, int type, String key, String fmt) {
        if (raw.has(type)) {
            p.num(Mode.ANY, key, fmt, raw.u32(type));
        }
    }
}
