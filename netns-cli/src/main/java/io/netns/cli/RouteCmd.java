// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;


import io.netns.netlink.Family;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.NetlinkException;
import io.netns.netlink.Scope;
import io.netns.netlink.route.Route;
import io.netns.netlink.route.RouteProtocol;
import io.netns.netlink.route.RouteSpec;
import io.netns.netlink.route.RouteType;
import io.netns.Errno;
import io.netns.netlink.wire.RtTable;
import io.netns.netlink.wire.Rtm;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code ip route add|replace|del|show|get}. */
final class RouteCmd {
    private final Session s;

    RouteCmd(Session s) {
        this.s = s;
    }

    int run(Args a) {
        if (!a.has()) {
            return show(a);
        }
        String cmd = a.take();
        Verb verb = Verb.of(cmd, true);
        if (verb != null) {
            return modify(a, verb);
        }
        if (Args.matches(cmd, "list") || Args.matches(cmd, "show") || Args.matches(cmd, "lst")) {
            return show(a);
        }
        if (Args.matches(cmd, "get")) {
            return get(a);
        }
        throw CliException.unknownCommand(cmd, "route");
    }

    /** One {@code nexthop via A dev D weight W} of a multipath route. */
    private record Hop(String via, String dev, int weight) {
    }

    private int modify(Args a, Verb verb) {
        String dst = null;
        RouteType type = null;
        String via = null;
        String dev = null;
        String src = null;
        long metric = -1;
        long table = -1;
        RouteProtocol proto = null;
        Scope scope = null;
        boolean onlink = false;
        long mtu = -1;
        List<Hop> hops = new ArrayList<>();
        while (a.has()) {
            String w = a.peek();
            switch (w) {
                case "src" -> src = valueOf(a);
                case "via" -> {
                    if (via != null) {
                        throw CliException.invarg("use nexthop syntax to specify multiple via\n", w);
                    }
                    via = valueOf(a);
                    if (via.equals("inet") || via.equals("inet6")) {
                        via = valueOf(a);
                    }
                }
                case "dev", "oif" -> dev = valueOf(a);
                case "onlink" -> onlink = true;
                case "mtu" -> {
                    String v = valueOf(a);
                    if (v.equals("lock")) {
                        v = valueOf(a);
                    }
                    mtu = Args.u32(v, "\"mtu\" value is invalid\n");
                }
                case "nexthop" -> {
                    parseHops(a, hops);
                    continue;
                }
                case "table" -> {
                    String v = valueOf(a);
                    table = IpNames.parseTable(v);
                    if (table < 0) {
                        throw CliException.invarg("\"table\" value is invalid\n", v);
                    }
                }
                case "scope" -> {
                    String v = valueOf(a);
                    scope = IpNames.parseScope(v).orElseThrow(
                            () -> CliException.invarg("invalid \"scope\" value\n", v));
                }
                default -> {
                    if (Args.matches(w, "metric") || Args.matches(w, "priority") || Args.matches(w, "preference")) {
                        metric = Args.u32(valueOf(a), "\"metric\" value is invalid\n");
                    } else if (Args.matches(w, "protocol")) {
                        String v = valueOf(a);
                        proto = IpNames.parseProtocol(v).orElseThrow(
                                () -> CliException.invarg("\"protocol\" value is invalid\n", v));
                    } else {
                        if (w.equals("to")) {
                            w = valueOf(a);
                            a.back();
                        }
                        Optional<RouteType> t = IpNames.routeTypeNamed(w);
                        if (t.isPresent()) {
                            type = t.get();
                            w = a.nextArg();
                        }
                        if (Args.matches(w, "help")) {
                            throw new CliException(CliException.USAGE, "Usage: ip route { add | del | replace } ROUTE");
                        }
                        if (dst != null) {
                            throw CliException.duparg2("to", w);
                        }
                        dst = w;
                    }
                }
            }
            a.take();
        }
        if (dst == null) {
            // ip sends the request and the kernel answers for a missing destination
            throw new CliException(2, "RTNETLINK answers: Invalid argument");
        }
        Family family = routeFamily(dst, via, src, hops);
        IpPrefix prefix = dst.equals("default") || dst.equals("all") || dst.equals("any")
                ? IpPrefix.any(family) : AddrCmd.prefix(dst, s.opt.family());
        if (!prefix.network().equals(prefix)) {
            throw new CliException(2, "Error: Invalid prefix for given prefix length.");
        }
        RouteSpec spec = RouteSpec.to(prefix);
        if (type != null) {
            spec = spec.type(type);
        }
        if (via != null) {
            spec = spec.via(sameFamily(via, prefix));
        }
        if (dev != null) {
            spec = spec.dev(s.requireLink(dev));
        }
        if (src != null) {
            spec = spec.src(sameFamily(src, prefix));
        }
        if (metric >= 0) {
            spec = spec.metric(metric);
        }
        if (table > 0) {
            spec = spec.table(table);
        }
        if (proto != null) {
            spec = spec.protocol(proto);
        }
        if (scope != null) {
            spec = spec.scope(scope);
        }
        if (onlink) {
            spec = spec.onlink();
        }
        if (mtu >= 0) {
            spec = spec.mtu((int) mtu);
        }
        for (Hop h : hops) {
            if (h.dev != null) {
                s.requireLink(h.dev);
            }
            spec = spec.nextHop(sameFamily(h.via, prefix), h.dev, h.weight);
        }
        var h = s.rt().routes();
        verb.apply(spec, h::add, h::replace, h::del);
        return 0;
    }

    private static String valueOf(Args a) {
        String v = a.nextArg();
        return v;
    }

