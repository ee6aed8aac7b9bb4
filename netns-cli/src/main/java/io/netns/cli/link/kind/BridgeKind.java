// SPDX-License-Identifier: Apache-2.0
package io.netns.cli.link.kind;

import io.netns.cli.Args;
import io.netns.cli.AttrIndex;
import io.netns.cli.LinkArgs;
import io.netns.cli.Printer;
import io.netns.cli.Printer.Mode;
import io.netns.cli.Session;
import io.netns.netlink.MacAddress;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.kind.VlanProtocol;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static io.netns.netlink.wire.IflaBr.*;

/** {@code type bridge} (iplink_bridge.c): no creation options here; {@code -d} prints IFLA_BR_*. */
final class BridgeKind implements LinkKindCli {
    @Override
    public String id() {
        return "bridge";
    }

    @Override
    public LinkSpec<?> parse(String name, LinkArgs link, Args a, Session s) {
        LinkKindCli.noOptions(id(), a);
        return link.withLowerDevice(LinkSpec.bridge(name), s);
    }

    @Override
    public boolean printsData() {
        return true;
    }

    @Override
    public void print(AttrIndex d, Printer p, Session s) {
        DataPrinter dp = new DataPrinter(p, d);
        dp.u32(IFLA_BR_FORWARD_DELAY, "forward_delay", "forward_delay %d ");
        dp.u32(IFLA_BR_HELLO_TIME, "hello_time", "hello_time %d ");
        dp.u32(IFLA_BR_MAX_AGE, "max_age", "max_age %d ");
        dp.u32(IFLA_BR_AGEING_TIME, "ageing_time", "ageing_time %d ");
        dp.u32(IFLA_BR_STP_STATE, "stp_state", "stp_state %d ");
        dp.u16(IFLA_BR_PRIORITY, "priority", "priority %d ");
        dp.u8(IFLA_BR_VLAN_FILTERING, "vlan_filtering", "vlan_filtering %d ");
        if (d.has(IFLA_BR_VLAN_PROTOCOL)) {
            VlanProtocol proto = VlanProtocol.of(d.u16Be(IFLA_BR_VLAN_PROTOCOL));
            p.str(Mode.ANY, "vlan_protocol", "vlan_protocol %s ", proto.isKnown() ? proto.toString()
                    : String.format("%04x", proto.number()));
        }
        dp.bridgeId(IFLA_BR_BRIDGE_ID, "bridge_id", "bridge_id %s ");
        dp.bridgeId(IFLA_BR_ROOT_ID, "root_id", "designated_root %s ");
        dp.u16(IFLA_BR_ROOT_PORT, "root_port", "root_port %d ");
        dp.u32(IFLA_BR_ROOT_PATH_COST, "root_path_cost", "root_path_cost %d ");
        dp.u8(IFLA_BR_TOPOLOGY_CHANGE, "topology_change", "topology_change %d ");
        dp.u8(IFLA_BR_TOPOLOGY_CHANGE_DETECTED, "topology_change_detected", "topology_change_detected %d ");
        dp.timer(IFLA_BR_HELLO_TIMER, "hello_timer", "hello_timer %7.2f ");
        dp.timer(IFLA_BR_TCN_TIMER, "tcn_timer", "tcn_timer %7.2f ");
        dp.timer(IFLA_BR_TOPOLOGY_CHANGE_TIMER, "topology_change_timer", "topology_change_timer %7.2f ");
        dp.timer(IFLA_BR_GC_TIMER, "gc_timer", "gc_timer %7.2f ");
        dp.u16(IFLA_BR_VLAN_DEFAULT_PVID, "vlan_default_pvid", "vlan_default_pvid %d ");
        dp.u8(IFLA_BR_VLAN_STATS_ENABLED, "vlan_stats_enabled", "vlan_stats_enabled %d ");
        dp.u8(IFLA_BR_VLAN_STATS_PER_PORT, "vlan_stats_per_port", "vlan_stats_per_port %d ");
        if (d.has(IFLA_BR_GROUP_FWD_MASK)) {
            p.str(Mode.ANY, "group_fwd_mask", "group_fwd_mask %s ", DataPrinter.mask(d.u16(IFLA_BR_GROUP_FWD_MASK)));
        }
        if (d.has(IFLA_BR_GROUP_ADDR)) {
            p.str(Mode.ANY, "group_addr", "group_address %s ", MacAddress.of(d.bytes(IFLA_BR_GROUP_ADDR)).toString());
        }
        dp.u8(IFLA_BR_MCAST_SNOOPING, "mcast_snooping", "mcast_snooping %d ");
        if (d.has(IFLA_BR_MULTI_BOOLOPT)) {
            // struct br_boolopt_multi { __u32 optval; __u32 optmask; }
            MemorySegment bo = MemorySegment.ofArray(d.bytes(IFLA_BR_MULTI_BOOLOPT));
            int val = bo.get(ValueLayout.JAVA_INT_UNALIGNED, 0);
            int mask = bo.get(ValueLayout.JAVA_INT_UNALIGNED, 4);
            // the two options ip 6.1 knows
            if ((mask & (1 << BR_BOOLOPT_NO_LL_LEARN)) != 0) {
                p.num(Mode.ANY, "no_linklocal_learn", "no_linklocal_learn %d ", (val >> BR_BOOLOPT_NO_LL_LEARN) & 1);
            }
            if ((mask & (1 << BR_BOOLOPT_MCAST_VLAN_SNOOPING)) != 0) {
                p.num(Mode.ANY, "mcast_vlan_snooping", "mcast_vlan_snooping %d ",
                        (val >> BR_BOOLOPT_MCAST_VLAN_SNOOPING) & 1);
            }
        }
        dp.u8(IFLA_BR_MCAST_ROUTER, "mcast_router", "mcast_router %d ");
        dp.u8(IFLA_BR_MCAST_QUERY_USE_IFADDR, "mcast_query_use_ifaddr", "mcast_query_use_ifaddr %d ");
        dp.u8(IFLA_BR_MCAST_QUERIER, "mcast_querier", "mcast_querier %d ");
        dp.u32(IFLA_BR_MCAST_HASH_ELASTICITY, "mcast_hash_elasticity", "mcast_hash_elasticity %d ");
        dp.u32(IFLA_BR_MCAST_HASH_MAX, "mcast_hash_max", "mcast_hash_max %d ");
        dp.u32(IFLA_BR_MCAST_LAST_MEMBER_CNT, "mcast_last_member_cnt", "mcast_last_member_count %d ");
        dp.u32(IFLA_BR_MCAST_STARTUP_QUERY_CNT, "mcast_startup_query_cnt", "mcast_startup_query_count %d ");
        dp.u64(IFLA_BR_MCAST_LAST_MEMBER_INTVL, "mcast_last_member_intvl", "mcast_last_member_interval %d ");
        dp.u64(IFLA_BR_MCAST_MEMBERSHIP_INTVL, "mcast_membership_intvl", "mcast_membership_interval %d ");
        dp.u64(IFLA_BR_MCAST_QUERIER_INTVL, "mcast_querier_intvl", "mcast_querier_interval %d ");
        dp.u64(IFLA_BR_MCAST_QUERY_INTVL, "mcast_query_intvl", "mcast_query_interval %d ");
        dp.u64(IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, "mcast_query_response_intvl", "mcast_query_response_interval %d ");
        dp.u64(IFLA_BR_MCAST_STARTUP_QUERY_INTVL, "mcast_startup_query_intvl", "mcast_startup_query_interval %d ");
        dp.u8(IFLA_BR_MCAST_STATS_ENABLED, "mcast_stats_enabled", "mcast_stats_enabled %d ");
        dp.u8(IFLA_BR_MCAST_IGMP_VERSION, "mcast_igmp_version", "mcast_igmp_version %d ");
        dp.u8(IFLA_BR_MCAST_MLD_VERSION, "mcast_mld_version", "mcast_mld_version %d ");
        dp.u8(IFLA_BR_NF_CALL_IPTABLES, "nf_call_iptables", "nf_call_iptables %d ");
        dp.u8(IFLA_BR_NF_CALL_IP6TABLES, "nf_call_ip6tables", "nf_call_ip6tables %d ");
        dp.u8(IFLA_BR_NF_CALL_ARPTABLES, "nf_call_arptables", "nf_call_arptables %d ");
    }
}
