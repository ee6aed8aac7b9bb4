// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.internal;

import io.netns.Errno;
import io.netns.NetnsException;
import io.netns.NetworkNamespace;
import io.netns.internal.sys.CurrentNamespace;
import io.netns.internal.sys.Linux;
import io.netns.internal.sys.NamespaceAccess;
import io.netns.internal.sys.FileCalls;
import io.netns.internal.sys.Memory;
import io.netns.internal.sys.SockaddrNl;
import io.netns.internal.sys.SocketCalls;
import io.netns.netlink.NetlinkException;
import io.netns.netlink.wire.ErrorMessage;
import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.MessageWriter;
import io.netns.netlink.wire.MessageTypes;
import io.netns.netlink.wire.Nlmsg;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * One netlink socket (NETLINK_ROUTE, or another protocol such as NETLINK_NETFILTER), created by a
 * thread inside its namespace and bound to it for life. Holds the transmit writer and the receive
 * buffer (both native, freed by {@link #close()}). Not thread-safe: an {@link Exchange} serialises
 * its use.
 */
public final class NetlinkSocket implements AutoCloseable {
    private static final int SOL_NETLINK = 270;
    /** Receive buffer: dumps come in datagrams of at most 32 KiB; single messages can be larger. */
    public static final int RX_BUFFER = 1 << 20;
    /** Kernel socket buffer: room for the acks of a pipelined batch and for bursts of events. */
    public static final int SOCKET_BUFFER = 8 << 20;

    private final int fd;
    /** The port id the kernel bound this socket to: replies carry it. */
    public final int portId;
    private final String namespace;
    /** C-heap block: the receive buffer, then the sender address and its length. Freed by close(). */
    private final MemorySegment block;
    private final MemorySegment rx;
    private final MemorySegment from;
    private final MemorySegment fromLen;
    /** The transmit buffer: requests are encoded here, then {@link #flush()}ed. */
    public final MessageWriter tx = new MessageWriter(NativeMemory.INSTANCE, 16 * 1024);
    /** Reads the datagram last {@link #receive}d. */
    public final MessageReader reader = new MessageReader();
    /** Wraps around through the whole int range: reply positions are computed modulo 2^32. */
    private int seq = (int) System.nanoTime();
    private boolean closed;

    private NetlinkSocket(int fd, String namespace) {
        this.fd = fd;
        this.namespace = namespace;
        // malloc'ed, not zeroed: the kernel writes before we read, and untouched pages cost nothing
        this.block = Memory.malloc(RX_BUFFER + SockaddrNl.SIZE + 4);
        this.rx = block.asSlice(0, RX_BUFFER);
        this.from = block.asSlice(RX_BUFFER, SockaddrNl.SIZE);
        this.fromLen = block.asSlice(RX_BUFFER + SockaddrNl.SIZE, 4);
        int port;
        try {
            port = boundPort();
        } catch (RuntimeException e) {
            tx.close();
            Memory.free(block);
            throw e;
        }
        this.portId = port;
    }

    /**
     * Opens a socket inside {@code ns}: on the calling thread if it already is there (no thread
     * hop), else on the namespace's pinned thread. The caller's thread never moves.
     *
     * @param groups rtnetlink multicast groups to join (RTNLGRP_*), none for a request socket
     */
    public static NetlinkSocket open(NetworkNamespace ns, int... groups) {
        return openBuffered(ns, Nlmsg.NETLINK_ROUTE, SOCKET_BUFFER, groups);
    }

    /**
     * As {@link #open(NetworkNamespace, int...)} for any netlink protocol, with a kernel receive
     * buffer of {@code bufferBytes}.
     *
     * @param ns the namespace
     * @param protocol NETLINK_ROUTE, NETLINK_NETFILTER ...
     * @param bufferBytes the kernel receive buffer
     * @param groups multicast groups to join
     * @return the socket
     */
    public static NetlinkSocket openBuffered(NetworkNamespace ns, int protocol, int bufferBytes, int... groups) {
        int fd;
        if (isCurrentThreadIn(ns)) {
            fd = createFd(protocol, groups, bufferBytes);
        } else {
            // created by the library's dedicated namespace thread: no pinned thread is started
            fd = NamespaceAccess.callBriefly(ns, () -> createFd(protocol, groups, bufferBytes));
        }
        try {
            return new NetlinkSocket(fd, ns.toString());
        } catch (RuntimeException e) {
            FileCalls.closeQuietly(fd);
            throw e;
        }
    }

    public static boolean isCurrentThreadIn(NetworkNamespace ns) {
        return CurrentNamespace.inode() == ns.inode();
    }

    private static int createFd(int protocol, int[] groups, int bufferBytes) {
        int fd = SocketCalls.socket(Linux.AF_NETLINK, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC, protocol);
        try {
            SocketCalls.setsockopt(fd, SOL_NETLINK, Nlmsg.NETLINK_EXT_ACK, 1);
            SocketCalls.setsockopt(fd, SOL_NETLINK, Nlmsg.NETLINK_CAP_ACK, 1);
            SocketCalls.setsockopt(fd, SOL_NETLINK, Nlmsg.NETLINK_GET_STRICT_CHK, 1);
            bufferSize(fd, Linux.SO_RCVBUFFORCE, Linux.SO_RCVBUF, bufferBytes);
            bufferSize(fd, Linux.SO_SNDBUFFORCE, Linux.SO_SNDBUF, SOCKET_BUFFER);
            try (Arena arena = Arena.ofConfined()) {
                SocketCalls.bind(fd, SockaddrNl.allocate(arena)); // the kernel picks the port id
            }
            // join after bind: bind() resets the memberships of groups 1..32 to its nl_groups
            for (int g : groups) {
                SocketCalls.setsockopt(fd, SOL_NETLINK, Nlmsg.NETLINK_ADD_MEMBERSHIP, g);
            }
            return fd;
        } catch (RuntimeException e) {
            FileCalls.closeQuietly(fd);
            throw e;
        }
    }

    /** The FORCE variant (root) ignores rmem_max; without CAP_NET_ADMIN fall back to the capped one. */
    private static void bufferSize(int fd, int force, int plain, int bytes) {
        try {
            SocketCalls.setsockopt(fd, Linux.SOL_SOCKET, force, bytes);
        } catch (NetnsException e) {
            SocketCalls.setsockopt(fd, Linux.SOL_SOCKET, plain, bytes);
        }
    }

    private int boundPort() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment addr = SockaddrNl.allocate(arena);
            SocketCalls.getsockname(fd, addr);
            return SockaddrNl.portId(addr);
        }
    }

    /** {@return the next sequence number} */
    public int nextSeq() {
        return ++seq;
    }

    /**
     * Sets the next sequence number (tests force the wrap-around with it).
     *
     * @param next the number the next request gets
     */
    public void seq(int next) {
        seq = next - 1;
    }

    /** Sends everything the writer holds in one datagram, then resets it. */
    public void flush() {
        MemorySegment data = tx.written();
        long n = SocketCalls.send(fd, data, data.byteSize(), 0);
        if (n != data.byteSize()) {
            throw new NetnsException("netlink sendto wrote " + n + " of " + data.byteSize() + " bytes");
        }
        tx.reset();
    }

    /**
     * Receives one datagram from the kernel into the buffer and points {@link #reader} at it.
     * Datagrams from other senders are dropped.
     *
     * @param dontWait return false instead of blocking when nothing is queued
     * @return false only when {@code dontWait} and nothing was queued
     * @throws NetnsException with ENOBUFS when the kernel dropped messages (socket buffer overrun)
     */
    public boolean receive(boolean dontWait) {
        while (true) {
            fromLen.set(JAVA_INT, 0, SockaddrNl.SIZE);
            long n = SocketCalls.recvfrom(fd, rx, RX_BUFFER,
                    Linux.MSG_TRUNC | (dontWait ? Linux.MSG_DONTWAIT : 0), from, fromLen);
            if (n < 0) {
                return false;
            }
            if (n > RX_BUFFER) {
                throw new NetnsException("netlink message of " + n + " bytes exceeded the " + RX_BUFFER
                        + "-byte receive buffer and was lost");
            }
            if (SockaddrNl.portId(from) != 0) {
                continue; // not from the kernel
            }
            reader.reset(rx, n);
            return true;
        }
    }

    /**
     * {@return whether something can be read within {@code millis}}
     *
     * @param millis how long to wait at most
     */
    public boolean poll(int millis) {
        return SocketCalls.pollIn(fd, millis);
    }

    /**
     * {@return the exception for an NLMSG_ERROR with errno != 0}
     *
     * @param e the error message
     * @param target what the request was about
     */
    public static NetlinkException failure(ErrorMessage e, String target) {
        return NetlinkException.of(MessageTypes.name(e.requestType()), target, e.errno(), e.message(), e.offset());
    }

    /**
     * {@return whether {@code e} says the kernel dropped messages for this socket (ENOBUFS)}
     *
     * @param e an exception from {@link #receive}
     */
    public static boolean isEnobufs(NetnsException e) {
        return e.errno() == Errno.ENOBUFS;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            FileCalls.closeQuietly(fd);
            tx.close();
            Memory.free(block);
        }
    }
}
