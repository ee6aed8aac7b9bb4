// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;


import io.netns.netlink.Family;
import io.netns.netlink.MacAddress;
import io.netns.netlink.neighbour.Neighbour;
import io.netns.netlink.neighbour.NeighbourSpec;
import io.netns.netlink.neighbour.NudState;

import static io.netns.netlink.wire.Ntf.NTF_EXT_LEARNED;
import static io.netns.netlink.wire.Ntf.NTF_PROXY;
import static io.netns.netlink.wire.Nud.NUD_NOARP;
import static io.netns.netlink.wire.Nud.NUD_NONE;
import static io.netns.netlink.wire.Nud.NUD_PERMANENT;

/** {@code ip neigh add|del|replace|show}. */
final class NeighCmd {
    /** What ip shows by default: every state but NOARP (and entries in state NONE are hidden). */
    private static final int DEFAULT_STATES = 0xff & ~NUD_NOARP;

    private final Session s;

    NeighCmd(Session s) {
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
        if (Args.matches(cmd, "show") || Args.matches(cmd, "lst") || Args.matches(cmd, "list")) {
            return show(a);
        }
        throw CliException.unknownCommand(cmd, "neigh");
    }

    private int modify(Args a, Verb verb) {
        String dst = null;
        String lladdr = null;
        String dev = null;
        int nud = NUD_PERMANENT;
        while (a.has()) {
            String w = a.peek();
            if (Args.matches(w, "lladdr")) {
                lladdr = a.nextArgOnce("lladdr", lladdr != null);
            } else if (w.equals("nud")) {
                String v = a.nextArg();
                nud = NeighPrinter.parseNud(v);
                if (nud < 0) {
                    throw CliException.invarg("nud state is bad", v);
                }
            } else if (w.equals("dev")) {
                dev = a.nextArg();
            } else {
                if (w.equals("to")) {
                    w = a.nextArg();
                }
                if (dst != null) {
                    throw CliException.duparg2("to", w);
                }
                dst = w;
            }
            a.take();
        }
        if (dev == null || dst == null) {
            throw new CliException(CliException.USAGE, "Device and destination are required arguments.");
        }
        String addr = AddrPrinter.format(AddrCmd.prefix(dst, s.opt.family()).address());
        if (lladdr != null && !lladdr.equals("null")) {
            try {
                MacAddress.parse(lladdr);
            } catch (IllegalArgumentException e) {
                throw CliException.invarg("invalid lladdr\n", lladdr);
            }
        }
        s.requireLink(dev);
        NeighbourSpec spec = NeighbourSpec.of(addr, dev);
        if (lladdr != null && !lladdr.equals("null")) {
            spec = spec.linkAddress(lladdr);
        }
        if (nud > 0) {
            spec = spec.state(NudState.of(nud));
        }
        var h = s.rt().neighbours();
        verb.apply(spec, h::add, h::replace, h::del);
        return 0;
    }

    private int show(Args a) {
        String dev = null;
        int states = DEFAULT_STATES;
        boolean showNone = false;
        while (a.has()) {
            String w = a.take();
            if (w.equals("nud")) {
                a.back();
                String v = a.value();
                if (v.equals("all")) {
                    states = 0xff;
                    showNone = true;
                } else {
                    int n = NeighPrinter.parseNud(v);
                    if (n < 0) {
                        throw CliException.invarg("nud state is bad", v);
                    }
                    states = n;
                    showNone = n == 0;
                }
            } else {
                if (w.equals("dev")) {
                    a.back();
                    w = a.value();
                }
                dev = w;
            }
        }
        int index = dev == null ? 0 : s.linkIndex(dev);
        if (dev != null && index == 0) {
            throw new CliException(1, "Cannot find device \"" + dev + "\"");
        }
        Printer p = s.printer();
        NeighPrinter np = new NeighPrinter(s, p);
        for (Neighbour n : s.rt().neighbours().list(s.opt.family())) {
            if (index != 0 && n.index() != index) {
                continue;
            }
            if (!n.family().equals(Family.INET) && !n.family().equals(Family.INET6)) {
                continue;
            }
            boolean proxyOrExtern = (n.flags() & (NTF_PROXY | NTF_EXT_LEARNED)) != 0;
            int state = n.state().number();
            if ((state & states) == 0 && !proxyOrExtern && (state != NUD_NONE || !showNone)) {
                continue;
            }
            p.openObject(null);
            np.neighbour(n, index != 0, false);
            p.closeObject();
        }
        p.flush();
        return 0;
    }
}
