// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link;

import io.netns.NetnsException;
import io.netns.Errno;
import io.netns.internal.sys.TunDevice;
import io.netns.netlink.NetlinkException;
import io.netns.netlink.internal.Exchange;
import io.netns.netlink.internal.Families;
import io.netns.netlink.internal.LinkNames;
import io.netns.netlink.internal.NetlinkSocket;
import io.netns.netlink.link.kind.Tun;
import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.Rtm;
import io.netns.netlink.wire.RtnlGroup;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The links of one namespace, like {@code ip link}: {@code rt.links()}. Changes run at once (see
 * {@link LinkChanges}); reads ask the kernel each time.
 *
 * <pre>{@code
 * rt.links().add(LinkSpec.veth("veth0", "veth1"));   // ip link add veth0 type veth peer name veth1
 * rt.links().setUp("veth0");                          // ip link set veth0 up
 * Link l = rt.links().get("veth0");                  // ip link show veth0
 * }</pre>
 */
public final class Links extends LinkRequests {
    static {
        Families.register(Links.class, sink -> new Links(sink.exchange()));
        Families.register(LinkChanges.class, BatchLinks::new);
    }

    private final Exchange ex;
    /** Lazily opened socket joined to the link group, for {@link #awaitOperState}. */
    private NetlinkSocket linkEvents;

    private Links(Exchange ex) {
        super(ex);
        this.ex = ex;
    }

