package io.netns.netlink;

import io.netns.Errno;
import io.netns.NetnsException;
import io.netns.NetworkNamespace;
import io.netns.internal.sys.FileCalls;
import io.netns.internal.sys.Linux;
import io.netns.internal.sys.Memory;
import io.netns.internal.sys.SockaddrNl;
import io.netns.internal.sys.SocketCalls;
import io.netns.internal.sys.Stat;
import io.netns.netlink.codec.ErrorMessage;
import io.netns.netlink.codec.MessageReader;
import io.netns.netlink.codec.MessageTypes;
import io.netns.netlink.codec.MessageWriter;
import io.netns.netlink.codec.Nlmsg;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * One NETLINK_ROUTE socket, created by a thread inside its namespace and bound to it for life.
 * Holds the transmit writer and the receive buffer (both native, freed by {@link #close()}).
 * Not thread-safe: {@link Rtnetlink} serialises its use.
 */
final class NetlinkSocket implements AutoCloseable {
    static final int SOL_NETLINK = 270;
    /** Receive buffer: dumps come in datagrams of at most 32 KiB; single messages can be larger. */
    static final int RX_BUFFER = 1 << 20;
    /** Kernel socket buffer: room for the acks of a pipelined batch and for bursts of events. */
    static final int SOCKET_BUFFER = 8 << 20;

    final int fd;
    final int portId;
    final String namespace;
    /** C-heap block: the receive buffer, then the sender address and its length. Freed by close(). */
    private final MemorySegment block;
    private final MemorySegment rx;
    private final MemorySegment from;
    private final MemorySegment fromLen;
    final MessageWriter tx = new MessageWriter(16 * 1024);
    final MessageReader reader = new MessageReader();
    private int seq = (int) (System.nanoTime() & 0x3fffffff);
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
    static NetlinkSocket open(NetworkNamespace ns, int... groups) {
        return openBuffered(ns, SOCKET_BUFFER, groups);
    }

    /** As {@link #open(NetworkNamespace, int...)} with a kernel receive buffer of {@code bufferBytes}. */
    static NetlinkSocket openBuffered(NetworkNamespace ns, int bufferBytes, int... groups) {
        int fd;
        if (isCurrentThreadIn(ns)) {
            fd = createFd(groups, bufferBytes);
        } else {
            // created by the library's dedicated namespace thread: no pinned thread is started
            fd = io.netns.internal.sys.NamespaceAccess.callBriefly(ns, () -> createFd(groups, bufferBytes));
        }
        try {
            return new NetlinkSocket(fd, ns.toString());
        } catch (RuntimeException e) {
            FileCalls.closeQuietly(fd);
            throw e;
        }
    }

    static boolean isCurrentThreadIn(NetworkNamespace ns) {
        return io.netns.internal.sys.CurrentNamespace.inode() == ns.inode();
    }

    private static int createFd(int[] groups, int bufferBytes) {
        int fd = SocketCalls.socket(Linux.AF_NETLINK, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC, Nlmsg.NETLINK_ROUTE);
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

    int nextSeq() {
        seq = seq == Integer.MAX_VALUE ? 1 : seq + 1;
        return seq;
    }

    /** Sends everything the writer holds in one datagram, then resets it. */
    void flush() {
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
    boolean receive(boolean dontWait) {
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

    /** Waits up to {@code millis} for something to read. */
    boolean poll(int millis) {
        return SocketCalls.pollIn(fd, millis);
    }

    /** Turns an NLMSG_ERROR with errno != 0 into the exception for {@code target}. */
    static NetlinkException failure(ErrorMessage e, String target) {
        return new NetlinkException(MessageTypes.name(e.requestType()), target, e.errno(), e.message(), e.offset());
    }

    static boolean isEnobufs(NetnsException e) {
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
