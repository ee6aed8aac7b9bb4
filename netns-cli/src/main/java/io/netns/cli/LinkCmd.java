// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.NetworkNamespace;
import io.netns.cli.link.kind.LinkKindCli;
import io.netns.cli.link.kind.LinkKinds;
import io.netns.netlink.Family;
import io.netns.netlink.MacAddress;
import io.netns.netlink.address.Address;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.LinkUpdate;
import io.netns.cli.Printer.Mode;

import java.nio.charset.StandardCharsets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code ip link add|set|del|show}. */
public final class LinkCmd {
    private final Session s;

    LinkCmd(Session s) {
        this.s = s;
    }

    int run(Args a) {
        if (!a.has()) {
            return show(a, true);
        }
        String cmd = a.take();
        if (Args.matches(cmd, "add")) {
            return add(a);
        }
        if (Args.matches(cmd, "set") || Args.matches(cmd, "change")) {
            return set(a);
        }
        if (Args.matches(cmd, "delete")) {
            return delete(a);
        }
        if (Args.matches(cmd, "show") || Args.matches(cmd, "lst") || Args.matches(cmd, "list")) {
            return show(a, true);
        }
        throw CliException.unknownCommand(cmd, "link");
    }

    // ------------------------------------------------------------------ add

    private int add(Args a) {
        try (LinkArgs la = LinkArgs.parse(a, s)) {
            // ip checks the type first: "ip link add" and "ip link add foo" both say it is missing
            if (la.type == null) {
                throw new CliException(1, "Not enough information: \"type\" argument is required");
            }
            String name = la.name != null ? la.name : la.dev;
            if (name == null) {
                // ip lets the kernel choose a name here (bridge0); this CLI needs one
                throw new CliException(CliException.USAGE, "Not enough information: \"dev\" argument is required.");
            }
            checkName(name);
            LinkKindCli kind = LinkKinds.byId(la.type).filter(k -> !k.id().endsWith("_slave"))
                    .orElseThrow(() -> new CliException(2, "Error: Unknown device type."));
            LinkSpec<?> spec = kind.parse(name, la, a, s);
            if (la.mtu >= 0) {
                spec = spec.mtu((int) la.mtu);
            }
            if (la.address != null) {
                spec = spec.address(la.address);
            }
            if (la.txqlen >= 0) {
                spec = spec.txQueueLength((int) la.txqlen);
            }
            if (la.group >= 0) {
                spec = spec.group((int) la.group);
            }
            if (la.alias != null) {
                spec = spec.alias(la.alias);
            }
            if (Boolean.TRUE.equals(la.up)) {
                spec = spec.up();
            }
            if (la.master != null) {
                spec = spec.master(la.master);
            }
            if (la.netns != null) {
                spec = spec.namespace(la.netns);
            }
            s.rt().links().add(spec);
        }
        return 0;
    }

