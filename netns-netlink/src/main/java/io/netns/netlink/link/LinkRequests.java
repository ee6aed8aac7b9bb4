// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link;

import io.netns.NetworkNamespace;
import io.netns.netlink.internal.IfRef;
import io.netns.netlink.internal.Request;
import io.netns.netlink.internal.Sink;
import io.netns.netlink.link.kind.Tun;
import io.netns.netlink.link.kind.Veth;
import io.netns.netlink.wire.Ifla;
import io.netns.netlink.wire.MessageWriter;
import io.netns.netlink.wire.Rtm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The link change requests, built once for both the direct handle ({@link Links}) and a batch's
 * view: each method makes a {@link Request} and submits it to the sink, which either runs it at
 * once or queues it.
 */
abstract class LinkRequests implements LinkChanges {

    final Sink sink;

    LinkRequests(Sink sink) {
        this.sink = sink;
    }

    @Override
    public void add(LinkSpec<?> given) {
        Objects.requireNonNull(given, "spec");
        if (given instanceof Tun.Spec tun) {
            addTun(tun);
            return;
        }
        LinkSpec<?> spec = tagged(given);
        LinkSpec.Common c = spec.common;
        if (c.alias != null && c.namespace != null) {
            throw new IllegalArgumentException("the kernel ignores an alias when creating a link, and it cannot be set "
                    + "afterwards through this socket in another namespace: set it through a handle of that namespace");
        }
        List<NetworkNamespace> namespaces = new ArrayList<>(spec.namespaces());
        namespaces.add(c.namespace);
        List<String> made = new ArrayList<>(2); // the names this creates beside the socket
        if (c.namespace == null) {
            made.add(c.name);
        }
        if (spec instanceof Veth.Spec v && v.kind().peerNamespace().isEmpty()) {
            made.add(v.kind().peerName());
        }
        sink.submit(Request.of(Rtm.RTM_NEWLINK, c.name, refs(c.parent, c.master), namespaces, (w, seq, r) ->
                spec.encode(w, seq, r.index(c.parent), r.index(c.master), r::fd)).naming(made));
        if (c.alias != null) {
            setAliasOrUndo(c.name, c.alias);
        }
    }

    /** The spec with the sink's link group (a batch's owner tag), if it has one. */
    private LinkSpec<?> tagged(LinkSpec<?> spec) {
        int group = sink.linkGroup();
        if (group < 0 || spec.common.group == group) {
            return spec;
        }
        if (spec.common.group >= 0) {
            throw new IllegalArgumentException("the spec of " + spec.name() + " sets group " + spec.common.group
                    + ", but this batch puts every link it creates in group " + group);
        }
        return spec.group(group);
    }

    /** The alias request after a creation; a direct handle deletes the link again if it fails. */
    void setAliasOrUndo(String name, String alias) {
        set(name, LinkUpdate.of().alias(alias));
    }

    /** tun/tap: created through /dev/net/tun by a thread inside the namespace, so never in a batch. */
    abstract void addTun(Tun.Spec spec);

    private static List<IfRef> refs(IfRef... refs) {
        List<IfRef> l = new ArrayList<>(refs.length);
        for (IfRef r : refs) {
            l.add(r);
        }
        return l;
    }

    @Override
    public void set(String device, LinkUpdate update) {
        set(IfRef.of(device), update);
    }

    @Override
    public void set(int index, LinkUpdate update) {
        set(IfRef.of(index), update);
    }

    void set(IfRef dev, LinkUpdate u) {
        Objects.requireNonNull(u, "update");
        if (u.isEmpty()) {
            return;
        }
        List<NetworkNamespace> nss = new ArrayList<>(1);
        nss.add(u.namespace);
        List<String> made = u.name != null && u.namespace == null ? List.of(u.name) : List.of();
        sink.submit(Request.of(Rtm.RTM_NEWLINK, dev.toString(), refs(dev, u.master), nss, (w, seq, r) ->
                encodeSet(w, seq, r.index(dev), u, u.noMaster ? 0 : u.master == null ? -1 : r.index(u.master),
                        r.fd(u.namespace))).naming(made));
    }

