// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.cli.Printer.Mode;
import io.netns.netlink.Family;
import io.netns.netlink.route.NextHop;
import io.netns.netlink.route.Route;
import io.netns.netlink.route.RouteProtocol;
import io.netns.netlink.route.RouteType;
import io.netns.netlink.Scope;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static io.netns.netlink.wire.Rta.*;
import static io.netns.netlink.wire.Rtax.*;
import static io.netns.netlink.wire.Rtm.RTM_F_CLONED;
import static io.netns.netlink.wire.Rtm.RTM_F_NOTIFY;
import static io.netns.netlink.wire.Rtm.RTM_F_OFFLOAD;
import static io.netns.netlink.wire.Rtm.RTM_F_OFFLOAD_FAILED;
import static io.netns.netlink.wire.Rtm.RTM_F_TRAP;
import static io.netns.netlink.wire.Rtnh.*;
import static io.netns.netlink.wire.RtTable.RT_TABLE_MAIN;
import static io.netns.netlink.wire.RtTable.RT_TABLE_UNSPEC;

/** Prints a route as ip's print_route does (ip route show/get, ip monitor route). */
final class RoutePrinter {
    /** RTNH_F_* and RTM_F_* bits in the order print_rt_flags prints them. */
    private static final int[] RT_FLAG_BITS = {RTNH_F_DEAD, RTNH_F_ONLINK, RTNH_F_PERVASIVE, RTNH_F_OFFLOAD,
            RTNH_F_TRAP, RTM_F_NOTIFY, RTNH_F_LINKDOWN, RTNH_F_UNRESOLVED, RTM_F_OFFLOAD, RTM_F_TRAP,
            RTM_F_OFFLOAD_FAILED};
    private static final String[] RT_FLAG_NAMES = {"dead", "onlink", "pervasive", "offload", "trap", "notify",
            "linkdown", "unresolved", "rt_offload", "rt_trap", "rt_offload_failed"};

    /** ip's names of RTAX_LOCK .. RTAX_FASTOPEN_NO_COOKIE, by number. */
    private static final String[] METRIC_NAMES = {null, "lock", "mtu", "window", "rtt", "rttvar", "ssthresh", "cwnd",
            "advmss", "reordering", "hoplimit", "initcwnd", "features", "rto_min", "initrwnd", "quickack", "congctl",
            "fastopen_no_cookie"};

    /** RTCF_* cache flags of a cloned IPv4 route, in ip's order. */
    private static final int[] CACHE_BITS = {0x80000000, 0x40000000, 0x20000000, 0x10000000, 0x08000000, 0x00800000,
            0x00400000, 0x00020000, 0x04000000, 0x00040000, 0x01000000, 0x00200000, 0x00010000, 0x00080000};
    private static final String[] CACHE_NAMES = {"local", "reject", "mc", "brd", "dst-nat", "src-nat", "masq",
            "dst-direct", "src-direct", "redirected", "redirect", "fastroute", "notify", "proxy"};

    private final Session s;
    private final Printer p;
    /** Listing for one device: ip then does not print "dev". */
    private boolean devFiltered;

    RoutePrinter(Session s, Printer p) {
        this.s = s;
        this.p = p;
    }

    RoutePrinter devFiltered(boolean filtered) {
        this.devFiltered = filtered;
        return this;
    }

    /**
     * @param tableFiltered whether the listing asked for one table (ip then does not print it)
     * @param deleted whether this is an RTM_DELROUTE event
     */
    void print(Route r, boolean tableFiltered, boolean deleted) {
        boolean details = s.opt.details();
        AttrIndex raw = AttrIndex.of(r.unknown(), "route " + r.destination());
        if (deleted) {
            p.bool(Mode.ANY, "deleted", "Deleted ", true);
        }
        if (!r.type().equals(RouteType.UNICAST) || details) {
            p.str(Mode.ANY, "type", "%s ", r.type().toString());
        }
        p.str(Mode.ANY, "dst", "%s ", r.destination().prefixLength() == 0 && r.destination().address().isAnyLocalAddress()
                ? "default" : r.destination().toString());
        r.source().ifPresent(src -> p.str(Mode.ANY, "from", "from %s ", src.toString()));
        if (r.tos() != 0) {
            p.str(Mode.ANY, "tos", "tos %s ", "0x" + String.format("%02x", r.tos()));
        }
        r.gateway().ifPresent(g -> p.str(Mode.ANY, "gateway", "via %s ", AddrPrinter.format(g)));
        if (r.outputInterface().isPresent() && !devFiltered) {
            p.str(Mode.ANY, "dev", "dev %s ", s.linkName(r.outputInterface().getAsInt()));
        }
        long table = r.table();
        if (table != RT_TABLE_UNSPEC && (table != RT_TABLE_MAIN || details) && !tableFiltered) {
            p.str(Mode.ANY, "table", "table %s ", IpNames.table(table));
        }
        if ((r.flags() & RTM_F_CLONED) == 0) {
            if (!r.protocol().equals(RouteProtocol.BOOT) || details) {
                p.str(Mode.ANY, "protocol", "proto %s ", r.protocol().toString());
            }
            if (!r.scope().equals(Scope.UNIVERSE) || details) {
                p.str(Mode.ANY, "scope", "scope %s ", r.scope().toString());
            }
        }
        r.preferredSource().ifPresent(a -> p.str(Mode.ANY, "prefsrc", "src %s ", AddrPrinter.format(a)));
        if (r.priority().isPresent()) {
            p.num(Mode.ANY, "metric", "metric %d ", r.priority().getAsLong());
        }
        flags(r.flags());
        if (raw.has(RTA_MARK) && raw.u32(RTA_MARK) != 0) {
            long mark = raw.u32(RTA_MARK);
            p.num(Mode.ANY, "mark", mark >= 16 ? "mark 0x" + Long.toHexString(mark) + " " : "mark %d ", mark);
        }
        if (raw.has(RTA_FLOW)) {
            long to = raw.u32(RTA_FLOW);
            long from = to >>> 16;
            to &= 0xffff;
            p.text("realm" + (from != 0 ? "s " + from + "/" : " ") + to + " ");
        }
        if (raw.has(RTA_UID)) {
            p.num(Mode.ANY, "uid", "uid %d ", raw.u32(RTA_UID));
        }
        if (r.family().equals(Family.INET) && (r.flags() & RTM_F_CLONED) != 0) {
            cacheFlags(r.flags());
        }
        if (raw.has(RTA_CACHEINFO)) {
            cacheInfo(raw.bytes(RTA_CACHEINFO));
        }
        if (raw.has(RTA_METRICS)) {
            metrics(raw.nested(RTA_METRICS));
        }
        if (r.inputInterface().isPresent()) {
            p.str(Mode.ANY, "iif", "iif %s ", s.linkName(r.inputInterface().getAsInt()));
        }
        if (raw.has(RTA_PREF)) {
            int pref = raw.u8(RTA_PREF);
            p.str(Mode.ANY, "pref", "pref %s", pref == ICMPV6_ROUTER_PREF_LOW ? "low"
                    : pref == ICMPV6_ROUTER_PREF_MEDIUM ? "medium" : pref == ICMPV6_ROUTER_PREF_HIGH ? "high"
                    : Integer.toString(pref));
        }
        if (!r.nextHops().isEmpty()) {
            nextHops(r);
        }
        p.text("\n");
    }

