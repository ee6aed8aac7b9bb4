package io.netns.cli;

import io.netns.netlink.*;
import io.netns.netlink.link.*;
import io.netns.netlink.link.kind.*;
import io.netns.netlink.address.*;
import io.netns.netlink.route.*;
import io.netns.netlink.neighbour.*;
import io.netns.netlink.rule.*;
import io.netns.netlink.nsid.*;
import io.netns.netlink.event.*;
import io.netns.NetworkNamespace;

/**
 * The generic options of {@code ip link add|set} (iplink_parse), up to {@code type KIND}: what is
 * not a keyword is the device name. Owns the namespace a {@code netns NS} option opened.
 */
final class LinkArgs implements AutoCloseable {
    String dev;
    String name;
    String link;
    String type;
    Boolean up;
    long mtu = -1;
    String address;
    long txqlen = -1;
    long group = -1;
    String alias;
    String master;
    boolean noMaster;
    NetworkNamespace netns;

    /** Parses until the end or past {@code type KIND} (the kind's own options follow). */
    static LinkArgs parse(Args a, Session s) {
        LinkArgs la = new LinkArgs();
        try {
            la.parseWords(a, s);
        } catch (RuntimeException e) {
            la.close();
            throw e;
        }
        return la;
    }

    /** Parses the words of a veth peer ({@code peer [name] NAME [mtu N] [address MAC] [netns NS]}). */
    static LinkArgs parsePeer(Args a, Session s) {
        return parse(a, s);
    }

    private void parseWords(Args a, Session s) {
        while (a.has()) {
            String w = a.peek();
            if (w.equals("up")) {
                up = true;
            } else if (w.equals("down")) {
                up = false;
            } else if (w.equals("name")) {
                name = a.nextArgOnce("name", name != null);
            } else if (Args.matches(w, "link")) {
                link = a.nextArg();
            } else if (Args.matches(w, "address")) {
                address = a.nextArg();
                try {
                    io.netns.netlink.MacAddress.parse(address);
                } catch (IllegalArgumentException e) {
                    throw CliException.invarg("invalid link-layer address\n", address);
                }
            } else if (Args.matches(w, "txqueuelen") || w.equals("qlen") || Args.matches(w, "txqlen")) {
                String v = a.nextArgOnce("txqueuelen", txqlen != -1);
                txqlen = Args.u32(v, "Invalid \"txqueuelen\" value\n");
            } else if (w.equals("mtu")) {
                String v = a.nextArgOnce("mtu", mtu != -1);
                mtu = Args.u32(v, "Invalid \"mtu\" value\n");
            } else if (w.equals("netns")) {
                String v = a.nextArgOnce("netns", netns != null);
                netns = LinkCmd.openTarget(v);
            } else if (Args.matches(w, "master")) {
                master = a.nextArg();
                if (s.links().index(master) == 0) {
                    throw CliException.invarg("Device does not exist\n", master);
                }
            } else if (Args.matches(w, "nomaster")) {
                noMaster = true;
            } else if (Args.matches(w, "type")) {
                type = a.value();
                return;
            } else if (Args.matches(w, "alias")) {
                alias = a.nextArg();
                if (alias.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 256) {
                    throw CliException.invarg("alias too long\n", alias);
                }
            } else if (w.equals("group")) {
                String v = a.nextArgOnce("group", group != -1);
                group = v.equals("default") ? 0 : Args.u32(v, "Invalid \"group\" value\n");
            } else {
                if (Args.matches(w, "help")) {
                    throw new CliException(CliException.USAGE, "Usage: ip link { add | set } ...");
                }
                if (w.equals("dev")) {
                    w = a.nextArg();
                }
                if (dev != null && !dev.equals(name)) {
                    throw CliException.duparg2("dev", w);
                }
                dev = w;
            }
            a.take();
        }
    }

    @Override
    public void close() {
        if (netns != null) {
            netns.close();
        }
    }
}
