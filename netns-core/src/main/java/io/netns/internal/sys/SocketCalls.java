// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import io.netns.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static io.netns.internal.sys.Downcalls.fail;
import static io.netns.internal.sys.Downcalls.once;
import static io.netns.internal.sys.Downcalls.ptr;
import static io.netns.internal.sys.Downcalls.retrying;
import static io.netns.internal.sys.Syscall.*;
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

    /** {@code socket(domain, type, protocol)}. */
    public static int socket(int domain, int type, int protocol) {
        long fd = once(c -> (long) SYSCALL.invokeExact(c, SYS_socket, (long) domain, (long) type, (long) protocol, 0L, 0L, 0L));
        if (fd < 0) {
            throw fail("socket", "domain " + domain + " protocol " + protocol, fd);
        }
        return (int) fd;
    }

    /** {@code bind(fd, addr, addr.byteSize())}. */
    public static void bind(int fd, MemorySegment addr) {
        long rc = once(c -> (long) SYSCALL.invokeExact(c, SYS_bind, (long) fd, ptr(addr), addr.byteSize(), 0L, 0L, 0L));
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
            rc = once(c -> (long) SYSCALL.invokeExact(c, SYS_getsockname, (long) fd, ptr(addr), ptr(len), 0L, 0L, 0L));
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
            rc = once(c -> (long) SYSCALL.invokeExact(c, SYS_setsockopt, (long) fd, (long) level, (long) name, ptr(v), 4L, 0L));
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
            rc = once(c -> (long) SYSCALL.invokeExact(c, SYS_getsockopt, (long) fd, (long) level, (long) name, ptr(v), ptr(len), 0L));
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
        long rc = retrying(c -> (long) SYSCALL.invokeExact(c, SYS_sendto, (long) fd, ptr(buf), len, (long) flags, 0L, 0L));
        if (rc < 0) {
            throw fail("sendto", "fd " + fd, rc);
        }
        return rc;
    }

    /** {@code sendmsg(fd, msghdr, flags)}, retrying on EINTR. */
    public static long sendmsg(int fd, MemorySegment msghdr, int flags) {
        long rc = retrying(c -> (long) SYSCALL.invokeExact(c, SYS_sendmsg, (long) fd, ptr(msghdr), (long) flags, 0L, 0L, 0L));
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
        long rc = retrying(c -> (long) SYSCALL.invokeExact(c, SYS_recvfrom, (long) fd, ptr(buf), len, (long) flags, ptr(addr), ptr(addrLen)));
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
            MemorySegment timeout = arena.allocate(16, 8); // struct timespec {tv_sec, tv_nsec}
            long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000L;
            while (true) {
                PollFd.set(pfd, fd, Linux.POLLIN);
                long remaining = timeoutMillis < 0 ? -1 : Math.max(0, deadline - System.nanoTime());
                if (remaining >= 0) {
                    timeout.set(JAVA_LONG, 0, remaining / 1_000_000_000L);
                    timeout.set(JAVA_LONG, 8, remaining % 1_000_000_000L);
                }
                long tmo = remaining < 0 ? 0L : ptr(timeout);
                // ppoll: aarch64 has no poll; no signal mask (NULL), whose size is then not looked at
                long rc = once(c -> (long) SYSCALL.invokeExact(c, SYS_ppoll, ptr(pfd), 1L, tmo, 0L, 8L, 0L));
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
