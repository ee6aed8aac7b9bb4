// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.cli.Printer.Mode;
import io.netns.netlink.Family;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.route.RouteProtocol;
import io.netns.netlink.route.RouteType;
import io.netns.netlink.rule.Rule;

import static io.netns.netlink.wire.FrAct.*;
import static io.netns.netlink.wire.Fra.*;

/** Prints a policy-routing rule as ip's print_rule does (ip rule show, ip monitor rule). */
final class RulePrinter {
    private final Session s;
    private final Printer p;

    RulePrinter(Session s, Printer p) {
        this.s = s;
        this.p = p;
    }

    /** @param deleted whether this is an RTM_DELRULE event */
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
