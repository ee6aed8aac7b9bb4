package io.netns.internal.sys;

import io.netns.Errno;
import io.netns.NetnsException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Every downcall of the library: the only class that touches native code.
 *
 * <p>Each method handle is built once. Every call that can fail captures {@code errno} through
 * {@link Linker.Option#captureCallState(String...)} into a per-thread segment (so nothing is
 * allocated on the hot path) and turns a failure into a {@link NetnsException} carrying the errno
 * number and name, the operation and its target. {@code EINTR} is retried where POSIX allows it.
 * Strings are copied to native memory in a confined arena that is closed before the call returns.
 */
public final class Sys {
    private Sys() {
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /** One errno capture segment per thread, allocated once and freed with the thread. */
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LIBC.find(name)
                .orElseThrow(() -> new UnsupportedOperationException("libc has no " + name + "()"));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    private static MethodHandle failing(String name, FunctionDescriptor descriptor) {
        return downcall(name, descriptor, CAPTURE_ERRNO);
    }

    private static final MethodHandle SETNS = failing("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle UNSHARE = failing("unshare", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle MOUNT = failing("mount",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    private static final MethodHandle UMOUNT2 = failing("umount2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle OPENAT = downcall("openat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(3));
    private static final MethodHandle CLOSE = failing("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle STATX = failing("statx",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle FSTATFS = failing("fstatfs", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle STATFS = failing("statfs", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle IOCTL = downcall("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle GETTID = downcall("gettid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle FLOCK = failing("flock", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle MKDIRAT = failing("mkdirat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle UNLINKAT = failing("unlinkat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SOCKET = failing("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = failing("bind",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = failing("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SETSOCKOPT = failing("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = failing("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SENDTO = failing("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDMSG = failing("sendmsg",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVFROM = failing("recvfrom",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle POLL = failing("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle READLINKAT = failing("readlinkat",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle MALLOC = downcall("malloc", FunctionDescriptor.of(ADDRESS, JAVA_LONG));
    private static final MethodHandle REALLOC = downcall("realloc",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle FREE = downcall("free", FunctionDescriptor.ofVoid(ADDRESS));

    private static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    private static NetnsException fail(String operation, String target, int errno) {
        return new NetnsException(operation, target, errno);
    }

    private static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("downcall failed", t);
    }

    // ---------------------------------------------------------------- namespaces

    /**
     * {@code setns(fd, nstype)}: moves the calling OS thread into the namespace {@code fd} refers to.
     *
     * @param fd a namespace file descriptor
     * @param nstype the expected namespace type ({@link Linux#CLONE_NEWNET}) or 0
     * @param target what the fd is, for the error message
     */
    public static void setns(int fd, int nstype, String target) {
        FaultInjection.Hook hook = FaultInjection.setns;
        if (hook != null) {
            int injected = hook.errnoFor(fd, target);
            if (injected != 0) {
                throw fail("setns", target, injected);
            }
        }
        MemorySegment capture = CAPTURE.get();
        int rc;
        try {
            rc = (int) SETNS.invokeExact(capture, fd, nstype);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc != 0) {
            throw fail("setns", target, errno(capture));
        }
    }

    /** {@code unshare(flags)} for the calling thread. */
    public static void unshare(int flags) {
        MemorySegment capture = CAPTURE.get();
        int rc;
        try {
            rc = (int) UNSHARE.invokeExact(capture, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc != 0) {
            throw fail("unshare", flagsName(flags), errno(capture));
        }
    }

    private static String flagsName(int flags) {
        StringBuilder sb = new StringBuilder();
        if ((flags & Linux.CLONE_NEWNET) != 0) {
            sb.append("CLONE_NEWNET");
        }
        if ((flags & Linux.CLONE_NEWNS) != 0) {
            sb.append(sb.isEmpty() ? "" : "|").append("CLONE_NEWNS");
        }
        if ((flags & Linux.CLONE_NEWUSER) != 0) {
            sb.append(sb.isEmpty() ? "" : "|").append("CLONE_NEWUSER");
        }
        return sb.isEmpty() ? "0x" + Integer.toHexString(flags) : sb.toString();
    }

    /** {@code mount(source, target, fstype, flags, data)}; {@code null} strings are passed as NULL. */
    public static void mount(String source, String target, String fstype, long flags, String data) {
        MemorySegment capture = CAPTURE.get();
        int rc;
        try (Arena arena = Arena.ofConfined()) {
            rc = (int) MOUNT.invokeExact(capture, cstr(arena, source), cstr(arena, target), cstr(arena, fstype),
                    flags, cstr(arena, data));
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc != 0) {
            throw fail("mount", (source == null || source.isEmpty() ? "" : source + " -> ") + target,
                    errno(capture));
        }
    }

    /** {@code umount2(target, flags)}. */
    public static void umount2(String target, int flags) {
        MemorySegment capture = CAPTURE.get();
        int rc;
        try (Arena arena = Arena.ofConfined()) {
            rc = (int) UMOUNT2.invokeExact(capture, arena.allocateFrom(target), flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc != 0) {
            throw fail("umount2", target, errno(capture));
        }
    }

    // ---------------------------------------------------------------- files

    /** {@code open(path, flags, mode)} relative to the working directory. */
    public static int open(String path, int flags, int mode) {
        return openat(Linux.AT_FDCWD, path, flags, mode, path);
    }

    /**
     * {@code openat(dirfd, path, flags, mode)}.
     *
     * @param shownPath the path to name in an error message (the full path, not the relative one)
     * @return the new file descriptor
     */
    public static int openat(int dirfd, String path, int flags, int mode, String shownPath) {
        MemorySegment capture = CAPTURE.get();
        while (true) {
            int fd;
            try (Arena arena = Arena.ofConfined()) {
                fd = (int) OPENAT.invokeExact(capture, dirfd, arena.allocateFrom(path), flags, mode);
            } catch (Throwable t) {
                throw unexpected(t);
            }
            if (fd >= 0) {
                return fd;
            }
            int errno = errno(capture);
            if (errno != Errno.EINTR) {
                throw fail("open", shownPath, errno);
            }
        }
    }

    /** {@code close(fd)}. EINTR is not retried: on Linux the descriptor is released anyway. */
    public static void close(int fd) {
        MemorySegment capture = CAPTURE.get();
        int rc;
        try {
            rc = (int) CLOSE.invokeExact(capture, fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc != 0 && errno(capture) != Errno.EINTR) {
            throw fail("close", "fd " + fd, errno(capture));
        }
    }

    /** Closes without throwing; for cleanup paths that already report another failure. */
    public static void closeQuietly(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            close(fd);
        } catch (RuntimeException ignored) {
            // the primary failure is what the caller reports
        }
    }

    /**
     * {@code statx(dirfd, path, flags, STATX_BASIC_STATS|STATX_MNT_ID)}. Pass {@code ""} and
     * {@link Linux#AT_EMPTY_PATH} to stat an open descriptor.
     */
    public static Stat statx(int dirfd, String path, int flags, String shownPath) {
        MemorySegment capture = CAPTURE.get();
        int rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(256, 8);
            rc = (int) STATX.invokeExact(capture, dirfd, arena.allocateFrom(path), flags,
                    Linux.STATX_BASIC_STATS | Linux.STATX_MNT_ID, buf);
            if (rc == 0) {
                return Stat.fromStatx(buf);
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
        throw fail("statx", shownPath, errno(capture));
    }

    /**
     * {@code readlinkat(dirfd, name, buf, buf.byteSize())}: the link's target bytes in {@code buf}.
     *
     * @param name a NUL-terminated name (the caller keeps it, so nothing is allocated per call)
     * @return the number of bytes written (not NUL-terminated)
     */
    public static int readlinkat(int dirfd, MemorySegment name, MemorySegment buf, String shownPath) {
        MemorySegment capture = CAPTURE.get();
        long n;
        try {
            n = (long) READLINKAT.invokeExact(capture, dirfd, name, buf, buf.byteSize());
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (n < 0) {
            throw fail("readlink", shownPath, errno(capture));
        }
        return (int) n;
    }

    /** {@code stat(path)}, following symlinks. */
    public static Stat stat(String path) {
        return statx(Linux.AT_FDCWD, path, 0, path);
    }

    /** {@code fstat(fd)}. */
    public static Stat fstat(int fd, String shownPath) {
        return statx(fd, "", Linux.AT_EMPTY_PATH, shownPath);
    }

    /** {@code fstatfs(fd).f_type}: the file system magic number. */
    public static long fstatfsType(int fd, String shownPath) {
        MemorySegment capture = CAPTURE.get();
        int rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(StatFs.SIZE, 8);
            rc = (int) FSTATFS.invokeExact(capture, fd, buf);
            if (rc == 0) {
                return StatFs.type(buf);
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
        throw fail("fstatfs", shownPath, errno(capture));
    }

    /** {@code statfs(path)}: the file system's magic number and mount flags. */
    public static StatFs statfs(String path) {
        MemorySegment capture = CAPTURE.get();
        int rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(StatFs.SIZE, 8);
            rc = (int) STATFS.invokeExact(capture, arena.allocateFrom(path), buf);
            if (rc == 0) {
                return StatFs.of(buf);
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
        throw fail("statfs", path, errno(capture));
    }

    /** {@code ioctl(fd, request, arg)}; {@code arg} may be {@link MemorySegment#NULL}. */
    public static int ioctl(int fd, long request, MemorySegment arg, String operation, String target) {
        MemorySegment capture = CAPTURE.get();
        int rc;
        try {
            rc = (int) IOCTL.invokeExact(capture, fd, request, arg);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc < 0) {
            throw fail(operation, target, errno(capture));
        }
        return rc;
    }

    /** {@code gettid()}: the kernel id of the calling OS thread (cannot fail). */
    public static int gettid() {
        try {
            return (int) GETTID.invokeExact();
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code flock(fd, operation)}, retrying on EINTR. */
    public static void flock(int fd, int operation, String shownPath) {
        MemorySegment capture = CAPTURE.get();
        while (true) {
            int rc;
            try {
                rc = (int) FLOCK.invokeExact(capture, fd, operation);
            } catch (Throwable t) {
                throw unexpected(t);
            }
            if (rc == 0) {
                return;
            }
            int errno = errno(capture);
            if (errno != Errno.EINTR) {
                throw fail("flock", shownPath, errno);
            }
        }
    }

    /** {@code mkdirat(dirfd, path, mode)}. */
    public static void mkdirat(int dirfd, String path, int mode, String shownPath) {
        MemorySegment capture = CAPTURE.get();
        int rc;
        try (Arena arena = Arena.ofConfined()) {
            rc = (int) MKDIRAT.invokeExact(capture, dirfd, arena.allocateFrom(path), mode);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc != 0) {
            throw fail("mkdir", shownPath, errno(capture));
        }
    }

    /** {@code unlinkat(dirfd, path, flags)}. */
    public static void unlinkat(int dirfd, String path, int flags, String shownPath) {
        MemorySegment capture = CAPTURE.get();
        int rc;
        try (Arena arena = Arena.ofConfined()) {
            rc = (int) UNLINKAT.invokeExact(capture, dirfd, arena.allocateFrom(path), flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc != 0) {
            throw fail("unlink", shownPath, errno(capture));
        }
    }

    // ---------------------------------------------------------------- sockets

    /** {@code socket(domain, type, protocol)}. */
    public static int socket(int domain, int type, int protocol) {
        MemorySegment capture = CAPTURE.get();
        int fd;
        try {
            fd = (int) SOCKET.invokeExact(capture, domain, type, protocol);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (fd < 0) {
            throw fail("socket", "domain " + domain + " protocol " + protocol, errno(capture));
        }
        return fd;
    }

    /** {@code bind(fd, addr, addr.byteSize())}. */
    public static void bind(int fd, MemorySegment addr) {
        MemorySegment capture = CAPTURE.get();
        int rc;
        try {
            rc = (int) BIND.invokeExact(capture, fd, addr, (int) addr.byteSize());
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc != 0) {
            throw fail("bind", "fd " + fd, errno(capture));
        }
    }

    /** {@code getsockname(fd, addr, &len)}; returns the length the kernel wrote. */
    public static int getsockname(int fd, MemorySegment addr) {
        MemorySegment capture = CAPTURE.get();
        int rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, (int) addr.byteSize());
            rc = (int) GETSOCKNAME.invokeExact(capture, fd, addr, len);
            if (rc == 0) {
                return len.get(JAVA_INT, 0);
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
        throw fail("getsockname", "fd " + fd, errno(capture));
    }

    /** {@code setsockopt(fd, level, name, &value, sizeof(int))}. */
    public static void setsockopt(int fd, int level, int name, int value) {
        MemorySegment capture = CAPTURE.get();
        int rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            v.set(JAVA_INT, 0, value);
            rc = (int) SETSOCKOPT.invokeExact(capture, fd, level, name, v, 4);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (rc != 0) {
            throw fail("setsockopt", "level " + level + " option " + name, errno(capture));
        }
    }

    /** {@code getsockopt(fd, level, name)} of an int option. */
    public static int getsockoptInt(int fd, int level, int name) {
        MemorySegment capture = CAPTURE.get();
        int rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, 4);
            rc = (int) GETSOCKOPT.invokeExact(capture, fd, level, name, v, len);
            if (rc == 0) {
                return v.get(JAVA_INT, 0);
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
        throw fail("getsockopt", "level " + level + " option " + name, errno(capture));
    }

    /**
     * {@code send(fd, buf, len, flags)} to the socket's default destination, retrying on EINTR.
     *
     * @return the number of bytes sent
     */
    public static long send(int fd, MemorySegment buf, long len, int flags) {
        MemorySegment capture = CAPTURE.get();
        while (true) {
            long rc;
            try {
                rc = (long) SENDTO.invokeExact(capture, fd, buf, len, flags, MemorySegment.NULL, 0);
            } catch (Throwable t) {
                throw unexpected(t);
            }
            if (rc >= 0) {
                return rc;
            }
            int errno = errno(capture);
            if (errno != Errno.EINTR) {
                throw fail("sendto", "fd " + fd, errno);
            }
        }
    }

    /** {@code sendmsg(fd, msghdr, flags)}, retrying on EINTR. */
    public static long sendmsg(int fd, MemorySegment msghdr, int flags) {
        MemorySegment capture = CAPTURE.get();
        while (true) {
            long rc;
            try {
                rc = (long) SENDMSG.invokeExact(capture, fd, msghdr, flags);
            } catch (Throwable t) {
                throw unexpected(t);
            }
            if (rc >= 0) {
                return rc;
            }
            int errno = errno(capture);
            if (errno != Errno.EINTR) {
                throw fail("sendmsg", "fd " + fd, errno);
            }
        }
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
        MemorySegment capture = CAPTURE.get();
        while (true) {
            long rc;
            try {
                rc = (long) RECVFROM.invokeExact(capture, fd, buf, len, flags, addr, addrLen);
            } catch (Throwable t) {
                throw unexpected(t);
            }
            if (rc >= 0) {
                return rc;
            }
            int errno = errno(capture);
            if (errno == Errno.EAGAIN && (flags & Linux.MSG_DONTWAIT) != 0) {
                return -1;
            }
            if (errno != Errno.EINTR) {
                throw fail("recvfrom", "fd " + fd, errno);
            }
        }
    }

    /**
     * {@code poll()} on one descriptor for {@link Linux#POLLIN}.
     *
     * @param timeoutMillis -1 to wait forever
     * @return whether the descriptor became readable before the timeout
     */
    public static boolean pollIn(int fd, int timeoutMillis) {
        MemorySegment capture = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pfd = arena.allocate(8, 4);
            long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000L;
            while (true) {
                pfd.set(JAVA_INT, 0, fd);
                pfd.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 4, Linux.POLLIN);
                pfd.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 6, (short) 0);
                int remaining = timeoutMillis < 0 ? -1
                        : (int) Math.max(0, (deadline - System.nanoTime() + 999_999) / 1_000_000L);
                int rc = (int) POLL.invokeExact(capture, pfd, 1L, remaining);
                if (rc > 0) {
                    return true;
                }
                if (rc == 0) {
                    return false;
                }
                int errno = errno(capture);
                if (errno != Errno.EINTR) {
                    throw fail("poll", "fd " + fd, errno);
                }
            }
        } catch (NetnsException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    // ---------------------------------------------------------------- memory

    /**
     * {@code malloc(size)}: native memory that is neither zeroed nor tied to an arena. Large blocks
     * come from mmap and cost nothing until touched, and freeing needs no handshake with other
     * threads (closing a shared arena does). Pair with {@link #free}.
     *
     * @return a segment of {@code size} bytes
     * @throws OutOfMemoryError if the C library has no memory
     */
    public static MemorySegment malloc(long size) {
        MemorySegment p;
        try {
            p = (MemorySegment) MALLOC.invokeExact(size);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (p.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("malloc(" + size + ") failed");
        }
        return p.reinterpret(size);
    }

    /** {@code realloc(segment, size)}: the old segment must not be used afterwards. */
    public static MemorySegment realloc(MemorySegment segment, long size) {
        MemorySegment p;
        try {
            p = (MemorySegment) REALLOC.invokeExact(segment, size);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (p.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("realloc(" + size + ") failed");
        }
        return p.reinterpret(size);
    }

    /** {@code free(segment)} of memory from {@link #malloc}; the segment must not be used afterwards. */
    public static void free(MemorySegment segment) {
        try {
            FREE.invokeExact(segment);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    private static MemorySegment cstr(Arena arena, String s) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s);
    }
}
