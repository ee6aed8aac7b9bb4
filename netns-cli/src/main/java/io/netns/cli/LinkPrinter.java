package io.netns.cli;

import io.netns.cli.Printer.Mode;

import java.util.ArrayList;
import java.util.List;

/** Prints a link as ip's print_linkinfo does (ip link show, ip addr show, ip monitor link). */
final class LinkPrinter {
    static final int IFF_UP = 0x1;
    static final int IFF_POINTOPOINT = 0x10;
    static final int IFF_RUNNING = 0x40;

    // IFLA_* numbers of attributes the Link record keeps raw
    static final int IFLA_LINKMODE = 17;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_AF_SPEC = 26;
    static final int IFLA_PROMISCUITY = 30;
    static final int IFLA_NUM_TX_QUEUES = 31;
    static final int IFLA_NUM_RX_QUEUES = 32;
    static final int IFLA_PHYS_PORT_NAME = 38;
    static final int IFLA_PROTO_DOWN = 39;
    static final int IFLA_GSO_MAX_SEGS = 40;
    static final int IFLA_GSO_MAX_SIZE = 41;
    static final int IFLA_MIN_MTU = 50;
    static final int IFLA_MAX_MTU = 51;
    static final int IFLA_PARENT_DEV_NAME = 56;
    static final int IFLA_PARENT_DEV_BUS_NAME = 57;
    static final int IFLA_GRO_MAX_SIZE = 58;
    static final int IFLA_TSO_MAX_SIZE = 59;
    static final int IFLA_TSO_MAX_SEGS = 60;
    static final int IFLA_ALLMULTI = 61;

    /** IFF_* names in the order print_link_flags prints them. */
    private static final int[] FLAG_BITS = {0x8, 0x2, 0x10, 0x1000, 0x80, 0x200, 0x100, 0x400, 0x800, 0x4, 0x8000,
            0x4000, 0x2000, 0x20, 0x1, 0x10000, 0x20000, 0x40000};
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
        Attrs raw = inet6Dump ? Attrs.EMPTY : Attrs.of(l.unknown());
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
            StatsPrinter.print(p, l.stats().get(), Attrs.of(l.unknown()));
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
    private void details(Link l, Attrs raw, boolean doLink) {
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
            Attrs inet6 = raw.nested(IFLA_AF_SPEC).nested(10);
            if (inet6.has(8)) {
                int mode = inet6.u8(8);
                String name = switch (mode) {
                    case 0 -> "eui64";
                    case 1 -> "none";
                    case 2 -> "stable_secret";
                    case 3 -> "random";
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

    private void u32(Attrs raw, int type, String key, String fmt) {
        if (raw.has(type)) {
            p.num(Mode.ANY, key, fmt, raw.u32(type));
        }
    }
}
