package io.netns.cli;

import io.netns.cli.Printer.Mode;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The {@code linkinfo} object of {@code ip -d link}: the kind, its IFLA_INFO_DATA as ip's
 * per-kind printers show it (bridge, macvlan/macvtap, vxlan, tun), and a bridge port's data.
 * Kinds ip prints no data for (veth, ifb) and kinds not covered here get {@code info_kind} only.
 */
final class LinkInfoPrinter {
    private static final int IFLA_INFO_KIND = 1;
    private static final int IFLA_INFO_DATA = 2;
    private static final int IFLA_INFO_SLAVE_KIND = 4;
    private static final int IFLA_INFO_SLAVE_DATA = 5;

    private final Session s;
    private final Printer p;

    LinkInfoPrinter(Session s, Printer p) {
        this.s = s;
        this.p = p;
    }

    void print(Attrs info) {
        p.openObject("linkinfo");
        if (info.has(IFLA_INFO_KIND)) {
            String kind = info.str(IFLA_INFO_KIND);
            p.nl();
            p.str(Mode.ANY, "info_kind", "    %s ", kind);
            Attrs data = info.nested(IFLA_INFO_DATA);
            switch (kind) {
                case "bridge" -> withData("info_data", () -> bridge(data));
                case "macvlan", "macvtap" -> withData("info_data", () -> macvlan(data));
                case "vxlan" -> withData("info_data", () -> vxlan(data));
                case "tun" -> withData("info_data", () -> tun(data));
                default -> {
                    // veth, ifb: ip has no data printer
                }
            }
        }
        if (info.has(IFLA_INFO_SLAVE_KIND)) {
            String kind = info.str(IFLA_INFO_SLAVE_KIND);
            p.nl();
            p.str(Mode.ANY, "info_slave_kind", "    %s_slave ", kind);
            if (kind.equals("bridge")) {
                Attrs data = info.nested(IFLA_INFO_SLAVE_DATA);
                withData("info_slave_data", () -> bridgePort(data));
            }
        }
        p.closeObject();
    }

    private void withData(String key, Runnable body) {
        p.openObject(key);
        body.run();
        p.closeObject();
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }

    /** A u8 flag printed as ip's print_on_off: JSON boolean, text "key on|off". */
    private void onOff(Attrs d, int type, String key, String text) {
        if (d.has(type)) {
            boolean v = d.u8(type) != 0;
            p.bool(Mode.JSON, key, null, v);
            p.text(text + " " + onOff(v) + " ");
        }
    }

    private void u32(Attrs d, int type, String key, String fmt) {
        if (d.has(type)) {
            p.num(Mode.ANY, key, fmt, d.u32(type));
        }
    }

    private void u16(Attrs d, int type, String key, String fmt) {
        if (d.has(type)) {
            p.num(Mode.ANY, key, fmt, d.u16(type));
        }
    }

    private void u8(Attrs d, int type, String key, String fmt) {
        if (d.has(type)) {
            p.num(Mode.ANY, key, fmt, d.u8(type));
        }
    }

    /** A u64 in centiseconds, printed as seconds (bridge timers). */
    private void timer(Attrs d, int type, String key, String fmt) {
        if (d.has(type)) {
            p.dbl(Mode.ANY, key, fmt, d.u64(type) / 100.0);
        }
    }

    /** struct ifla_bridge_id: two priority bytes and a MAC, {@code 8000.76:51:...}. */
    private void bridgeId(Attrs d, int type, String key, String fmt) {
        if (d.has(type)) {
            byte[] b = d.bytes(type);
            // ip writes the MAC of a bridge id without zero padding (8000.8e:86:89:6:8e:9b)
            StringBuilder mac = new StringBuilder();
            for (int i = 2; i < 8; i++) {
                mac.append(i > 2 ? ":" : "").append(Integer.toHexString(b[i] & 0xff));
            }
            String id = String.format("%02x%02x.%s", b[0] & 0xff, b[1] & 0xff, mac);
            p.str(Mode.ANY, key, fmt, id);
        }
    }

    // ------------------------------------------------------------------ bridge (IFLA_BR_*)

