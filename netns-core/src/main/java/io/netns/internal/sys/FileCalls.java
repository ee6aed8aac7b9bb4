// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import io.netns.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static io.netns.internal.sys.Downcalls.capturing;
import static io.netns.internal.sys.Downcalls.capturingVariadic;
import static io.netns.internal.sys.Downcalls.cstr;
import static io.netns.internal.sys.Downcalls.fail;
import static io.netns.internal.sys.Downcalls.once;
import static io.netns.internal.sys.Downcalls.retrying;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Files, descriptors and mounts: {@code open}, {@code close}, {@code statx}, {@code statfs},
 * {@code readlinkat}, {@code ioctl}, {@code flock}, {@code mkdirat}, {@code unlinkat},
 * {@code mount}, {@code umount2}. Strings are copied to native memory in a confined arena that is
 * closed before the call returns.
 */
public final class FileCalls {
    private FileCalls() {
    }

    private static final MethodHandle OPENAT = capturingVariadic("openat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), 3);
    private static final MethodHandle CLOSE = capturing("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle STATX = capturing("statx",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle FSTATFS = capturing("fstatfs",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle STATFS = capturing("statfs", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle READLINKAT = capturing("readlinkat",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle IOCTL = capturingVariadic("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), 2);
    private static final MethodHandle FLOCK = capturing("flock", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle MKDIRAT = capturing("mkdirat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle UNLINKAT = capturing("unlinkat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle MOUNT = capturing("mount",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    private static final MethodHandle UMOUNT2 = capturing("umount2",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));

    /** {@code open(path, flags, mode)} relative to the working directory. */
    public static int open(String path, int flags, int mode) {
        return openat(Linux.AT_FDCWD, path, flags, mode, path);
    }

    /**
     * {@code openat(dirfd, path, flags, mode)}, retrying on EINTR.
     *
     * @param shownPath the path to name in an error message (the full path, not the relative one)
     * @return the new file descriptor
     */
    public static int openat(int dirfd, String path, int flags, int mode, String shownPath) {
        long fd;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            fd = retrying(c -> (int) OPENAT.invokeExact(c, dirfd, p, flags, mode));
        }
        if (fd < 0) {
            throw fail("open", shownPath, fd);
        }
        return (int) fd;
    }

    /** {@code close(fd)}. EINTR is not retried: on Linux the descriptor is released anyway. */
    public static void close(int fd) {
        long rc = once(c -> (int) CLOSE.invokeExact(c, fd));
        if (rc != 0 && rc != -Errno.EINTR) {
            throw fail("close", "fd " + fd, rc);
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
        long rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            MemorySegment buf = arena.allocate(Statx.LAYOUT);
            rc = once(c -> (int) STATX.invokeExact(c, dirfd, p, flags,
                    Linux.STATX_BASIC_STATS | Linux.STATX_MNT_ID, buf));
            if (rc == 0) {
                return Statx.toStat(buf);
            }
        }
        throw fail("statx", shownPath, rc);
    }

    /** {@code stat(path)}, following symlinks. */
    public static Stat stat(String path) {
        return statx(Linux.AT_FDCWD, path, 0, path);
    }

    /** {@code fstat(fd)}. */
    public static Stat fstat(int fd, String shownPath) {
        return statx(fd, "", Linux.AT_EMPTY_PATH, shownPath);
    }

    /**
     * {@code readlinkat(dirfd, name, buf, buf.byteSize())}: the link's target bytes in {@code buf}.
     *
     * @param name a NUL-terminated name (the caller keeps it, so nothing is allocated per call)
     * @return the number of bytes written (not NUL-terminated)
     */
    public static int readlinkat(int dirfd, MemorySegment name, MemorySegment buf, String shownPath) {
        long n = once(c -> (long) READLINKAT.invokeExact(c, dirfd, name, buf, buf.byteSize()));
        if (n < 0) {
            throw fail("readlink", shownPath, n);
        }
        return (int) n;
    }

    /** {@code fstatfs(fd).f_type}: the file system magic number. */
    public static long fstatfsType(int fd, String shownPath) {
        long rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(StatFs.LAYOUT);
            rc = once(c -> (int) FSTATFS.invokeExact(c, fd, buf));
            if (rc == 0) {
                return StatFs.type(buf);
            }
        }
        throw fail("fstatfs", shownPath, rc);
    }

    /** {@code statfs(path)}: the file system's magic number and mount flags. */
    public static StatFs statfs(String path) {
        long rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            MemorySegment buf = arena.allocate(StatFs.LAYOUT);
            rc = once(c -> (int) STATFS.invokeExact(c, p, buf));
            if (rc == 0) {
                return StatFs.of(buf);
            }
        }
        throw fail("statfs", path, rc);
    }

    /** {@code ioctl(fd, request, arg)}; {@code arg} may be {@link MemorySegment#NULL}. */
    public static int ioctl(int fd, long request, MemorySegment arg, String operation, String target) {
        long rc = once(c -> (int) IOCTL.invokeExact(c, fd, request, arg));
        if (rc < 0) {
            throw fail(operation, target, rc);
        }
        return (int) rc;
    }

    /** {@code flock(fd, operation)}, retrying on EINTR. */
    public static void flock(int fd, int operation, String shownPath) {
        long rc = retrying(c -> (int) FLOCK.invokeExact(c, fd, operation));
        if (rc != 0) {
            throw fail("flock", shownPath, rc);
        }
    }

    /** {@code mkdirat(dirfd, path, mode)}. */
    public static void mkdirat(int dirfd, String path, int mode, String shownPath) {
        long rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            rc = once(c -> (int) MKDIRAT.invokeExact(c, dirfd, p, mode));
        }
        if (rc != 0) {
            throw fail("mkdir", shownPath, rc);
        }
    }

    /** {@code unlinkat(dirfd, path, flags)}. */
    public static void unlinkat(int dirfd, String path, int flags, String shownPath) {
        long rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            rc = once(c -> (int) UNLINKAT.invokeExact(c, dirfd, p, flags));
        }
        if (rc != 0) {
            throw fail("unlink", shownPath, rc);
        }
    }

    /** {@code mount(source, target, fstype, flags, data)}; {@code null} strings are passed as NULL. */
    public static void mount(String source, String target, String fstype, long flags, String data) {
        long rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = cstr(arena, source);
            MemorySegment dst = cstr(arena, target);
            MemorySegment type = cstr(arena, fstype);
            MemorySegment options = cstr(arena, data);
            rc = once(c -> (int) MOUNT.invokeExact(c, src, dst, type, flags, options));
        }
        if (rc != 0) {
            throw fail("mount", (source == null || source.isEmpty() ? "" : source + " -> ") + target, rc);
        }
    }

    /** {@code umount2(target, flags)}. */
    public static void umount2(String target, int flags) {
        long rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = arena.allocateFrom(target);
            rc = once(c -> (int) UMOUNT2.invokeExact(c, t, flags));
        }
        if (rc != 0) {
            throw fail("umount2", target, rc);
        }
    }
}