    @Override
    public void del(String device) {
        IfRef dev = IfRef.of(device);
        sink.submit(Request.of(Rtm.RTM_DELLINK, device, List.of(dev), List.of(), (w, seq, r) ->
                encodeDel(w, seq, r.index(dev), -1)));
    }

    @Override
    public void del(int index) {
        IfRef dev = IfRef.of(index);
        sink.submit(Request.of(Rtm.RTM_DELLINK, dev.toString(), (w, seq) -> encodeDel(w, seq, index, -1)));
    }

    @Override
    public void delGroup(int group) {
        if (group <= 0) {
            throw new IllegalArgumentException("refusing to delete group " + group + " (0 is every device's default)");
        }
        sink.submit(Request.of(Rtm.RTM_DELLINK, "group " + group, (w, seq) -> encodeDel(w, seq, 0, group)));
    }

    // ------------------------------------------------------------------ encoders

    /**
     * RTM_NEWLINK changing link {@code index} ({@code ip link set}).
     *
     * @param masterIndex resolved master, 0 with {@code noMaster}, -1 when unchanged
     * @param nsFd the target namespace's descriptor, -1 when not moving
     */
    static void encodeSet(MessageWriter w, int seq, int index, LinkUpdate u, int masterIndex, int nsFd) {
        w.beginMessage(Rtm.RTM_NEWLINK, Request.CHANGE, seq, 0);
        int flags = Boolean.TRUE.equals(u.up) ? LinkFlag.UP.bit() : 0;
        int change = u.up != null ? LinkFlag.UP.bit() : 0;
        w.ifinfomsg(0, 0, index, flags, change);
        if (u.mtu > 0) {
            w.attrU32(Ifla.IFLA_MTU, u.mtu);
        }
        if (u.name != null) {
            w.attrString(Ifla.IFLA_IFNAME, u.name);
        }
        if (u.address != null) {
            w.attrBytes(Ifla.IFLA_ADDRESS, u.address.bytes());
        }
        if (u.txQueueLength >= 0) {
            w.attrU32(Ifla.IFLA_TXQLEN, u.txQueueLength);
        }
        if (u.alias != null) {
            w.attrString(Ifla.IFLA_IFALIAS, u.alias);
        }
        if (u.group >= 0) {
            w.attrU32(Ifla.IFLA_GROUP, u.group);
        }
        if (masterIndex >= 0) {
            w.attrU32(Ifla.IFLA_MASTER, masterIndex);
        }
        if (nsFd >= 0) {
            w.attrU32(Ifla.IFLA_NET_NS_FD, nsFd);
        }
        w.endMessage();
    }

    /** RTM_DELLINK of link {@code index}, or (index 0) of every link in {@code group}: one RCU grace period for all. */
    static void encodeDel(MessageWriter w, int seq, int index, int group) {
        w.beginMessage(Rtm.RTM_DELLINK, Request.CHANGE, seq, 0);
        w.ifinfomsg(0, 0, index, 0, 0);
        if (group >= 0) {
            w.attrU32(Ifla.IFLA_GROUP, group);
        }
        w.endMessage();
    }

    /** RTM_GETLINK of one link, by index or (index 0) by name. */
    static void encodeGet(MessageWriter w, int seq, int index, String name) {
        w.beginMessage(Rtm.RTM_GETLINK, Request.CHANGE, seq, 0);
        w.ifinfomsg(0, 0, index, 0, 0);
        if (index == 0) {
            w.attrString(Ifla.IFLA_IFNAME, name);
        }
        w.endMessage();
    }

    /** RTM_GETLINK dump, optionally of the ports of one master (kernel-side filter). */
    static void encodeDump(MessageWriter w, int seq, int masterIndex) {
        w.beginMessage(Rtm.RTM_GETLINK, Request.DUMP, seq, 0);
        w.ifinfomsg(0, 0, 0, 0, 0);
        if (masterIndex > 0) {
            w.attrU32(Ifla.IFLA_MASTER, masterIndex);
        }
        w.endMessage();
    }
}
