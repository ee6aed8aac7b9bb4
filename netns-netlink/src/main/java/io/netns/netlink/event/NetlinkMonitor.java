// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.event;

import io.netns.NetnsException;
import io.netns.NetworkNamespace;
import io.netns.netlink.NetlinkDecodeException;
import io.netns.netlink.address.Address;
import io.netns.netlink.internal.NetlinkSocket;
import io.netns.netlink.link.Link;
import io.netns.netlink.neighbour.Neighbour;
import io.netns.netlink.nsid.Nsids;
import io.netns.netlink.route.Route;
import io.netns.netlink.rule.Rule;
import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.Nlmsg;
import io.netns.netlink.wire.Rtm;
import io.netns.netlink.wire.RtnlGroup;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Receives the kernel's change notifications of one namespace as typed {@link NetlinkEvent}s,
 * like {@code ip monitor [link] [address] [route] [neigh] [rule] [nsid]}.
 *
 * <pre>{@code
 * try (NetlinkMonitor m = NetlinkMonitor.open(ns, NetlinkMonitor.Group.LINK)) {
 *     while (true) {
 *         switch (m.take()) {
 *             case NetlinkEvent.LinkEvent e -> System.out.println(e.action() + " " + e.link().name());
 *             case NetlinkEvent.Overrun o -> resync();
 *             default -> { }
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>The socket joins the groups when opened, so only changes after {@code open} are reported.
 * One thread at a time should read (calls are serialised). Waiting blocks in a native
 * {@code poll}; prefer a platform thread for a monitor that waits for long, since a virtual thread
 * would hold its carrier meanwhile.
 */
public final class NetlinkMonitor implements AutoCloseable {
    /** rtnetlink multicast groups. */
    public enum Group {
        /** Links ({@code ip monitor link}): RTNLGRP_LINK. */
        LINK(RtnlGroup.RTNLGRP_LINK),
        /** IPv4 addresses ({@code ip -4 monitor address}): RTNLGRP_IPV4_IFADDR. */
        IPV4_ADDRESS(RtnlGroup.RTNLGRP_IPV4_IFADDR),
        /** IPv6 addresses ({@code ip -6 monitor address}): RTNLGRP_IPV6_IFADDR. */
        IPV6_ADDRESS(RtnlGroup.RTNLGRP_IPV6_IFADDR),
        /** IPv4 routes ({@code ip -4 monitor route}): RTNLGRP_IPV4_ROUTE. */
        IPV4_ROUTE(RtnlGroup.RTNLGRP_IPV4_ROUTE),
        /** IPv6 routes ({@code ip -6 monitor route}): RTNLGRP_IPV6_ROUTE. */
        IPV6_ROUTE(RtnlGroup.RTNLGRP_IPV6_ROUTE),
        /** Neighbour entries ({@code ip monitor neigh}): RTNLGRP_NEIGH. */
        NEIGHBOUR(RtnlGroup.RTNLGRP_NEIGH),
        /** IPv4 policy-routing rules ({@code ip -4 monitor rule}): RTNLGRP_IPV4_RULE. */
        IPV4_RULE(RtnlGroup.RTNLGRP_IPV4_RULE),
        /** IPv6 policy-routing rules ({@code ip -6 monitor rule}): RTNLGRP_IPV6_RULE. */
        IPV6_RULE(RtnlGroup.RTNLGRP_IPV6_RULE),
        /** Namespace ids ({@code ip monitor nsid}): RTNLGRP_NSID. */
        NSID(RtnlGroup.RTNLGRP_NSID);

        final int number;

        Group(int number) {
            this.number = number;
        }
    }

    /** How often a blocked reader looks whether {@link #close()} was called. */
    private static final int CLOSE_CHECK_MILLIS = 100;

    private final NetlinkSocket socket;
    private final ArrayDeque<NetlinkEvent> pending = new ArrayDeque<>();
    /** Guards {@link #reading} and {@link #socketClosed}: the descriptor is closed only when no reader polls it. */
    private final Object state = new Object();
    private boolean reading;
    private boolean socketClosed;
    private volatile boolean closed;

    private NetlinkMonitor(NetlinkSocket socket) {
        this.socket = socket;
    }

    /**
     * Subscribes to {@code groups} in {@code namespace}.
     *
     * @param namespace where to listen
     * @param groups what to listen to; all groups when none is given
     * @return the monitor
     */
    public static NetlinkMonitor open(NetworkNamespace namespace, Group... groups) {
        Set<Group> set = groups.length == 0 ? EnumSet.allOf(Group.class) : EnumSet.of(groups[0], groups);
        return open(namespace, set);
    }

    /**
     * Subscribes to {@code groups} in {@code namespace}: {@code ip monitor GROUP...}.
     *
     * @param namespace where to listen
     * @param groups what to listen to, at least one
     * @return the monitor
     * @throws IllegalArgumentException if {@code groups} is empty
     */
    public static NetlinkMonitor open(NetworkNamespace namespace, Set<Group> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("subscribe to at least one group");
        }
        return open(namespace, NetlinkSocket.SOCKET_BUFFER, groups);
    }

    /**
     * As {@link #open(NetworkNamespace, Set)}, with a kernel receive buffer of {@code bufferBytes}
     * instead of the default 8 MiB: a small one overruns sooner (tests use it to provoke overruns).
     *
     * @param namespace where to listen
     * @param bufferBytes the socket's receive buffer, in bytes
     * @param groups what to listen to, at least one
     * @return the monitor
     */
    public static NetlinkMonitor open(NetworkNamespace namespace, int bufferBytes, Set<Group> groups) {
        Objects.requireNonNull(namespace, "namespace");
        int[] numbers = groups.stream().mapToInt(g -> g.number).toArray();
        return new NetlinkMonitor(NetlinkSocket.openBuffered(namespace, Nlmsg.NETLINK_ROUTE, bufferBytes, numbers));
    }

    /**
     * The next event, waiting up to {@code timeout}.
     *
     * @param timeout how long to wait at most; zero or negative only reads what is already queued
     * @return the event, or empty if none came in time (or the thread was interrupted: its
     *         interrupt flag stays set)
     * @throws IllegalStateException if the monitor is (or gets) closed
     */
    public synchronized Optional<NetlinkEvent> poll(Duration timeout) {
        return Optional.ofNullable(next(System.nanoTime() + timeout.toNanos()));
    }

    /**
     * The next event, waiting as long as it takes.
     *
     * @return the event
     * @throws IllegalStateException if the monitor is (or gets) closed
     * @throws java.util.concurrent.CancellationException if the thread is interrupted while waiting
     *         (its interrupt flag stays set)
     */
    public synchronized NetlinkEvent take() {
        return next(Long.MAX_VALUE);
    }

    private NetlinkEvent next(long deadline) {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        synchronized (state) {
            if (closed) {
                throw new IllegalStateException("monitor is closed");
            }
            reading = true;
        }
        try {
            while (pending.isEmpty()) {
                if (closed) {
                    throw new IllegalStateException("monitor was closed while waiting");
                }
                if (Thread.currentThread().isInterrupted()) {
                    if (deadline == Long.MAX_VALUE) {
                        throw new java.util.concurrent.CancellationException("interrupted while waiting for an event");
                    }
                    return null;
                }
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (left <= 0) {
                    readQueued();
                    return pending.poll();
                }
                int wait = (int) Math.min(CLOSE_CHECK_MILLIS, Math.max(1, left / 1_000_000));
                if (socket.poll(wait)) {
                    readQueued();
                }
            }
            return pending.poll();
        } finally {
            synchronized (state) {
                reading = false;
                if (closed && !socketClosed) {
                    socketClosed = true;
                    socket.close();
                }
            }
        }
    }

    /** Decodes every datagram already queued on the socket; returns whether any event resulted. */
    private boolean readQueued() {
        int before = pending.size();
        while (true) {
            try {
                if (!socket.receive(true)) {
                    break;
                }
            } catch (NetnsException e) {
                if (NetlinkSocket.isEnobufs(e)) {
                    overrun();
                    continue; // the error is consumed; the socket goes on
                }
                throw e;
            }
            MessageReader r = socket.reader;
            while (r.next()) {
                NetlinkEvent e;
                try {
                    e = decode(r);
                } catch (NetlinkDecodeException undecodable) {
                    // one malformed notification must not cost the others of its datagram
                    e = new NetlinkEvent.Undecodable(r.type(), undecodable);
                }
                if (e != null) {
                    pending.add(e);
                }
            }
        }
        return pending.size() > before;
    }

    /**
     * The kernel dropped notifications and said so (ENOBUFS). Everything still queued is older than
     * the drop: after an overrun the kernel queues nothing more for this socket (it is "congested")
     * until its queue is empty. Delivered after the Overrun, those events would undo what the
     * consumer's re-dump shows (an address deleted meanwhile would come back), so they are
     * dropped, with the events read but not yet taken; the kernel queues again from here on.
     */
    private void overrun() {
        pending.clear();
        pending.add(new NetlinkEvent.Overrun());
        while (true) {
            try {
                if (!socket.receive(true)) {
                    return;
                }
            } catch (NetnsException e) {
                if (!NetlinkSocket.isEnobufs(e)) {
                    throw e;
                }
            }
        }
    }

    static NetlinkEvent decode(MessageReader r) {
        return switch (r.type()) {
            case Rtm.RTM_NEWLINK -> new NetlinkEvent.LinkEvent(NetlinkEvent.Action.NEW, Link.decode(r));
            case Rtm.RTM_DELLINK -> new NetlinkEvent.LinkEvent(NetlinkEvent.Action.DEL, Link.decode(r));
            case Rtm.RTM_NEWADDR -> new NetlinkEvent.AddressEvent(NetlinkEvent.Action.NEW, Address.decode(r));
            case Rtm.RTM_DELADDR -> new NetlinkEvent.AddressEvent(NetlinkEvent.Action.DEL, Address.decode(r));
            case Rtm.RTM_NEWROUTE -> new NetlinkEvent.RouteEvent(NetlinkEvent.Action.NEW, Route.decode(r));
            case Rtm.RTM_DELROUTE -> new NetlinkEvent.RouteEvent(NetlinkEvent.Action.DEL, Route.decode(r));
            case Rtm.RTM_NEWNEIGH -> new NetlinkEvent.NeighbourEvent(NetlinkEvent.Action.NEW, Neighbour.decode(r));
            case Rtm.RTM_DELNEIGH -> new NetlinkEvent.NeighbourEvent(NetlinkEvent.Action.DEL, Neighbour.decode(r));
            case Rtm.RTM_NEWRULE -> new NetlinkEvent.RuleEvent(NetlinkEvent.Action.NEW, Rule.decode(r));
            case Rtm.RTM_DELRULE -> new NetlinkEvent.RuleEvent(NetlinkEvent.Action.DEL, Rule.decode(r));
            case Rtm.RTM_NEWNSID -> new NetlinkEvent.NsidEvent(NetlinkEvent.Action.NEW, Nsids.decode(r));
            case Rtm.RTM_DELNSID -> new NetlinkEvent.NsidEvent(NetlinkEvent.Action.DEL, Nsids.decode(r));
            default -> null;
        };
    }

    /**
     * Leaves the groups and closes the socket; a thread waiting in {@link #take()} gets an
     * {@link IllegalStateException} within 100 ms. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        synchronized (state) {
            if (!reading && !socketClosed) {
                socketClosed = true;
                socket.close();
            }
        }
    }
}