    /** Names the kernel would refuse: the library refuses them before sending, ip lets the kernel say it. */
    public static void checkName(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length > 15 || name.contains("/")
                || name.contains(":") || name.chars().anyMatch(Character::isWhitespace) || name.equals(".")
                || name.equals("..")) {
            throw new CliException(2, "Error: Attribute failed policy validation.");
        }
    }

    // ------------------------------------------------------------------ set

    private int set(Args a) {
        LinkArgs la = LinkArgs.parse(a, s);
        try {
            if (la.dev == null) {
                throw new CliException(CliException.USAGE, "Not enough information: \"dev\" argument is required.");
            }
            if (la.type != null) {
                throw new CliException(CliException.USAGE, "netns: \"type\" is not supported by ip link set here");
            }
            int index = s.requireLink(la.dev);
            LinkUpdate u = LinkUpdate.of();
            if (la.up != null) {
                u = la.up ? u.up() : u.down();
            }
            if (la.mtu >= 0) {
                if (la.mtu == 0) {
                    throw new CliException(2, "Error: mtu less than device minimum.");
                }
                u = u.mtu((int) la.mtu);
            }
            if (la.name != null) {
                checkName(la.name);
                u = u.name(la.name);
            }
            if (la.address != null) {
                u = u.address(MacAddress.parse(la.address));
            }
            if (la.txqlen >= 0) {
                u = u.txQueueLength((int) la.txqlen);
            }
            if (la.alias != null) {
                u = u.alias(la.alias);
            }
            if (la.group >= 0) {
                u = u.group((int) la.group);
            }
            if (la.noMaster) {
                u = u.noMaster();
            } else if (la.master != null) {
                u = u.master(la.master);
            }
            if (la.netns != null) {
                u = u.namespace(la.netns);
            }
            s.rt().links().set(index, u);
        } finally {
            la.close();
        }
        return 0;
    }

    // ------------------------------------------------------------------ delete

    private int delete(Args a) {
        String dev = null;
        while (a.has()) {
            String w = a.take();
            if (w.equals("dev")) {
                a.back();
                w = a.value();
            } else if (Args.matches(w, "help")) {
                throw new CliException(CliException.USAGE, "Usage: ip link delete DEVICE");
            }
            if (dev != null) {
                throw CliException.duparg2("dev", w);
            }
            dev = w;
        }
        if (dev == null) {
            throw new CliException(CliException.USAGE, "Not enough information: \"dev\" argument is required.");
        }
        s.rt().links().del(s.requireLink(dev));
        return 0;
    }

    // ------------------------------------------------------------------ show (shared with ip addr show)

    /** Filters of ipaddr_list_flush_or_save that this CLI supports. */
    static final class Filter {
        String dev;
        String master;
        String kind;
        boolean up;
        String label;
    }

    static Filter parseFilter(Args a, Session s) {
        Filter f = new Filter();
        while (a.has()) {
            String w = a.take();
            switch (w) {
                case "up" -> f.up = true;
                case "master" -> {
                    a.back();
                    f.master = a.value();
                    if (s.linkIndex(f.master) == 0) {
                        throw CliException.invarg("Device does not exist\n", f.master);
                    }
                }
                case "type" -> {
                    a.back();
                    f.kind = a.value();
                }
                case "label" -> {
                    a.back();
                    f.label = a.value();
                }
                default -> {
                    if (w.equals("dev")) {
                        a.back();
                        w = a.value();
                    } else if (Args.matches(w, "help")) {
                        throw new CliException(CliException.USAGE, "Usage: ip link show [ DEVICE ]");
                    }
                    if (f.dev != null) {
                        throw CliException.duparg2("dev", w);
                    }
                    f.dev = w;
                }
            }
        }
        if (f.dev != null && s.linkIndex(f.dev) == 0) {
            throw new CliException(1, "Device \"" + f.dev + "\" does not exist.");
        }
        return f;
    }

    static boolean accept(Filter f, Link l, Session s) {
        if (f.dev != null && !l.name().equals(f.dev)) {
            return false;
        }
        if (f.up && !l.isUp()) {
            return false;
        }
        if (f.master != null && l.master().orElse(0) != s.linkIndex(f.master)) {
            return false;
        }
        if (f.kind != null) {
            String k = f.kind;
            if (k.endsWith("_slave")) {
                return l.slaveKind().map(sk -> sk.equals(k.substring(0, k.length() - 6))).orElse(false);
            }
            return l.kind().map(k::equals).orElse(false);
        }
        return true;
    }

    /** ip link show, or with addresses: ip addr show. */
    int show(Args a, boolean doLink) {
        Filter f = parseFilter(a, s);
        Printer p = s.printer();
        LinkPrinter lp = new LinkPrinter(s, p);
        Map<Integer, List<Address>> addrs = doLink ? Map.of() : addressesByLink();
        Family fam = s.opt.family();
        for (Link l : s.rt().links().list()) {
            if (!accept(f, l, s)) {
                continue;
            }
            List<Address> mine = new ArrayList<>();
            if (!doLink) {
                for (Address ad : addrs.getOrDefault(l.index(), List.of())) {
                    if (!fam.equals(Family.UNSPEC) && !ad.family().equals(fam)) {
                        continue;
                    }
                    if (f.label != null && !ad.label().map(f.label::equals).orElse(false)) {
                        continue;
                    }
                    mine.add(ad);
                }
                // with a family or label filter, ip leaves out the links that have no matching address
                if ((!fam.equals(Family.UNSPEC) || f.label != null) && mine.isEmpty()) {
                    continue;
                }
            }
            p.openObject(null);
            boolean linkLine = doLink || fam.equals(Family.UNSPEC);
            lp.print(l, doLink, true, linkLine, !doLink && fam.equals(Family.INET6) && f.dev == null);
            if (!doLink) {
                p.openArray(Mode.JSON, "addr_info", null);
                for (Address ad : mine) {
                    p.openObject(null);
                    AddrPrinter.print(p, ad, null);
                    p.closeObject();
                }
                p.closeArray(Mode.JSON, null);
            }
            p.closeObject();
        }
        p.flush();
        return 0;
    }

    private Map<Integer, List<Address>> addressesByLink() {
        Map<Integer, List<Address>> m = new TreeMap<>();
        for (Address ad : s.rt().addresses().list()) {
            m.computeIfAbsent(ad.index(), k -> new ArrayList<>()).add(ad);
        }
        return m;
    }

    /** Opens the namespace {@code netns NS} names: a name, else a PID, as ip's netns_get_fd. */
    static NetworkNamespace openTarget(String arg) {
        try {
            return io.netns.Netns.open(arg);
        } catch (RuntimeException notNamed) {
            try {
                return io.netns.Netns.ofPid(Long.parseLong(arg));
            } catch (RuntimeException e) {
                throw CliException.invarg("Invalid \"netns\" value\n", arg);
            }
        }
    }
}
