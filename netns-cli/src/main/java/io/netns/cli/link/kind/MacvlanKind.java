// SPDX-License-Identifier: Apache-2.0
package io.netns.cli.link.kind;

import io.netns.cli.Args;
import io.netns.cli.AttrIndex;
import io.netns.cli.CliException;
import io.netns.cli.LinkArgs;
import io.netns.cli.Printer;
import io.netns.cli.Printer.Mode;
import io.netns.cli.Session;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.kind.MacvlanMode;

import static io.netns.netlink.wire.IflaMacvlan.*;

/** {@code type macvlan|macvtap [mode MODE]} (iplink_macvlan.c: one link_util for both). */
final class MacvlanKind implements LinkKindCli {
    private final String id;

    MacvlanKind(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public LinkSpec<?> parse(String name, LinkArgs link, Args a, Session s) {
        MacvlanMode mode = MacvlanMode.BRIDGE;
        while (a.has()) {
            String w = a.peek();
            if (w.equals("mode")) {
                String m = a.nextArg();
                mode = MacvlanMode.parse(m).filter(x -> x.toString().equals(m)).orElseThrow(() -> new CliException(
                        CliException.USAGE, "Error: argument of \"mode\" must be \"private\", \"vepa\", \"bridge\", "
                        + "\"passthru\" or \"source\", not \"" + m + "\""));
            } else {
                throw new CliException(CliException.USAGE, id + ": unknown command \"" + w + "\"?");
            }
            a.take();
        }
        String parent = link.requireLowerDevice();
        return id.equals("macvtap") ? LinkSpec.macvtap(name, parent, mode) : LinkSpec.macvlan(name, parent, mode);
    }

    @Override
    public boolean printsData() {
        return true;
    }

    @Override
    public void print(AttrIndex d, Printer p, Session s) {
        if (d.has(IFLA_MACVLAN_MODE)) {
            MacvlanMode mode = MacvlanMode.of((int) d.u32(IFLA_MACVLAN_MODE));
            p.str(Mode.ANY, "mode", "mode %s ", mode.isKnown() ? mode.toString() : "unknown");
        }
        if (d.has(IFLA_MACVLAN_FLAGS)) {
            int flags = d.u16(IFLA_MACVLAN_FLAGS);
            if ((flags & MACVLAN_FLAG_NOPROMISC) != 0) {
                p.bool(Mode.ANY, "nopromisc", "nopromisc ", true);
            }
            if ((flags & MACVLAN_FLAG_NODST) != 0) {
                p.bool(Mode.ANY, "nodst", "nodst ", true);
            }
        }
        DataPrinter dp = new DataPrinter(p, d);
        dp.u32(IFLA_MACVLAN_BC_QUEUE_LEN, "bcqueuelen", "bcqueuelen %d ");
        dp.u32(IFLA_MACVLAN_BC_QUEUE_LEN_USED, "usedbcqueuelen", "usedbcqueuelen %d ");
    }
}
