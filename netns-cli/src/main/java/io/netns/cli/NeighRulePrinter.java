package io.netns.cli;

import io.netns.cli.Printer.Mode;
import io.netns.netlink.Family;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.neighbour.Neighbour;
import io.netns.netlink.route.RouteProtocol;
import io.netns.netlink.route.RouteType;
import io.netns.netlink.rule.Rule;

import static io.netns.netlink.wire.FrAct.*;
import static io.netns.netlink.wire.Fra.*;
import static io.netns.netlink.wire.Ntf.*;
import static io.netns.netlink.wire.Nud.*;

/** Prints neighbours (ip's print_neigh) and rules (ip's print_rule). */
final class NeighRulePrinter {
    /** NUD_* bits in the order ip prints them. */
    private static final int[] NUD_BITS = {NUD_INCOMPLETE, NUD_REACHABLE, NUD_STALE, NUD_DELAY, NUD_PROBE, NUD_FAILED,
            NUD_NOARP, NUD_PERMANENT};
    private static final String[] NUD_NAMES = {"INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED",
            "NOARP", "PERMANENT"};

    private final Session s;
    private final Printer p;

    NeighRulePrinter(Session s, Printer p) {
        this.s = s;
        this.p = p;
    }

    /** nud_state_a2n: a state name (any case) or number; -1 if unknown. */
    static int parseNud(String name) {
        String n = name.toUpperCase(java.util.Locale.ROOT);
        for (int i = 0; i < NUD_NAMES.length; i++) {
            if (NUD_NAMES[i].equals(n)) {
                return NUD_BITS[i];
            }
        }
        if (n.equals("NONE")) {
            return NUD_NONE;
        }
        if (n.equals("ALL")) {
            return 0xff;
        }
        try {
            long v = Args.number(name);
            return v >= 0 && v <= 0xff ? (int) v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * @param devFiltered whether the listing was for one device (ip then omits "dev")
     * @param deleted whether this is an RTM_DELNEIGH event
     */
    void neighbour(Neighbour n, boolean devFiltered, boolean deleted) {
        if (deleted) {
            p.bool(Mode.ANY, "deleted", "Deleted ", true);
        }
        // a bridge forwarding entry (AF_BRIDGE, seen by monitor) has no IP address
        n.destination().ifPresent(d -> p.str(Mode.ANY, "dst", "%s ", AddrPrinter.format(d)));
        if (!devFiltered && n.index() != 0) {
            p.str(Mode.ANY, "dev", "dev %s ", s.linkName(n.index()));
        }
        n.linkAddress().ifPresent(m -> p.str(Mode.ANY, "lladdr", "lladdr %s ", m.toString()));
        int flags = n.flags();
        if ((flags & NTF_ROUTER) != 0) {
            p.nul(Mode.ANY, "router", "%s ", "router");
        }
        if ((flags & NTF_PROXY) != 0) {
            p.nul(Mode.ANY, "proxy", "%s ", "proxy");
        }
        if ((flags & NTF_EXT_LEARNED) != 0) {
            p.nul(Mode.ANY, "extern_learn", "%s ", "extern_learn");
        }
        if ((flags & NTF_OFFLOADED) != 0) {
            p.nul(Mode.ANY, "offload", "%s ", "offload");
        }
        int state = n.state().number();
        if (state != NUD_NONE) {
            p.openArray(Mode.JSON, "state", null);
            for (int i = 0; i < NUD_BITS.length; i++) {
                if ((state & NUD_BITS[i]) != 0) {
                    p.str(Mode.ANY, null, "%s ", NUD_NAMES[i]);
                }
            }
            p.closeArray(Mode.JSON, null);
        }
        p.text("\n");
    }

    void rule(Rule r, boolean deleted) {
        if (deleted) {
            p.bool(Mode.ANY, "deleted", "Deleted ", true);
        }
        int hostLen = r.family().equals(Family.INET6) ? 128 : 32;
        p.num(Mode.ANY, "priority", "%d:\t", r.priority().orElse(0));
        if ((r.flags() & FIB_RULE_INVERT) != 0) {
            p.nul(Mode.ANY, "not", "%s ", "not");
        }
        if (r.source().isPresent()) {
            IpPrefix src = r.source().get();
            p.text("from ");
            p.str(Mode.ANY, "src", "%s", AddrPrinter.format(src.address()));
            if (src.prefixLength() != hostLen) {
                p.num(Mode.ANY, "srclen", "/%d", src.prefixLength());
            }
        } else {
            p.str(Mode.ANY, "src", "from %s", "all");
        }
        if (r.destination().isPresent()) {
            IpPrefix dst = r.destination().get();
            p.text(" to ");
            p.str(Mode.ANY, "dst", "%s", AddrPrinter.format(dst.address()));
            if (dst.prefixLength() != hostLen) {
                p.num(Mode.ANY, "dstlen", "/%d", dst.prefixLength());
            }
        }
        if (r.tos() != 0) {
            p.str(Mode.ANY, "tos", " tos %s", String.format("0x%02x", r.tos()));
        }
        if (r.fwmark().isPresent() || r.fwmask().isPresent()) {
            long mark = Integer.toUnsignedLong(r.fwmark().orElse(0));
            long mask = Integer.toUnsignedLong(r.fwmask().orElse(-1));
            p.str(Mode.ANY, "fwmark", " fwmark %s", hex(mark));
            if (r.fwmask().isPresent() && mask != 0xffffffffL) {
                p.str(Mode.ANY, "fwmask", "/%s", hex(mask));
            }
        }
        r.inputInterface().ifPresent(i -> {
            p.text(" iif ");
            p.str(Mode.ANY, "iif", "%s", i);
            if ((r.flags() & FIB_RULE_IIF_DETACHED) != 0) {
                p.nul(Mode.ANY, "iif_detached", " %s", "[detached]");
            }
        });
        r.outputInterface().ifPresent(o -> {
            p.text(" oif ");
            p.str(Mode.ANY, "oif", "%s", o);
            if ((r.flags() & FIB_RULE_OIF_DETACHED) != 0) {
                p.nul(Mode.ANY, "oif_detached", " %s", "[detached]");
            }
        });
        long table = r.table();
        if (table != 0) {
            p.str(Mode.ANY, "table", " lookup %s", IpNames.table(table));
        }
        int action = r.action();
        if (action == FR_ACT_GOTO) {
            p.str(Mode.ANY, "action", " %s", "goto");
        } else if (action == FR_ACT_NOP) {
            p.nul(Mode.ANY, "nop", " %s", "nop");
        } else if (action != FR_ACT_TO_TBL) {
            // the other actions share their numbers with the route types (FR_ACT_BLACKHOLE = RTN_BLACKHOLE)
            p.str(Mode.ANY, "action", " %s", RouteType.of(action).toString());
        }
        RouteProtocol proto = r.protocol();
        if ((!proto.equals(RouteProtocol.UNSPEC) && !proto.equals(RouteProtocol.KERNEL)) || s.opt.details()) {
            p.str(Mode.ANY, "protocol", " proto %s", proto.toString());
        }
        p.text("\n");
    }

    /** print_0xhex's {@code %#llx}: "0" for zero, else 0x-prefixed. */
    static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }
}
