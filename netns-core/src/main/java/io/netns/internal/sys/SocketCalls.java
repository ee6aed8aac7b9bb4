// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import io.netns.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static io.netns.internal.sys.Downcalls.capturing;
import static io.netns.internal.sys.Downcalls.fail;
import static io.netns.internal.sys.Downcalls.once;
import static io.netns.internal.sys.Downcalls.retrying;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Sockets: {@code socket}, {@code bind}, {@code getsockname}, {@code setsockopt},
 * {@code getsockopt}, {@code send}, {@code sendmsg}, {@code recvfrom}, {@code poll}. The netlink
 * socket of netns-netlink is their user; its address is a {@link SockaddrNl}.
 */
public final class SocketCalls {
    private SocketCalls() {
    }

    private static final MethodHandle SOCKET = capturing("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = capturing("bind",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = capturing("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SETSOCKOPT = capturing("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = capturing("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SENDTO = capturing("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDMSG = capturing("sendmsg",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVFROM = capturing("recvfrom",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle POLL = capturing("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));

    /** {@code socket(domain, type, protocol)}. */
    public static int socket(int domain, int type, int protocol) {
        long fd = once(c -> (int) SOCKET.invokeExact(c, domain, type, protocol));
        if (fd < 0) {
            throw fail("socket", "domain " + domain + " protocol " + protocol, fd);
        }
        return (int) fd;
    }

    /** {@code bind(fd, addr, addr.byteSize())}. */
    public static void bind(int fd, MemorySegment addr) {
        long rc = once(c -> (int) BIND.invokeExact(c, fd, addr, (int) addr.byteSize()));
        if (rc != 0) {
            throw fail("bind", "fd " + fd, rc);
        }
    }

    /** {@code getsockname(fd, addr, &len)}; returns the length the kernel wrote. */
    public static int getsockname(int fd, MemorySegment addr) {
        long rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, (int) addr.byteSize());
            rc = once(c -> (int) GETSOCKNAME.invokeExact(c, fd, addr, len));
            if (rc == 0) {
                return len.get(JAVA_INT, 0);
            }
        }
        throw fail("getsockname", "fd " + fd, rc);
    }

    /** {@code setsockopt(fd, level, name, &value, sizeof(int))}. */
    public static void setsockopt(int fd, int level, int name, int value) {
        long rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            v.set(JAVA_INT, 0, value);
            rc = once(c -> (int) SETSOCKOPT.invokeExact(c, fd, level, name, v, 4));
        }
        if (rc != 0) {
            throw fail("setsockopt", "level " + level + " option " + name, rc);
        }
    }

    /** {@code getsockopt(fd, level, name)} of an int option. */
    public static int getsockoptInt(int fd, int level, int name) {
        long rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, 4);
            rc = once(c -> (int) GETSOCKOPT.invokeExact(c, fd, level, name, v, len));
            if (rc == 0) {
                return v.get(JAVA_INT, 0);
            }
        }
        throw fail("getsockopt", "level " + level + " option " + name, rc);
    }

    /**
     * {@code send(fd, buf, len, flags)} to the socket's default destination, retrying on EINTR.
     *
     * @return the number of bytes sent
     */
    public static long send(int fd, MemorySegment buf, long len, int flags) {
        long rc = retrying(c -> (long) SENDTO.invokeExact(c, fd, buf, len, flags, MemorySegment.NULL, 0));
        if (rc < 0) {
            throw fail("sendto", "fd " + fd, rc);
        }
        return rc;
    }

    /** {@code sendmsg(fd, msghdr, flags)}, retrying on EINTR. */
    public static long sendmsg(int fd, MemorySegment msghdr, int flags) {
        long rc = retrying(c -> (long) SENDMSG.invokeExact(c, fd, msghdr, flags));
        if (rc < 0) {
            throw fail("sendmsg", "fd " + fd, rc);
        }
        return rc;
    }

    /**
     * {@code recvfrom(fd, buf, len, flags, addr, &addrlen)}, retrying on EINTR.
     *
     * @param addr where the sender's address goes, or {@link MemorySegment#NULL}
     * @param addrLen an int holding the size of {@code addr} (updated), or {@link MemorySegment#NULL}
     * @return the byte count; with {@link Linux#MSG_TRUNC} the real length of the datagram; -1 when
     *         {@link Linux#MSG_DONTWAIT} was given and nothing is queued
     */
    public static long recvfrom(int fd, MemorySegment buf, long len, int flags, MemorySegment addr,
                                MemorySegment addrLen) {
        long rc = retrying(c -> (long) RECVFROM.invokeExact(c, fd, buf, len, flags, addr, addrLen));
        if (rc >= 0) {
            return rc;
        }
        if (rc == -Errno.EAGAIN && (flags & Linux.MSG_DONTWAIT) != 0) {
            return -1;
        }
        throw fail("recvfrom", "fd " + fd, rc);
    }

    /**
     * {@code poll()} on one descriptor for {@link Linux#POLLIN}, retrying on EINTR with the time
     * that is left.
     *
     * @param timeoutMillis -1 to wait forever
     * @return whether the descriptor became readable before the timeout
     */
    public static boolean pollIn(int fd, int timeoutMillis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pfd = arena.allocate(PollFd.LAYOUT);
            long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000L;
            while (true) {
                PollFd.set(pfd, fd, Linux.POLLIN);
                int remaining = timeoutMillis < 0 ? -1
                        : (int) Math.max(0, (deadline - System.nanoTime() + 999_999) / 1_000_000L);
                long rc = once(c -> (int) POLL.invokeExact(c, pfd, 1L, remaining));
                if (rc > 0) {
                    return true;
                }
                if (rc == 0) {
                    return false;
                }
                if (rc != -Errno.EINTR) {
                    throw fail("poll", "fd " + fd, rc);
                }
            }
        }
    }
}
