// SPDX-License-Identifier: Apache-2.0
package io.netns.cli.link.kind;

import io.netns.cli.AddrPrinter;
import io.netns.cli.Args;
import io.netns.cli.AttrIndex;
import io.netns.cli.CliException;
import io.netns.cli.LinkArgs;
import io.netns.cli.Printer;
import io.netns.cli.Printer.Mode;
import io.netns.cli.Session;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.kind.Vxlan;

import java.net.Inet4Address;
import java.net.InetAddress;

import static io.netns.netlink.wire.IflaVxlan.*;

/**
 * {@code type vxlan id VNI [dstport P] [dev D] [local A] [remote|group A] [ttl N|auto]
 * [[no]learning]} and the {@code -d} printer of IFLA_VXLAN_* (iplink_vxlan.c).
 */
final class VxlanKind implements LinkKindCli {
    private static final String PORT_WARNING = """
            vxlan: destination port not specified
            Will use Linux kernel default (non-standard value)
            Use 'dstport 4789' to get the IANA assigned value
            Use 'dstport 0' to get default and quiet this message
            """;

    @Override
    public String id() {
        return "vxlan";
    }

    @Override
    public LinkSpec<?> parse(String name, LinkArgs link, Args a, Session s) {
        long vni = -1;
        long port = -1;
        String device = null;
        String local = null;
        String remote = null;
        long ttl = -1;
        boolean noLearning = false;
        while (a.has()) {
            String w = a.peek();
            switch (w) {
                case "id", "vni" -> {
                    String v = a.nextArg();
                    vni = Args.u32(v, "invalid id\n");
                    if (vni >= 1 << 24) {
                        throw CliException.invarg("invalid id\n", v);
                    }
                }
                case "dstport" -> port = Args.u32(a.nextArg(), "dstport\n");
                case "dev" -> {
                    device = a.nextArg();
                    if (s.linkIndex(device) == 0) {
                        throw CliException.nodev(device);
                    }
                }
                case "local" -> local = a.nextArg();
                case "remote", "group" -> remote = a.nextArg();
                case "ttl", "hoplimit" -> {
                    String v = a.nextArg();
                    ttl = v.equals("auto") ? 0 : Args.u32(v, "invalid TTL\n");
                }
                case "nolearning" -> noLearning = true;
                case "learning" -> noLearning = false;
                default -> throw new CliException(CliException.USAGE, "vxlan: unknown command \"" + w + "\"?");
            }
            a.take();
        }
        if (vni < 0) {
            throw new CliException(CliException.USAGE, "vxlan: missing virtual network identifier");
        }
        Vxlan.Spec spec = LinkSpec.vxlan(name, (int) vni);
        if (port >= 0) {
            spec = spec.dstPort((int) port);
        }
        if (local != null) {
            spec = spec.local(local);
        }
        if (remote != null) {
            spec = spec.remote(remote);
        }
        if (ttl >= 0) {
            spec = spec.ttl((int) ttl);
        }
        if (noLearning) {
            spec = spec.noLearning();
        }
        if (device != null) {
            spec = spec.device(device);
        }
        LinkSpec<?> result = link.withLowerDevice(spec, s);
        if (port < 0) {
            s.err.print(PORT_WARNING);
        }
        return result;
    }

    @Override
    public boolean printsData() {
        return true;
    }