    /** print_rt_flags: a JSON array, words in text. */
    private void flags(int flags) {
        p.openArray(Mode.JSON, "flags", null);
        for (int i = 0; i < RT_FLAG_BITS.length; i++) {
            if ((flags & RT_FLAG_BITS[i]) != 0) {
                p.str(Mode.ANY, null, "%s ", RT_FLAG_NAMES[i]);
            }
        }
        p.closeArray(Mode.JSON, null);
    }

    private void cacheFlags(int rtmFlags) {
        int flags = rtmFlags & ~0xffff;
        p.openArray(Mode.JSON, "cache", null);
        p.text("\n    cache ");
        if (!p.isJson() && flags == 0) {
            return;
        }
        StringBuilder text = new StringBuilder("<");
        for (int i = 0; i < CACHE_BITS.length; i++) {
            if ((flags & CACHE_BITS[i]) != 0) {
                flags &= ~CACHE_BITS[i];
                p.str(Mode.JSON, null, null, CACHE_NAMES[i]);
                text.append(CACHE_NAMES[i]).append(flags != 0 ? "," : "> ");
            }
        }
        if (flags != 0) {
            text.append(Integer.toHexString(flags)).append("> ");
        }
        p.text(text.toString());
        p.closeArray(Mode.JSON, null);
    }

    /** struct rta_cacheinfo: expires and error, as ip prints them without -s. */
    private void cacheInfo(byte[] ci) {
        // struct rta_cacheinfo { __u32 rta_clntref, rta_lastuse; __s32 rta_expires; __u32 rta_error; ... }
        if (ci.length < 16) {
            return;
        }
        MemorySegment b = MemorySegment.ofArray(ci);
        int expires = b.get(ValueLayout.JAVA_INT_UNALIGNED, 8);
        int error = b.get(ValueLayout.JAVA_INT_UNALIGNED, 12);
        if (expires != 0) {
            p.num(Mode.ANY, "expires", "expires %dsec ", expires / 100);
        }
        if (error != 0) {
            p.num(Mode.ANY, "error", "error %d ", Integer.toUnsignedLong(error));
        }
    }

    /** print_rta_metrics: {@code "metrics":[{"mtu":1400}]}, {@code mtu 1400} in text. */
    private void metrics(AttrIndex mx) {
        long lock = mx.has(RTAX_LOCK) ? mx.u32(RTAX_LOCK) : 0;
        p.openArray(Mode.JSON, "metrics", null);
        p.openObject(null);
        for (int i = RTAX_MTU; i < METRIC_NAMES.length; i++) {
            if (!mx.has(i) && (lock & (1L << i)) == 0) {
                continue;
            }
            if (i == RTAX_CC_ALGO) {
                p.text("congctl " + ((lock & (1L << i)) != 0 ? "lock " : ""));
                p.str(Mode.ANY, "congestion", "%s ", mx.has(i) ? mx.str(i) : "");
                continue;
            }
            long val = mx.has(i) ? mx.u32(i) : 0;
            if (i == RTAX_HOPLIMIT && (int) val == -1) {
                continue;
            }
            p.text(METRIC_NAMES[i] + " " + ((lock & (1L << i)) != 0 ? "lock " : ""));
            p.num(Mode.ANY, METRIC_NAMES[i], "%d ", val);
        }
        p.closeObject();
        p.closeArray(Mode.JSON, null);
    }

    private void nextHops(Route r) {
        p.openArray(Mode.JSON, "nexthops", null);
        for (NextHop nh : r.nextHops()) {
            p.openObject(null);
            p.text("\n\tnexthop ");
            nh.gateway().ifPresent(g -> p.str(Mode.ANY, "gateway", "via %s ", AddrPrinter.format(g)));
            p.str(Mode.ANY, "dev", "dev %s ", nh.interfaceIndex() == 0 ? "*" : s.linkName(nh.interfaceIndex()));
            p.num(Mode.ANY, "weight", "weight %d ", nh.weight());
            flags(nh.flags());
            p.closeObject();
        }
        p.closeArray(Mode.JSON, null);
    }

}
