// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.cli.Printer.Mode;

import io.netns.netlink.Family;
import io.netns.netlink.NetlinkDecodeException;
import io.netns.netlink.address.Address;
import io.netns.netlink.event.NetlinkEvent;
import io.netns.netlink.event.NetlinkMonitor;
import io.netns.netlink.event.NetlinkMonitor.Group;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ip monitor [link] [address] [route] [neigh] [rule] [nsid]}: prints the kernel's change
 * events as ip does, until the thread is interrupted.
 */
final class MonitorCmd {
    private final Session s;

    MonitorCmd(Session s) {
        this.s = s;
    }

    int run(Args a) {
        Set<Group> groups = EnumSet.noneOf(Group.class);
        boolean v4 = !s.opt.family().equals(Family.INET6);
        boolean v6 = !s.opt.family().equals(Family.INET);
        while (a.has()) {
            String w = a.take();
            if (Args.matches(w, "link")) {
                groups.add(Group.LINK);
            } else if (Args.matches(w, "address")) {
                add(groups, v4, v6, Group.IPV4_ADDRESS, Group.IPV6_ADDRESS);
            } else if (Args.matches(w, "route")) {
                add(groups, v4, v6, Group.IPV4_ROUTE, Group.IPV6_ROUTE);
            } else if (Args.matches(w, "neigh")) {
                groups.add(Group.NEIGHBOUR);
            } else if (Args.matches(w, "rule")) {
                add(groups, v4, v6, Group.IPV4_RULE, Group.IPV6_RULE);
            } else if (Args.matches(w, "nsid")) {
                groups.add(Group.NSID);
            } else if (Args.matches(w, "all")) {
                groups.addAll(EnumSet.allOf(Group.class));
            } else if (Args.matches(w, "help")) {
                throw new CliException(CliException.USAGE, "Usage: ip monitor [ all | OBJECTS ]");
            } else {
                throw new CliException(CliException.USAGE, "Argument \"" + w + "\" is unknown, try \"ip monitor help\".");
            }
        }
        if (groups.isEmpty()) {
            groups.addAll(EnumSet.allOf(Group.class));
            if (!v4) {
                groups.removeAll(Set.of(Group.IPV4_ADDRESS, Group.IPV4_ROUTE, Group.IPV4_RULE));
            }
            if (!v6) {
                groups.removeAll(Set.of(Group.IPV6_ADDRESS, Group.IPV6_ROUTE, Group.IPV6_RULE));
            }
        }
        // monitor output is text: ip 6.1 prints it as text even with -j
        Printer p = new Printer(false, false, s.out);
        try (NetlinkMonitor m = NetlinkMonitor.open(s.namespace(), groups)) {
            while (!Thread.currentThread().isInterrupted()) {
                Optional<NetlinkEvent> ev;
                try {
                    ev = m.poll(Duration.ofMillis(200));
                } catch (NetlinkDecodeException e) {
                    // e.g. a bridge FDB entry (no NDA_DST) the library cannot decode: skip it
                    continue;
                }
                if (ev.isPresent()) {
                    print(p, ev.get());
                    p.flushText();
                }
            }
        }
        return 0;
    }

    private static void add(Set<Group> groups, boolean v4, boolean v6, Group g4, Group g6) {
        if (v4) {
            groups.add(g4);
        }
        if (v6) {
            groups.add(g6);
        }
    }

    private void print(Printer p, NetlinkEvent ev) {
        switch (ev) {
            case NetlinkEvent.LinkEvent e -> {
                if (e.action() == NetlinkEvent.Action.DEL) {
                    p.text("Deleted ");
                }
                s.rememberLink(e.link());
                new LinkPrinter(s, p).print(e.link(), false, false);
            }
            case NetlinkEvent.AddressEvent e -> {
                Address ad = e.address();
                String prefix = (e.action() == NetlinkEvent.Action.DEL ? "Deleted " : "") + ad.index() + ": "
                        + s.linkName(ad.index());
                AddrPrinter.print(p, ad, prefix);
            }
            case NetlinkEvent.RouteEvent e -> new RoutePrinter(s, p).print(e.route(), false,
                    e.action() == NetlinkEvent.Action.DEL);
            case NetlinkEvent.NeighbourEvent e -> new NeighPrinter(s, p).neighbour(e.neighbour(), false,
                    e.action() == NetlinkEvent.Action.DEL);
            case NetlinkEvent.RuleEvent e -> new RulePrinter(s, p).rule(e.rule(), e.action() == NetlinkEvent.Action.DEL);
            case NetlinkEvent.NsidEvent e -> {
                if (e.action() == NetlinkEvent.Action.DEL) {
                    p.text("Deleted ");
                }
                p.num(Mode.ANY, "nsid", "nsid %d ", e.nsid());
                String name = NetnsCmd.nameOfNsid(s, e.nsid());
                if (name != null) {
                    p.text("(iproute2 netns name: " + name + ")");
                }
                p.text("\n");
            }
            case NetlinkEvent.Overrun o -> p.text("netns: events were lost (overrun)\n");
            case NetlinkEvent.Undecodable u -> p.text("netns: undecodable " + u.messageType() + ": "
                    + u.error().getMessage() + "\n");
        }
    }
}
