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

import static io.netns.netlink.wire.IflaTun.*;
import static io.netns.netlink.wire.Tun.IFF_TAP;
import static io.netns.netlink.wire.Tun.IFF_TUN;

/**
 * {@code tun}/{@code tap} devices: ip creates them with {@code ip tuntap} (an ioctl), not
 * {@code ip link add}, so only the {@code -d} printer (iplink_tuntap.c) lives here.
 */
final class TunKind implements LinkKindCli {
    private final String id;

    TunKind(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public LinkSpec<?> parse(String name, LinkArgs link, Args a, Session s) {
        throw new CliException(2, "Error: tun/tap creation via rtnetlink is not supported.");
    }

    @Override
    public boolean printsData() {
        return id.equals("tun");
    }

    @Override
    public void print(AttrIndex d, Printer p, Session s) {
        DataPrinter dp = new DataPrinter(p, d);
        if (d.has(IFLA_TUN_TYPE)) {
            int t = d.u8(IFLA_TUN_TYPE);
            p.str(Mode.ANY, "type", "type %s ", t == IFF_TUN ? "tun" : t == IFF_TAP ? "tap" : "UNKNOWN");
        }
        dp.onOff(IFLA_TUN_PI, "pi", "pi");
        dp.onOff(IFLA_TUN_VNET_HDR, "vnet_hdr", "vnet_hdr");
        if (d.has(IFLA_TUN_MULTI_QUEUE)) {
            boolean mq = d.u8(IFLA_TUN_MULTI_QUEUE) != 0;
            p.bool(Mode.JSON, "multi_queue", null, mq);
            if (mq) {
                p.text("multi_queue ");
                dp.u32(IFLA_TUN_NUM_QUEUES, "numqueues", "numqueues %d ");
                dp.u32(IFLA_TUN_NUM_DISABLED_QUEUES, "numdisabled", "numdisabled %d ");
            }
        }
        dp.onOff(IFLA_TUN_PERSIST, "persist", "persist");
        if (d.has(IFLA_TUN_OWNER) && d.s32(IFLA_TUN_OWNER) != -1) {
            p.num(Mode.ANY, "user", "user %d ", d.u32(IFLA_TUN_OWNER));
        }
        if (d.has(IFLA_TUN_GROUP) && d.s32(IFLA_TUN_GROUP) != -1) {
            p.num(Mode.ANY, "group", "group %d ", d.u32(IFLA_TUN_GROUP));
        }
    }
}
