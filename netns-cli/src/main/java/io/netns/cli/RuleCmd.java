// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;



import io.netns.netlink.Family;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.route.RouteType;
import io.netns.netlink.rule.Rule;
import io.netns.netlink.rule.RuleSpec;

import static io.netns.netlink.wire.FrAct.FR_ACT_TO_TBL;

/** {@code ip rule add|del|show}. */
final class RuleCmd {
    private final Session s;

    RuleCmd(Session s) {
        this.s = s;
    }

    int run(Args a) {
        if (!a.has()) {
            return show();
        }
        String cmd = a.take();
        if (Args.matches(cmd, "list") || Args.matches(cmd, "lst") || Args.matches(cmd, "show")) {
            return show();
        }
        Verb verb = Verb.of(cmd, false);
        if (verb != null) {
            return modify(a, verb);
        }
        throw CliException.unknownCommand(cmd, "rule");
    }

    private Family family() {
        return s.opt.family().equals(Family.INET6) ? Family.INET6 : Family.INET;
    }

    /** What {@code ip rule add|del} was given; unset fields are null / -1. */
    private static final class Sel {
        boolean not;
        IpPrefix from;
        IpPrefix to;
        long priority = -1;
        long table = -1;
        int action = -1;
        long fwmark = -1;
        long fwmask = -1;
        String iif;
        String oif;
    }

    private int modify(Args a, Verb verb) {
        if (!a.has()) {
            throw new CliException(1, "\"ip rule " + (verb.isDelete() ? "del" : "add") + "\" requires arguments.");
        }
        Family fam = s.opt.family();
        Sel sel = new Sel();
        while (a.has()) {
            String w = a.peek();
            if (w.equals("not")) {
                sel.not = true;
            } else if (w.equals("from") || w.equals("to")) {
                String v = a.nextArg();
                IpPrefix pfx = v.equals("all") || v.equals("any") || v.equals("default") ? null
                        : AddrCmd.prefix(v, fam);
                if (pfx != null) {
                    fam = pfx.family();
                }
                if (w.equals("from")) {
                    sel.from = pfx;
                } else {
                    sel.to = pfx;
                }
            } else if (Args.matches(w, "preference") || Args.matches(w, "order") || Args.matches(w, "priority")) {
                sel.priority = Args.u32(valueOf(a), "preference value is invalid\n");
            } else if (w.equals("fwmark")) {
                String v = valueOf(a);
                int slash = v.indexOf('/');
                sel.fwmark = Args.u32(slash < 0 ? v : v.substring(0, slash), "fwmark value is invalid\n");
                sel.fwmask = slash < 0 ? -1 : Args.u32(v.substring(slash + 1), "fwmask value is invalid\n");
            } else if (Args.matches(w, "table") || w.equals("lookup")) {
                String v = valueOf(a);
                sel.table = IpNames.parseTable(v);
                if (sel.table < 0) {
                    throw CliException.invarg("invalid table ID\n", v);
                }
            } else if (w.equals("dev") || w.equals("iif")) {
                sel.iif = valueOf(a);
            } else if (w.equals("oif")) {
                sel.oif = valueOf(a);
            } else {
                if (w.equals("type")) {
                    w = valueOf(a);
                }
                String type = w;
                sel.action = IpNames.routeTypeNamed(type)
                        .orElseThrow(() -> CliException.invarg("Failed to parse rule type", type)).number();
            }
            a.take();
        }
        Family family = fam.equals(Family.UNSPEC) ? Family.INET : fam;
        var h = s.rt().rules();
        verb.apply(spec(sel, family), h::add, null, h::del);
        return 0;
    }

    private static String valueOf(Args a) {
        String v = a.nextArg();
        return v;
    }

    private RuleSpec spec(Sel sel, Family family) {
        RuleSpec r = RuleSpec.of(family);
        if (sel.from != null) {
            r = r.from(sel.from);
        }
        if (sel.to != null) {
            r = r.to(sel.to.toString());
        }
        if (sel.priority >= 0) {
            r = r.priority(sel.priority);
        }
        if (sel.action > FR_ACT_TO_TBL) {
            // the library keeps either a table or an action; ip sends both when both are given
            r = r.action(RouteType.of(sel.action));
        } else if (sel.table > 0) {
            r = r.table(sel.table);
        }
        if (sel.fwmark >= 0) {
            r = r.fwmark((int) sel.fwmark, (int) (sel.fwmask >= 0 ? sel.fwmask : 0xffffffffL));
        }
        if (sel.iif != null) {
            r = r.iif(sel.iif);
        }
        if (sel.oif != null) {
            r = r.oif(sel.oif);
        }
        if (sel.not) {
            r = r.not();
        }
        return r;
    }

    private int show() {
        Printer p = s.printer();
        RulePrinter rp = new RulePrinter(s, p);
        for (Rule r : s.rt().rules().list(family())) {
            p.openObject(null);
            rp.rule(r, false);
            p.closeObject();
        }
        p.flush();
        return 0;
    }
}
