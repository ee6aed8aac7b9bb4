// SPDX-License-Identifier: Apache-2.0
package io.netns.cli.link.kind;

import io.netns.cli.AttrIndex;
import io.netns.cli.Printer;
import io.netns.cli.Printer.Mode;
import io.netns.cli.Session;

import static io.netns.netlink.wire.IflaBrport.*;

/** A bridge port's IFLA_INFO_SLAVE_DATA (IFLA_BRPORT_*), as iplink_bridge_slave.c prints it. */
final class BridgeSlaveKind implements LinkKindCli {
    /** BR_STATE_DISABLED .. BR_STATE_BLOCKING. */
    private static final String[] PORT_STATES = {"disabled", "listening", "learning", "forwarding", "blocking"};

    @Override
    public String id() {
        return "bridge_slave";
    }

    @Override
    public boolean printsData() {
        return true;
    }

    @Override
    public void print(AttrIndex d, Printer p, Session s) {
        DataPrinter dp = new DataPrinter(p, d);
        if (d.has(IFLA_BRPORT_STATE)) {
            int st = d.u8(IFLA_BRPORT_STATE);
            p.str(Mode.ANY, "state", "state %s ", st <= BR_STATE_BLOCKING ? PORT_STATES[st] : Integer.toString(st));
        }
        dp.u16(IFLA_BRPORT_PRIORITY, "priority", "priority %d ");
        dp.u32(IFLA_BRPORT_COST, "cost", "cost %d ");
        dp.onOff(IFLA_BRPORT_MODE, "hairpin", "hairpin");
        dp.onOff(IFLA_BRPORT_GUARD, "guard", "guard");
        dp.onOff(IFLA_BRPORT_PROTECT, "root_block", "root_block");
        dp.onOff(IFLA_BRPORT_FAST_LEAVE, "fastleave", "fastleave");
        dp.onOff(IFLA_BRPORT_LEARNING, "learning", "learning");
        dp.onOff(IFLA_BRPORT_UNICAST_FLOOD, "flood", "flood");
        if (d.has(IFLA_BRPORT_ID)) {
            p.str(Mode.ANY, "id", "port_id %s ", "0x" + Integer.toHexString(d.u16(IFLA_BRPORT_ID)));
        }
        if (d.has(IFLA_BRPORT_NO)) {
            p.str(Mode.ANY, "no", "port_no %s ", "0x" + Integer.toHexString(d.u16(IFLA_BRPORT_NO)));
        }
        dp.u16(IFLA_BRPORT_DESIGNATED_PORT, "designated_port", "designated_port %d ");
        dp.u16(IFLA_BRPORT_DESIGNATED_COST, "designated_cost", "designated_cost %d ");
        dp.bridgeId(IFLA_BRPORT_BRIDGE_ID, "bridge_id", "designated_bridge %s ");
        dp.bridgeId(IFLA_BRPORT_ROOT_ID, "root_id", "designated_root %s ");
        dp.timer(IFLA_BRPORT_HOLD_TIMER, "hold_timer", "hold_timer %7.2f ");
        dp.timer(IFLA_BRPORT_MESSAGE_AGE_TIMER, "message_age_timer", "message_age_timer %7.2f ");
        dp.timer(IFLA_BRPORT_FORWARD_DELAY_TIMER, "forward_delay_timer", "forward_delay_timer %7.2f ");
        dp.u8(IFLA_BRPORT_TOPOLOGY_CHANGE_ACK, "topology_change_ack", "topology_change_ack %d ");
        dp.u8(IFLA_BRPORT_CONFIG_PENDING, "config_pending", "config_pending %d ");
        dp.onOff(IFLA_BRPORT_PROXYARP, "proxy_arp", "proxy_arp");
        dp.onOff(IFLA_BRPORT_PROXYARP_WIFI, "proxy_arp_wifi", "proxy_arp_wifi");
        dp.u8(IFLA_BRPORT_MULTICAST_ROUTER, "multicast_router", "mcast_router %d ");
        if (d.has(IFLA_BRPORT_FAST_LEAVE)) {
            // ip prints fast leave twice: once as "fastleave", once (text only) under its mcast name
            p.text("mcast_fast_leave " + DataPrinter.onOff(d.u8(IFLA_BRPORT_FAST_LEAVE) != 0) + " ");
        }
        dp.onOff(IFLA_BRPORT_MCAST_FLOOD, "mcast_flood", "mcast_flood");
        dp.onOff(IFLA_BRPORT_BCAST_FLOOD, "bcast_flood", "bcast_flood");
        dp.onOff(IFLA_BRPORT_MCAST_TO_UCAST, "mcast_to_unicast", "mcast_to_unicast");
        dp.onOff(IFLA_BRPORT_NEIGH_SUPPRESS, "neigh_suppress", "neigh_suppress");
        if (d.has(IFLA_BRPORT_GROUP_FWD_MASK)) {
            int mask = d.u16(IFLA_BRPORT_GROUP_FWD_MASK);
            p.str(Mode.ANY, "group_fwd_mask", "group_fwd_mask %s ", DataPrinter.mask(mask));
            p.str(Mode.ANY, "group_fwd_mask_str", "group_fwd_mask_str %s ", "0x" + Integer.toHexString(mask));
        }
        dp.onOff(IFLA_BRPORT_VLAN_TUNNEL, "vlan_tunnel", "vlan_tunnel");
        dp.onOff(IFLA_BRPORT_ISOLATED, "isolated", "isolated");
        if (d.has(IFLA_BRPORT_BACKUP_PORT)) {
            p.str(Mode.ANY, "backup_port", "backup_port %s ", s.linkName((int) d.u32(IFLA_BRPORT_BACKUP_PORT)));
        }
        dp.onOff(IFLA_BRPORT_LOCKED, "locked", "locked");
    }
}