    private static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }

    @Override
    public void print(AttrIndex d, Printer p, Session s) {
        DataPrinter dp = new DataPrinter(p, d);
        if (d.has(IFLA_VXLAN_COLLECT_METADATA) && d.u8(IFLA_VXLAN_COLLECT_METADATA) != 0) {
            p.bool(Mode.ANY, "external", "external ", true);
        }
        dp.u32(IFLA_VXLAN_ID, "id", "id %d ");
        InetAddress group = d.has(IFLA_VXLAN_GROUP) ? d.ip(IFLA_VXLAN_GROUP)
                : d.has(IFLA_VXLAN_GROUP6) ? d.ip(IFLA_VXLAN_GROUP6) : null;
        if (group != null && !group.isAnyLocalAddress()) {
            String key = group.isMulticastAddress() ? "group" : "remote";
            // ip names the IPv6 ones remote6, group6, local6 in JSON
            p.str(Mode.ANY, isV4(group) ? key : key + "6", key + " %s ", AddrPrinter.format(group));
        }
        InetAddress local = d.has(IFLA_VXLAN_LOCAL) ? d.ip(IFLA_VXLAN_LOCAL)
                : d.has(IFLA_VXLAN_LOCAL6) ? d.ip(IFLA_VXLAN_LOCAL6) : null;
        if (local != null && !local.isAnyLocalAddress()) {
            p.str(Mode.ANY, isV4(local) ? "local" : "local6", "local %s ", AddrPrinter.format(local));
        }
        if (d.has(IFLA_VXLAN_LINK) && d.u32(IFLA_VXLAN_LINK) != 0) {
            p.str(Mode.ANY, "link", "dev %s ", s.linkName((int) d.u32(IFLA_VXLAN_LINK)));
        }
        if (d.has(IFLA_VXLAN_PORT_RANGE)) {
            // struct ifla_vxlan_port_range { __be16 low; __be16 high; }
            byte[] r = d.bytes(IFLA_VXLAN_PORT_RANGE);
            p.openObject("port_range");
            p.num(Mode.ANY, "low", "srcport %d ", ((r[0] & 0xff) << 8) | (r[1] & 0xff));
            p.num(Mode.ANY, "high", "%d ", ((r[2] & 0xff) << 8) | (r[3] & 0xff));
            p.closeObject();
        }
        if (d.has(IFLA_VXLAN_PORT)) {
            p.num(Mode.ANY, "port", "dstport %d ", d.u16Be(IFLA_VXLAN_PORT));
        }
        if (d.has(IFLA_VXLAN_LEARNING)) {
            boolean learning = d.u8(IFLA_VXLAN_LEARNING) != 0;
            p.bool(Mode.JSON, "learning", null, learning);
            if (!learning) {
                p.text("nolearning ");
            }
        }
        dp.boolFlag(IFLA_VXLAN_PROXY, "proxy", "proxy ");
        dp.boolFlag(IFLA_VXLAN_RSC, "rsc", "rsc ");
        dp.boolFlag(IFLA_VXLAN_L2MISS, "l2miss", "l2miss ");
        dp.boolFlag(IFLA_VXLAN_L3MISS, "l3miss", "l3miss ");
        if (d.has(IFLA_VXLAN_TOS) && d.u8(IFLA_VXLAN_TOS) != 0) {
            int tos = d.u8(IFLA_VXLAN_TOS);
            p.str(Mode.JSON, "tos", null, "0x" + Integer.toHexString(tos));
            p.text(tos == 1 ? "tos inherit " : "tos 0x" + Integer.toHexString(tos) + " ");
        }
        if (d.has(IFLA_VXLAN_TTL_INHERIT) && d.u8(IFLA_VXLAN_TTL_INHERIT) != 0) {
            p.str(Mode.ANY, "ttl", "ttl %s ", "inherit");
        } else if (d.has(IFLA_VXLAN_TTL)) {
            int ttl = d.u8(IFLA_VXLAN_TTL);
            p.num(Mode.JSON, "ttl", null, ttl);
            p.text(ttl == 0 ? "ttl auto " : "ttl " + ttl + " ");
        }
        if (d.has(IFLA_VXLAN_DF)) {
            int df = d.u8(IFLA_VXLAN_DF);
            if (df == VXLAN_DF_UNSET) {
                p.str(Mode.JSON, "df", null, "unset");
            } else {
                p.str(Mode.ANY, "df", "df %s ", df == VXLAN_DF_SET ? "set" : "inherit");
            }
        }
        if (d.has(IFLA_VXLAN_LABEL) && d.u32(IFLA_VXLAN_LABEL) != 0) {
            // a __be32 read in host order
            p.str(Mode.ANY, "label", "flowlabel %s ",
                    "0x" + Integer.toHexString(Integer.reverseBytes((int) d.u32(IFLA_VXLAN_LABEL))));
        }
        if (d.has(IFLA_VXLAN_AGEING)) {
            long age = d.u32(IFLA_VXLAN_AGEING);
            p.num(Mode.ANY, "ageing", age == 0 ? "ageing none " : "ageing %d ", age);
        }
        if (d.has(IFLA_VXLAN_LIMIT) && d.u32(IFLA_VXLAN_LIMIT) != 0) {
            p.num(Mode.ANY, "limit", "maxaddr %d ", d.u32(IFLA_VXLAN_LIMIT));
        }
        csum(p, d, IFLA_VXLAN_UDP_CSUM, "udp_csum", "udpcsum ");
        csum(p, d, IFLA_VXLAN_UDP_ZERO_CSUM6_TX, "udp_zero_csum6_tx", "udp6zerocsumtx ");
        csum(p, d, IFLA_VXLAN_UDP_ZERO_CSUM6_RX, "udp_zero_csum6_rx", "udp6zerocsumrx ");
        dp.boolFlag(IFLA_VXLAN_REMCSUM_TX, "remcsum_tx", "remcsumtx ");
        dp.boolFlag(IFLA_VXLAN_REMCSUM_RX, "remcsum_rx", "remcsumrx ");
        if (d.has(IFLA_VXLAN_GBP)) {
            p.bool(Mode.ANY, "gbp", "gbp ", true);
        }
        if (d.has(IFLA_VXLAN_GPE)) {
            p.bool(Mode.ANY, "gpe", "gpe ", true);
        }
    }

    /** A checksum option: JSON boolean, {@code [no]udpcsum} in text. */
    private static void csum(Printer p, AttrIndex d, int type, String key, String text) {
        if (d.has(type)) {
            boolean v = d.u8(type) != 0;
            p.bool(Mode.JSON, key, null, v);
            p.text((v ? "" : "no") + text);
        }
    }
}
