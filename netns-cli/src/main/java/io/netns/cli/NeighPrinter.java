// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.cli.Printer.Mode;
import io.netns.netlink.neighbour.Neighbour;

import java.util.Locale;

import static io.netns.netlink.wire.Ntf.*;
import static io.netns.netlink.wire.Nud.*;

/** Prints a neighbour as ip's print_neigh does (ip neigh show, ip monitor neigh). */
final class NeighPrinter {
    /** NUD_* bits in the order ip prints them. */
    private static final int[] NUD_BITS = {NUD_INCOMPLETE, NUD_REACHABLE, NUD_STALE, NUD_DELAY, NUD_PROBE, NUD_FAILED,
            NUD_NOARP, NUD_PERMANENT};
    private static final String[] NUD_NAMES = {"INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED",
            "NOARP", "PERMANENT"};

    private final Session s;
    private final Printer p;

    NeighPrinter(Session s, Printer p) {
        this.s = s;
        this.p = p;
    }

    /** nud_state_a2n: a state name (any case) or number; -1 if unknown. */
    static int parseNud(String name) {
        String n = name.toUpperCase(Locale.ROOT);
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
}
