// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.NetworkNamespace;
import io.netns.netlink.MacAddress;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.wire.Ifla;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The generic options of {@code ip link add|set} (iplink_parse), up to {@code type KIND}: what is
 * not a keyword is the device name. Owns the namespace a {@code netns NS} option opened, and the
 * veth peer's options a kind parsed. Fields are public for the kinds' parsers; unset ones are null / -1.
 */
public final class LinkArgs implements AutoCloseable {
    public String dev;
    public String name;
    /** {@code link DEV}: the lower device (macvlan, vlan parent; IFLA_LINK of other kinds). */
    public String link;
    public String type;
    public Boolean up;
    public long mtu = -1;
    public String address;
    public long txqlen = -1;
    public long group = -1;
    public String alias;
    public String master;
    public boolean noMaster;
    public NetworkNamespace netns;
    /** The options after {@code peer} of a veth, closed with these. */
    private LinkArgs peer;

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

    /**
     * Parses the words of a veth peer ({@code peer [name] NAME [mtu N] [address MAC] [netns NS]});
     * they are closed with this.
     */
    public LinkArgs parsePeer(Args a, Session s) {
        peer = parse(a, s);
        return peer;
    }

    /** {@return the {@code link DEV} a kind needs (macvlan, vlan); the kernel's EINVAL if missing} */
    public String requireLowerDevice() {
        if (link == null) {
            // the kernel answers this for macvlan/vlan without a lower device
            throw new CliException(2, "RTNETLINK answers: Invalid argument");
        }
        return link;
    }

    /**
     * {@return the spec with {@code link DEV} as IFLA_LINK, as ip sends it for any kind}
     *
     * @param spec a kind whose spec has no lower-device option of its own
     */
    public LinkSpec<?> withLowerDevice(LinkSpec<?> spec, Session s) {
        if (link == null) {
            return spec;
        }
        byte[] index = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(s.requireLink(link)).array();
        return spec.withAttribute(Ifla.IFLA_LINK, index);
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
                    MacAddress.parse(address);
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
                if (s.linkIndex(master) == 0) {
                    throw CliException.invarg("Device does not exist\n", master);
                }
            } else if (Args.matches(w, "nomaster")) {
                noMaster = true;
            } else if (Args.matches(w, "type")) {
                type = a.value();
                return;
            } else if (Args.matches(w, "alias")) {
                alias = a.nextArg();
                if (alias.getBytes(StandardCharsets.UTF_8).length >= 256) {
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
        if (peer != null) {
            peer.close();
        }
        if (netns != null) {
            netns.close();
        }
    }
}