    @Override
    void setAliasOrUndo(String name, String alias) {
        try {
            super.setAliasOrUndo(name, alias);
        } catch (RuntimeException e) {
            try {
                del(name); // nothing half-created: the link goes with its failed follow-up
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    @Override
    void addTun(Tun.Spec spec) {
        LinkSpec.Common c = ((LinkSpec<?>) spec).common;
        if (c.namespace != null) {
            throw new IllegalArgumentException("create a tun/tap through a handle of its own namespace");
        }
        // the kernel creates tun/tap devices only through /dev/net/tun, by a thread inside the namespace
        ex.namespace().run(() -> TunDevice.createPersistent(c.name, spec.kind().tap(), spec.kind().multiQueue()));
        LinkUpdate u = LinkUpdate.of();
        if (c.mtu > 0) {
            u = u.mtu(c.mtu);
        }
        if (c.address != null) {
            u = u.address(c.address);
        }
        if (c.txQueueLength >= 0) {
            u = u.txQueueLength(c.txQueueLength);
        }
        if (c.group >= 0) {
            u = u.group(c.group);
        }
        if (c.alias != null) {
            u = u.alias(c.alias);
        }
        if (c.master != null) {
            u = u.master(c.master.name());
        }
        if (c.up) {
            u = u.up();
        }
        if (!u.isEmpty()) {
            try {
                set(c.name, u);
            } catch (RuntimeException e) {
                try {
                    del(c.name);
                } catch (RuntimeException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
        }
    }

    /**
     * The link named {@code device}, asked by name (not dumped and filtered): {@code ip link show DEV}.
     *
     * @param device the link's name
     * @return the link
     * @throws io.netns.netlink.NoSuchLinkException if there is none
     */
    public Link get(String device) {
        LinkNames.check(device);
        return ex.single(device, (w, seq) -> encodeGet(w, seq, 0, device), Link::decode);
    }

    /**
     * The link with index {@code index}, asked by index: like {@code ip link show dev DEV}.
     *
     * @param index the link's ifindex
     * @return the link
     * @throws IllegalArgumentException if the index is not positive
     * @throws io.netns.netlink.NoSuchLinkException if there is none
     */
    public Link get(int index) {
        if (index <= 0) {
            throw new IllegalArgumentException("an interface index is positive");
        }
        return ex.single("ifindex " + index, (w, seq) -> encodeGet(w, seq, index, null), Link::decode);
    }

    /**
     * The link named {@code device}, or empty if there is none: {@code ip link show DEV}.
     *
     * @param device the link's name
     * @return the link, if there is one
     */
    public Optional<Link> find(String device) {
        try {
            return Optional.of(get(device));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The ifindex of {@code device}: the number {@code ip link show DEV} prints first.
     *
     * @param device the link's name
     * @return its ifindex
     * @throws io.netns.netlink.NoSuchLinkException if there is none
     */
    public int index(String device) {
        LinkNames.check(device);
        return ex.linkIndex(device);
    }

    /** {@return every link: {@code ip link show}} */
    public List<Link> list() {
        return ex.dump("links", (w, seq) -> encodeDump(w, seq, 0), Rtm.RTM_NEWLINK, Link::decode, null);
    }

    /**
     * The ports of a bridge or bond: {@code ip link show master BR}.
     *
     * @param master the bridge's or bond's name
     * @return the links enslaved to it
     * @throws io.netns.netlink.NoSuchLinkException if there is no link named {@code master}
     */
    public List<Link> ofMaster(String master) {
        int m = index(master);
        return ex.dump("links of " + master, (w, seq) -> encodeDump(w, seq, m), Rtm.RTM_NEWLINK, Link::decode,
                l -> l.master().orElse(0) == m);
    }

    /**
     * The links of one device group: {@code ip link show group N}. With a batch's
     * {@link io.netns.netlink.Batch#linkGroup link group} as an owner tag, this finds what an
     * earlier run left behind; {@link #delGroup(int)} deletes it in one request.
     *
     * @param group the group number (0 is the default group of every device)
     * @return the links in that group
     * @throws IllegalArgumentException if {@code group} is negative
     */
    public List<Link> ofGroup(int group) {
        if (group < 0) {
            throw new IllegalArgumentException("group must not be negative");
        }
        return ex.dump("links of group " + group, (w, seq) -> encodeDump(w, seq, 0), Rtm.RTM_NEWLINK, Link::decode,
                l -> l.group() == group);
    }

    /**
     * Streams every link ({@code ip link show}) as the kernel sends them, one datagram in memory at a
     * time, on a socket of its own opened now in the namespace (keep the namespace handle open). The
     * stream holds nothing of the handle: other requests and {@code close()} go on meanwhile. Close
     * it (try-with-resources) to free its socket at once; one dropped unfinished keeps it until the
     * handle is closed or the stream has been garbage-collected. A link added or deleted during the
     * dump ends it in {@link io.netns.netlink.DumpInterruptedException}.
     *
     * @return the links
     * @throws IllegalStateException if the handle or the namespace handle is closed
     */
    public Stream<Link> stream() {
        return ex.stream("links", (w, seq) -> encodeDump(w, seq, 0), Rtm.RTM_NEWLINK, Link::decode, null);
    }

    /**
     * Waits until the link's operational state is {@code state}, driven by link events (bounded by
     * {@code timeout}). Use it before sending traffic on a link just set up: a SYN sent before the
     * link is operationally UP is often dropped and costs a one-second retransmit. No {@code ip}
     * command does this; {@code ip monitor link} shows the events it waits for.
     *
     * @param device the link's name
     * @param state the operational state to wait for
     * @param timeout how long to wait at most
     * @return the link in that state
     * @throws OperStateTimeoutException if it did not get there in time
     * @throws io.netns.netlink.NoSuchLinkException if there is no such link
     */
    public Link awaitOperState(String device, OperState state, Duration timeout) {
        Objects.requireNonNull(state, "state");
        long deadline = System.nanoTime() + timeout.toNanos();
        NetlinkSocket events = events();
        Link link = get(device);
        int index = link.index();
        while (link.operState() != state) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new OperStateTimeoutException(device, state, link, timeout);
            }
            Link seen = null;
            synchronized (events) {
                try {
                    if (events.poll((int) Math.max(1, left / 1_000_000))) {
                        seen = latestLinkEvent(events, index);
                    }
                } catch (NetnsException e) {
                    if (!NetlinkSocket.isEnobufs(e)) {
                        throw e;
                    }
                    // events were lost: fall back to asking
                }
            }
            link = seen != null ? seen : get(device);
        }
        return link;
    }

    /** The link-event socket, opened on first use and drained of what happened before this wait. */
    private NetlinkSocket events() {
        NetlinkSocket s;
        synchronized (this) {
            if (linkEvents == null) {
                linkEvents = NetlinkSocket.open(ex.namespace(), RtnlGroup.RTNLGRP_LINK);
                ex.onClose(linkEvents);
            }
            s = linkEvents;
        }
        synchronized (s) {
            try {
                while (s.receive(true)) {
                    // discard what happened before this wait began
                }
            } catch (NetnsException e) {
                if (!NetlinkSocket.isEnobufs(e)) {
                    throw e;
                }
            }
        }
        return s;
    }

    /** Reads the queued link events; returns the last RTM_NEWLINK of {@code index}, or null. */
    private static Link latestLinkEvent(NetlinkSocket events, int index) {
        Link last = null;
        while (events.receive(true)) {
            MessageReader r = events.reader;
            while (r.next()) {
                if (r.type() == Rtm.RTM_NEWLINK && r.length() >= 32 && Link.decodeIndex(r) == index) {
                    last = Link.decode(r);
                }
            }
        }
        return last;
    }
}
