// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;


import io.netns.netlink.Family;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.NetlinkException;
import io.netns.netlink.Scope;
import io.netns.netlink.address.Address;
import io.netns.netlink.address.AddressSpec;

import java.net.Inet4Address;
import java.net.InetAddress;

/** {@code ip address add|del|replace|show|flush}. */
final class AddrCmd {
    private final Session s;

    AddrCmd(Session s) {
        this.s = s;
    }

    int run(Args a) {
        if (!a.has()) {
            return new LinkCmd(s).show(a, false);
        }
        String cmd = a.take();
        Verb verb = Verb.of(cmd, true);
        if (verb != null) {
            return modify(a, verb);
        }
        if (Args.matches(cmd, "list") || Args.matches(cmd, "show") || Args.matches(cmd, "lst")) {
            return new LinkCmd(s).show(a, false);
        }
        if (Args.matches(cmd, "flush")) {
            return flush(a);
        }
        throw CliException.unknownCommand(cmd, "address");
    }

    /** get_prefix / get_addr: an address of the command's family, or ip's message (exit 1). */
    static IpPrefix prefix(String text, Family family) {
        try {
            IpPrefix p = IpPrefix.parse(text);
            if (!family.equals(Family.UNSPEC) && !p.family().equals(family)) {
                throw new IllegalArgumentException(text);
            }
            return p;
        } catch (IllegalArgumentException e) {
            throw new CliException(1, "Error: any valid prefix is expected rather than \"" + text + "\".");
        }
    }

    private int modify(Args a, Verb verb) {
        IpPrefix local = null;
        String peer = null;
        String brd = null;
        String label = null;
        String dev = null;
        Scope scope = null;
        long valid = -1;
        long preferred = -1;
        boolean noDad = false;
        boolean noPrefixRoute = false;
        while (a.has()) {
            String w = a.peek();
            if (w.equals("peer") || w.equals("remote")) {
                peer = a.nextArgOnce("peer", peer != null);
            } else if (Args.matches(w, "broadcast") || w.equals("brd")) {
                brd = a.nextArgOnce("broadcast", brd != null);
            } else if (w.equals("scope")) {
                String v = a.nextArg();
                scope = IpNames.parseScope(v).orElseThrow(() -> CliException.invarg("invalid scope value.", v));
            } else if (w.equals("dev")) {
                dev = a.nextArg();
            } else if (w.equals("label")) {
                label = a.nextArg();
            } else if (Args.matches(w, "valid_lft")) {
                String v = a.nextArg();
                valid = v.equals("forever") ? 0xffffffffL : Args.u32(v, "valid_lft value");
            } else if (Args.matches(w, "preferred_lft")) {
                String v = a.nextArg();
                preferred = v.equals("forever") ? 0xffffffffL : Args.u32(v, "preferred_lft value");
            } else if (w.equals("nodad")) {
                noDad = true;
            } else if (w.equals("noprefixroute")) {
                noPrefixRoute = true;
            } else {
                if (w.equals("local")) {
                    w = a.nextArg();
                }
                if (Args.matches(w, "help")) {
                    throw new CliException(CliException.USAGE, "Usage: ip address {add|change|replace} IFADDR dev IFNAME");
                }
                if (local != null) {
                    throw CliException.duparg2("local", w);
                }
                local = prefix(w, s.opt.family());
            }
            a.take();
        }
        if (dev == null) {
            throw new CliException(1, "Not enough information: \"dev\" argument is required.");
        }
        if (label != null && !Args.matches(dev, label)) {
            throw new CliException(1, "\"dev\" (" + dev + ") must match \"label\" (" + label + ").");
        }
        if (local == null) {
            throw new CliException(1, "Not enough information: \"local\" argument is required.");
        }
        int index = s.requireLink(dev);
        AddressSpec spec = AddressSpec.of(local, index);
        if (peer != null) {
            IpPrefix pp = prefix(peer, local.family());
            // the peer's length is the address's (ip: ifa_prefixlen = peer.bitlen)
            spec = AddressSpec.of(new IpPrefix(local.address(), pp.prefixLength()), index).peer(
                    AddrPrinter.format(pp.address()));
        }
        if (brd != null && !verb.isDelete()) {
            String b = broadcast(brd, local);
            if (b != null) {
                spec = spec.broadcast(b);
            }
        }
        if (label != null) {
            spec = spec.label(label);
        }
        if (scope != null) {
            spec = spec.scope(scope);
        } else if (!verb.isDelete() && local.address() instanceof Inet4Address && (local.address().getAddress()[0] == 127)) {
            spec = spec.scope(Scope.HOST); // ip's default_scope: loopback addresses are host-scoped
        }
        if (noDad) {
            spec = spec.noDad();
        }
        if (noPrefixRoute) {
            spec = spec.noPrefixRoute();
        }
        if (valid >= 0 || preferred >= 0) {
            long v = valid >= 0 ? valid : 0xffffffffL;
            long pr = preferred >= 0 ? preferred : v;
            if (pr > v) {
                throw new CliException(CliException.USAGE, "preferred_lft is greater than valid_lft");
            }
            spec = spec.lifetimes(v, pr);
        }
        var h = s.rt().addresses();
        verb.apply(spec, h::add, h::replace, h::del);
        return 0;
    }

    /** {@code brd +} / {@code brd -} computed as ip does (IPv4, prefixes up to /30), else the address given. */
    private static String broadcast(String brd, IpPrefix local) {
        if (!brd.equals("+") && !brd.equals("-")) {
            return AddrPrinter.format(prefix(brd, local.family()).address());
        }
        if (!(local.address() instanceof Inet4Address) || local.prefixLength() > 30) {
            return null;
        }
        byte[] b = local.address().getAddress();
        int v = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int mask = local.prefixLength() == 0 ? 0 : -1 << (32 - local.prefixLength());
        int r = brd.equals("+") ? (v | ~mask) : (v & mask);
        try {
            return InetAddress.getByAddress(new byte[]{(byte) (r >>> 24), (byte) (r >>> 16), (byte) (r >>> 8), (byte) r})
                    .getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ip addr flush dev DEV}: deletes the device's addresses (of the -4/-6 family). */
    private int flush(Args a) {
        LinkCmd.Filter f = LinkCmd.parseFilter(a, s);
        if (f.dev == null) {
            throw new CliException(1, "Flush requires arguments.");
        }
        int index = s.requireLink(f.dev);
        for (Address ad : s.rt().addresses().ofDevice(f.dev)) {
            if (ad.index() != index || !s.opt.family().equals(Family.UNSPEC)
                    && !ad.family().equals(s.opt.family())) {
                continue;
            }
            try {
                s.rt().addresses().del(AddressSpec.of(ad.prefix(), index));
            } catch (NetlinkException gone) {
                // deleting a primary IPv4 address removes its secondaries: they may be gone already
            }
        }
        return 0;
    }
}