    private String sameFamily(String addr, IpPrefix dst) {
        IpPrefix p = AddrCmd.prefix(addr, Family.UNSPEC);
        if (!p.family().equals(dst.family())) {
            // another family's gateway would be RTA_VIA, which the library does not encode
            throw new CliException(CliException.USAGE, "Error: inet address is expected rather than \"" + addr + "\".");
        }
        return AddrPrinter.format(p.address());
    }

    /** The route's family: -4/-6, else the first address given (a "default" follows its gateway). */
    private Family routeFamily(String dst, String via, String src, List<Hop> hops) {
        if (!s.opt.family().equals(Family.UNSPEC)) {
            return s.opt.family();
        }
        for (String t : new String[]{dst, via, src, hops.isEmpty() ? null : hops.get(0).via}) {
            if (t != null && !t.equals("default") && !t.equals("all") && !t.equals("any")) {
                return t.contains(":") ? Family.INET6 : Family.INET;
            }
        }
        return Family.INET;
    }

    private static void parseHops(Args a, List<Hop> hops) {
        while (a.has()) {
            String w = a.take();
            if (!w.equals("nexthop")) {
                throw new CliException(CliException.USAGE,
                        "Error: \"nexthop\" or end of line is expected instead of \"" + w + "\"");
            }
            if (!a.has()) {
                throw new CliException(CliException.USAGE, "Error: unexpected end of line after \"nexthop\"");
            }
            String via = null;
            String dev = null;
            int weight = 1;
            while (a.has() && !a.peek().equals("nexthop")) {
                String k = a.peek();
                switch (k) {
                    case "via" -> via = valueOf(a);
                    case "dev" -> dev = valueOf(a);
                    case "weight" -> {
                        String v = valueOf(a);
                        long n;
                        try {
                            n = Args.number(v);
                        } catch (NumberFormatException e) {
                            n = 0;
                        }
                        if (n < 1 || n > 256) {
                            throw CliException.invarg("\"weight\" is invalid\n", v);
                        }
                        weight = (int) n;
                    }
                    default -> throw new CliException(CliException.USAGE,
                            "Error: \"nexthop\" or end of line is expected instead of \"" + k + "\"");
                }
                a.take();
            }
            if (via == null) {
                throw new CliException(CliException.USAGE, "netns: a nexthop needs \"via ADDRESS\"");
            }
            hops.add(new Hop(via, dev, weight));
        }
    }

    // ------------------------------------------------------------------ show / get

    private int show(Args a) {
        long table = RtTable.RT_TABLE_MAIN;
        String dev = null;
        while (a.has()) {
            String w = a.take();
            if (w.equals("table")) {
                a.back();
                String v = a.value();
                table = v.equals("all") ? 0 : IpNames.parseTable(v);
                if (table < 0) {
                    throw CliException.invarg("table id value is invalid\n", v);
                }
            } else if (w.equals("dev") || w.equals("oif")) {
                a.back();
                dev = a.value();
            } else {
                throw new CliException(CliException.USAGE, "netns: route show supports only \"table\" and \"dev\", not \""
                        + w + "\"");
            }
        }
        // ip lists IPv4 only unless -6 or "table all" (which lists both)
        Family family = !s.opt.family().equals(Family.UNSPEC) ? s.opt.family() : table == 0 ? Family.UNSPEC : Family.INET;
        int oif = dev == null ? 0 : s.linkIndex(dev);
        if (dev != null && oif == 0) {
            throw new CliException(1, "Cannot find device \"" + dev + "\"");
        }
        List<Route> routes;
        try {
            routes = s.rt().routes().list(family, table);
        } catch (NetlinkException e) {
            throw dumpError(e, family); // an absent main table is listed as empty by the library, as by ip
        }
        Printer p = s.printer();
        RoutePrinter rp = new RoutePrinter(s, p).devFiltered(oif != 0);
        // ip prints "table" only when it listed every table
        boolean tableFiltered = table != 0;
        for (Route r : routes) {
            if ((r.flags() & Rtm.RTM_F_CLONED) != 0) {
                continue;
            }
            if (oif != 0 && r.outputInterface().orElse(0) != oif) {
                continue;
            }
            p.openObject(null);
            rp.print(r, tableFiltered, false);
            p.closeObject();
        }
        p.flush();
        return 0;
    }

    /**
     * The kernel's answer to a dump of a missing table; the library drops the extended ack that
     * comes with NLMSG_DONE, so the text ip prints is restored here.
     */
    private static CliException dumpError(NetlinkException e, Family family) {
        String msg = e.kernelMessage().orElse("");
        if (msg.isEmpty() && e.errno() == Errno.ENOENT) {
            msg = (family.equals(Family.INET6) ? "ipv6" : "ipv4") + ": FIB table does not exist.";
        }
        return new CliException(2, (msg.isEmpty() ? "RTNETLINK answers: " + IpNames.strerror(e.errno())
                : "Error: " + msg + (msg.endsWith(".") ? "" : ".")) + "\nDump terminated");
    }

    private int get(Args a) {
        String addr = null;
        while (a.has()) {
            String w = a.take();
            if (w.equals("to")) {
                a.back();
                w = a.value();
            }
            if (addr != null) {
                throw CliException.duparg2("to", w);
            }
            addr = w;
        }
        if (addr == null) {
            throw new CliException(CliException.USAGE, "need at least a destination address");
        }
        IpPrefix p = AddrCmd.prefix(addr, s.opt.family());
        InetAddress dst = p.address();
        Route r = s.rt().routes().get(dst);
        Printer pr = s.printer();
        pr.openObject(null);
        new RoutePrinter(s, pr).print(r, false, false);
        pr.closeObject();
        pr.flush();
        return 0;
    }

}
