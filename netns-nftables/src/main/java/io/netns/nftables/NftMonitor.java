// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables;

import io.netns.NetnsException;
import io.netns.NetworkNamespace;
import io.netns.netlink.NetlinkDecodeException;
import io.netns.netlink.internal.NetlinkSocket;
import io.netns.netlink.wire.MessageReader;
import io.netns.nftables.internal.Events;
import io.netns.nftables.internal.LinkNames;
import io.netns.nftables.internal.Nft;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;

/**
 * The ruleset changes of one namespace as typed {@link NftEvent}s, like {@code nft monitor}.
 *
 * <pre>{@code
 * try (NftMonitor m = nft.monitor()) {
 *     NftEvent e = m.take();   // RuleEvent[action=NEW, rule=Rule[...]], then Generation[id=...]
 * }
 * }</pre>
 *
 * <p>The socket joins the nf_tables group (NFNLGRP_NFTABLES) when opened: only changes after that
 * are reported. One thread at a time reads (calls are serialised); a reader blocked in
 * {@link #take()} returns within 100 ms of {@link #close()} with {@link IllegalStateException}.
 */
public final class NftMonitor implements AutoCloseable {
    private static final int CLOSE_CHECK_MILLIS = 100;

    private final NetlinkSocket socket;
    private final LinkNames names;
    private final Events events;
    private final ArrayDeque<NftEvent> pending = new ArrayDeque<>();
    private final Object state = new Object();
    private boolean reading;
    private boolean socketClosed;
    private volatile boolean closed;

    private NftMonitor(NetlinkSocket socket, LinkNames names) {
        this.socket = socket;
        this.names = names;
        this.events = new Events(names);
    }

    /**
     * Subscribes to the ruleset changes of {@code namespace}: {@code nft monitor}.
     *
     * @param namespace where to listen
     * @return the monitor; close it
     */
    public static NftMonitor open(NetworkNamespace namespace) {
        Objects.requireNonNull(namespace, "namespace");
        return new NftMonitor(NetlinkSocket.openBuffered(namespace, Nft.NETLINK_NETFILTER, NetlinkSocket.SOCKET_BUFFER,
                Nft.NFNLGRP_NFTABLES), new LinkNames(namespace));
    }

    /**
     * The next event, waiting up to {@code timeout}.
     *
     * @param timeout how long to wait at most; zero or negative only reads what is already queued
     * @return the event, or empty if none came in time (or the thread was interrupted)
     * @throws IllegalStateException if the monitor is (or gets) closed
     */
    public synchronized Optional<NftEvent> poll(Duration timeout) {
        return Optional.ofNullable(next(System.nanoTime() + timeout.toNanos()));
    }

    /**
     * The next event, waiting as long as it takes.
     *
     * @return the event
     * @throws IllegalStateException if the monitor is (or gets) closed
     * @throws java.util.concurrent.CancellationException if the thread is interrupted while waiting
     */
    public synchronized NftEvent take() {
        return next(Long.MAX_VALUE);
    }

    private NftEvent next(long deadline) {
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

    private void readQueued() {
        while (true) {
            try {
                if (!socket.receive(true)) {
                    return;
                }
            } catch (NetnsException e) {
                if (NetlinkSocket.isEnobufs(e)) {
                    pending.add(new NftEvent.Overrun());
                    continue;
                }
                throw e;
            }
            MessageReader r = socket.reader;
            while (r.next()) {
                NftEvent e;
                try {
                    e = events.decode(r);
                } catch (NetlinkDecodeException | IllegalArgumentException undecodable) {
                    e = new NftEvent.Undecodable(r.type(), undecodable);
                }
                if (e != null) {
                    pending.add(e);
                }
            }
        }
    }

    /** Leaves the group and closes the socket. Idempotent. */
    @Override
    public void close() {
        closed = true;
        synchronized (state) {
            if (!reading && !socketClosed) {
                socketClosed = true;
                socket.close();
            }
        }
        names.close();
    }
}