    private void bridge(Attrs d) {
        u32(d, 1, "forward_delay", "forward_delay %d ");
        u32(d, 2, "hello_time", "hello_time %d ");
        u32(d, 3, "max_age", "max_age %d ");
        u32(d, 4, "ageing_time", "ageing_time %d ");
        u32(d, 5, "stp_state", "stp_state %d ");
        u16(d, 6, "priority", "priority %d ");
        u8(d, 7, "vlan_filtering", "vlan_filtering %d ");
        if (d.has(8)) {
            int proto = d.u16be(8);
            p.str(Mode.ANY, "vlan_protocol", "vlan_protocol %s ", proto == 0x88a8 ? "802.1ad" : proto == 0x8100
                    ? "802.1Q" : String.format("%04x", proto));
        }
        bridgeId(d, 11, "bridge_id", "bridge_id %s ");
        bridgeId(d, 10, "root_id", "designated_root %s ");
        u16(d, 12, "root_port", "root_port %d ");
        u32(d, 13, "root_path_cost", "root_path_cost %d ");
        u8(d, 14, "topology_change", "topology_change %d ");
        u8(d, 15, "topology_change_detected", "topology_change_detected %d ");
        timer(d, 16, "hello_timer", "hello_timer %7.2f ");
        timer(d, 17, "tcn_timer", "tcn_timer %7.2f ");
        timer(d, 18, "topology_change_timer", "topology_change_timer %7.2f ");
        timer(d, 19, "gc_timer", "gc_timer %7.2f ");
        u16(d, 39, "vlan_default_pvid", "vlan_default_pvid %d ");
        u8(d, 41, "vlan_stats_enabled", "vlan_stats_enabled %d ");
        u8(d, 45, "vlan_stats_per_port", "vlan_stats_per_port %d ");
        if (d.has(9)) {
            int mask = d.u16(9);
            p.str(Mode.ANY, "group_fwd_mask", "group_fwd_mask %s ", mask == 0 ? "0" : "0x" + Integer.toHexString(mask));
        }
        if (d.has(20)) {
            p.str(Mode.ANY, "group_addr", "group_address %s ", Attrs.mac(d.bytes(20), 0, 6));
        }
        u8(d, 23, "mcast_snooping", "mcast_snooping %d ");
        if (d.has(46)) {
            byte[] b = d.bytes(46);
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder());
            int val = bb.getInt(0);
            int mask = bb.getInt(4);
            // BR_BOOLOPT_NO_LL_LEARN (bit 0) and BR_BOOLOPT_MCAST_VLAN_SNOOPING (bit 1): all ip 6.1 knows
            if ((mask & 1) != 0) {
                p.num(Mode.ANY, "no_linklocal_learn", "no_linklocal_learn %d ", val & 1);
            }
            if ((mask & 2) != 0) {
                p.num(Mode.ANY, "mcast_vlan_snooping", "mcast_vlan_snooping %d ", (val >> 1) & 1);
            }
        }
        u8(d, 22, "mcast_router", "mcast_router %d ");
        u8(d, 24, "mcast_query_use_ifaddr", "mcast_query_use_ifaddr %d ");
        u8(d, 25, "mcast_querier", "mcast_querier %d ");
        u32(d, 26, "mcast_hash_elasticity", "mcast_hash_elasticity %d ");
        u32(d, 27, "mcast_hash_max", "mcast_hash_max %d ");
        u32(d, 28, "mcast_last_member_cnt", "mcast_last_member_count %d ");
        u32(d, 29, "mcast_startup_query_cnt", "mcast_startup_query_count %d ");
        u64(d, 30, "mcast_last_member_intvl", "mcast_last_member_interval %d ");
        u64(d, 31, "mcast_membership_intvl", "mcast_membership_interval %d ");
        u64(d, 32, "mcast_querier_intvl", "mcast_querier_interval %d ");
        u64(d, 33, "mcast_query_intvl", "mcast_query_interval %d ");
        u64(d, 34, "mcast_query_response_intvl", "mcast_query_response_interval %d ");
        u64(d, 35, "mcast_startup_query_intvl", "mcast_startup_query_interval %d ");
        u8(d, 42, "mcast_stats_enabled", "mcast_stats_enabled %d ");
        u8(d, 43, "mcast_igmp_version", "mcast_igmp_version %d ");
        u8(d, 44, "mcast_mld_version", "mcast_mld_version %d ");
        u8(d, 36, "nf_call_iptables", "nf_call_iptables %d ");
        u8(d, 37, "nf_call_ip6tables", "nf_call_ip6tables %d ");
        u8(d, 38, "nf_call_arptables", "nf_call_arptables %d ");
    }

    private void u64(Attrs d, int type, String key, String fmt) {
        if (d.has(type)) {
            p.num(Mode.ANY, key, fmt, d.u64(type));
        }
    }

    // ------------------------------------------------------------------ bridge port (IFLA_BRPORT_*)

    private static final String[] PORT_STATES = {"disabled", "listening", "learning", "forwarding", "blocking"};

    private void flag(Attrs d, int type, String key, String text) {
        onOff(d, type, key, text);
    }

    private void bridgePort(Attrs d) {
        if (d.has(1)) {
            int st = d.u8(1);
            p.str(Mode.ANY, "state", "state %s ", st < PORT_STATES.length ? PORT_STATES[st] : Integer.toString(st));
        }
        u16(d, 2, "priority", "priority %d ");
        u32(d, 3, "cost", "cost %d ");
        flag(d, 4, "hairpin", "hairpin");
        flag(d, 5, "guard", "guard");
        flag(d, 6, "root_block", "root_block");
        flag(d, 7, "fastleave", "fastleave");
        flag(d, 8, "learning", "learning");
        flag(d, 9, "flood", "flood");
        if (d.has(17)) {
            p.str(Mode.ANY, "id", "port_id %s ", "0x" + Integer.toHexString(d.u16(17)));
        }
        if (d.has(18)) {
            p.str(Mode.ANY, "no", "port_no %s ", "0x" + Integer.toHexString(d.u16(18)));
        }
        u16(d, 15, "designated_port", "designated_port %d ");
        u16(d, 16, "designated_cost", "designated_cost %d ");
        bridgeId(d, 14, "bridge_id", "designated_bridge %s ");
        bridgeId(d, 13, "root_id", "designated_root %s ");
        timer(d, 23, "hold_timer", "hold_timer %7.2f ");
        timer(d, 21, "message_age_timer", "message_age_timer %7.2f ");
        timer(d, 22, "forward_delay_timer", "forward_delay_timer %7.2f ");
        u8(d, 19, "topology_change_ack", "topology_change_ack %d ");
        u8(d, 20, "config_pending", "config_pending %d ");
        flag(d, 10, "proxy_arp", "proxy_arp");
        flag(d, 12, "proxy_arp_wifi", "proxy_arp_wifi");
        u8(d, 25, "multicast_router", "mcast_router %d ");
        if (d.has(7)) {
            p.text("mcast_fast_leave " + onOff(d.u8(7) != 0) + " ");
        }
        flag(d, 27, "mcast_flood", "mcast_flood");
        flag(d, 30, "bcast_flood", "bcast_flood");
        flag(d, 28, "mcast_to_unicast", "mcast_to_unicast");
        flag(d, 32, "neigh_suppress", "neigh_suppress");
        if (d.has(31)) {
            int mask = d.u16(31);
            p.str(Mode.ANY, "group_fwd_mask", "group_fwd_mask %s ", mask == 0 ? "0" : "0x" + Integer.toHexString(mask));
            p.str(Mode.ANY, "group_fwd_mask_str", "group_fwd_mask_str %s ", "0x" + Integer.toHexString(mask));
        }
        flag(d, 29, "vlan_tunnel", "vlan_tunnel");
        flag(d, 33, "isolated", "isolated");
        if (d.has(34)) {
            p.str(Mode.ANY, "backup_port", "backup_port %s ", s.linkName((int) d.u32(34)));
        }
        flag(d, 39, "locked", "locked");
    }

    // ------------------------------------------------------------------ macvlan (IFLA_MACVLAN_*)

    private void macvlan(Attrs d) {
        if (d.has(1)) {
            long mode = d.u32(1);
            String name = mode == 1 ? "private" : mode == 2 ? "vepa" : mode == 4 ? "bridge" : mode == 8 ? "passthru"
                    : mode == 16 ? "source" : "unknown";
            p.str(Mode.ANY, "mode", "mode %s ", name);
        }
        if (d.has(2)) {
            int flags = d.u16(2);
            if ((flags & 1) != 0) {
                p.bool(Mode.ANY, "nopromisc", "nopromisc ", true);
            }
            if ((flags & 2) != 0) {
                p.bool(Mode.ANY, "nodst", "nodst ", true);
            }
        }
        u32(d, 7, "bcqueuelen", "bcqueuelen %d ");
        u32(d, 8, "usedbcqueuelen", "usedbcqueuelen %d ");
    }

    // ------------------------------------------------------------------ vxlan (IFLA_VXLAN_*)

    private static boolean isUnspecified(InetAddress a) {
        return a.isAnyLocalAddress();
    }

    private void vxlan(Attrs d) {
        if (d.has(25) && d.u8(25) != 0) {
            p.bool(Mode.ANY, "external", "external ", true);
        }
        u32(d, 1, "id", "id %d ");
        InetAddress group = d.has(2) ? d.ip(2) : d.has(16) ? d.ip(16) : null;
        if (group != null && !isUnspecified(group)) {
            String key = group.isMulticastAddress() ? "group" : "remote";
            // ip names the IPv6 ones remote6, group6, local6 in JSON
            p.str(Mode.ANY, isV4(group) ? key : key + "6", key + " %s ", AddrPrinter.format(group));
        }
        InetAddress local = d.has(4) ? d.ip(4) : d.has(17) ? d.ip(17) : null;
        if (local != null && !isUnspecified(local)) {
            p.str(Mode.ANY, isV4(local) ? "local" : "local6", "local %s ", AddrPrinter.format(local));
        }
        if (d.has(3) && d.u32(3) != 0) {
            p.str(Mode.ANY, "link", "dev %s ", s.linkName((int) d.u32(3)));
        }
        if (d.has(10)) {
            byte[] r = d.bytes(10);
            p.openObject("port_range");
            p.num(Mode.ANY, "low", "srcport %d ", ((r[0] & 0xff) << 8) | (r[1] & 0xff));
            p.num(Mode.ANY, "high", "%d ", ((r[2] & 0xff) << 8) | (r[3] & 0xff));
            p.closeObject();
        }
        if (d.has(15)) {
            p.num(Mode.ANY, "port", "dstport %d ", d.u16be(15));
        }
        if (d.has(7)) {
            boolean learning = d.u8(7) != 0;
            p.bool(Mode.JSON, "learning", null, learning);
            if (!learning) {
                p.text("nolearning ");
            }
        }
        boolFlag(d, 11, "proxy", "proxy ");
        boolFlag(d, 12, "rsc", "rsc ");
        boolFlag(d, 13, "l2miss", "l2miss ");
        boolFlag(d, 14, "l3miss", "l3miss ");
        if (d.has(6) && d.u8(6) != 0) {
            int tos = d.u8(6);
            p.str(Mode.JSON, "tos", null, "0x" + Integer.toHexString(tos));
            p.text(tos == 1 ? "tos inherit " : "tos 0x" + Integer.toHexString(tos) + " ");
        }
        if (d.has(28) && d.u8(28) != 0) {
            p.str(Mode.ANY, "ttl", "ttl %s ", "inherit");
        } else if (d.has(5)) {
            int ttl = d.u8(5);
            p.num(Mode.JSON, "ttl", null, ttl);
            p.text(ttl == 0 ? "ttl auto " : "ttl " + ttl + " ");
        }
        if (d.has(29)) {
            int df = d.u8(29);
            if (df == 0) {
                p.str(Mode.JSON, "df", null, "unset");
            } else {
                p.str(Mode.ANY, "df", "df %s ", df == 1 ? "set" : "inherit");
            }
        }
        if (d.has(26) && d.u32(26) != 0) {
            p.str(Mode.ANY, "label", "flowlabel %s ", "0x" + Integer.toHexString(Integer.reverseBytes((int) d.u32(26))));
        }
        if (d.has(8)) {
            long age = d.u32(8);
            p.num(Mode.ANY, "ageing", age == 0 ? "ageing none " : "ageing %d ", age);
        }
        if (d.has(9) && d.u32(9) != 0) {
            p.num(Mode.ANY, "limit", "maxaddr %d ", d.u32(9));
        }
        csum(d, 18, "udp_csum", "udpcsum ");
        csum(d, 19, "udp_zero_csum6_tx", "udp6zerocsumtx ");
        csum(d, 20, "udp_zero_csum6_rx", "udp6zerocsumrx ");
        boolFlag(d, 21, "remcsum_tx", "remcsumtx ");
        boolFlag(d, 22, "remcsum_rx", "remcsumrx ");
        if (d.has(23)) {
            p.bool(Mode.ANY, "gbp", "gbp ", true);
        }
        if (d.has(27)) {
            p.bool(Mode.ANY, "gpe", "gpe ", true);
        }
    }

    private void boolFlag(Attrs d, int type, String key, String text) {
        if (d.has(type) && d.u8(type) != 0) {
            p.bool(Mode.ANY, key, text, true);
        }
    }

    private void csum(Attrs d, int type, String key, String text) {
        if (d.has(type)) {
            boolean v = d.u8(type) != 0;
            p.bool(Mode.JSON, key, null, v);
            p.text((v ? "" : "no") + text);
        }
    }

    // ------------------------------------------------------------------ tun (IFLA_TUN_*)

    private void tun(Attrs d) {
        if (d.has(3)) {
            int t = d.u8(3);
            p.str(Mode.ANY, "type", "type %s ", t == 1 ? "tun" : t == 2 ? "tap" : "UNKNOWN");
        }
        onOff(d, 4, "pi", "pi");
        onOff(d, 5, "vnet_hdr", "vnet_hdr");
        if (d.has(7)) {
            boolean mq = d.u8(7) != 0;
            p.bool(Mode.JSON, "multi_queue", null, mq);
            if (mq) {
                p.text("multi_queue ");
                u32(d, 8, "numqueues", "numqueues %d ");
                u32(d, 9, "numdisabled", "numdisabled %d ");
            }
        }
        onOff(d, 6, "persist", "persist");
        if (d.has(1) && d.s32(1) != -1) {
            p.num(Mode.ANY, "user", "user %d ", d.u32(1));
        }
        if (d.has(2) && d.s32(2) != -1) {
            p.num(Mode.ANY, "group", "group %d ", d.u32(2));
        }
    }

    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }
}
