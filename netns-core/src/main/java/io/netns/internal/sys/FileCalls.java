// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import io.netns.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static io.netns.internal.sys.Downcalls.cstr;
import static io.netns.internal.sys.Downcalls.fail;
import static io.netns.internal.sys.Downcalls.once;
import static io.netns.internal.sys.Downcalls.ptr;
import static io.netns.internal.sys.Downcalls.retrying;
import static io.netns.internal.sys.Syscall.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Files, descriptors and mounts: {@code open}, {@code close}, {@code write}, {@code statx},
 * {@code statfs}, {@code readlinkat}, {@code getdents64}, {@code ioctl}, {@code flock},
 * {@code mkdirat}, {@code unlinkat}, {@code mount}, {@code umount2}, {@code geteuid}. Strings are copied to native memory in a confined arena that is
 * closed before the call returns.
 */
public final class FileCalls {
    private FileCalls() {
    }

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
            fd = retrying(c -> (long) SYSCALL.invokeExact(c, SYS_openat, (long) dirfd, ptr(p), (long) flags, (long) mode, 0L, 0L));
        }
        if (fd < 0) {
            throw fail("open", shownPath, fd);
        }
        return (int) fd;
    }

    /** {@code close(fd)}. EINTR is not retried: on Linux the descriptor is released anyway. */
    public static void close(int fd) {
        long rc = once(c -> (long) SYSCALL.invokeExact(c, SYS_close, (long) fd, 0L, 0L, 0L, 0L, 0L));
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
            rc = once(c -> (long) SYSCALL.invokeExact(c, SYS_statx, (long) dirfd, ptr(p), (long) flags, (long) (Linux.STATX_BASIC_STATS | Linux.STATX_MNT_ID), ptr(buf), 0L));
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
        long n = once(c -> (long) SYSCALL.invokeExact(c, SYS_readlinkat, (long) dirfd, ptr(name), ptr(buf), buf.byteSize(), 0L, 0L));
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
            rc = once(c -> (long) SYSCALL.invokeExact(c, SYS_fstatfs, (long) fd, ptr(buf), 0L, 0L, 0L, 0L));
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
            rc = once(c -> (long) SYSCALL.invokeExact(c, SYS_statfs, ptr(p), ptr(buf), 0L, 0L, 0L, 0L));
            if (rc == 0) {
                return StatFs.of(buf);
            }
        }
        throw fail("statfs", path, rc);
    }

    /** {@code ioctl(fd, request, arg)}; {@code arg} may be {@link MemorySegment#NULL}. */
    public static int ioctl(int fd, long request, MemorySegment arg, String operation, String target) {
        long rc = once(c -> (long) SYSCALL.invokeExact(c, SYS_ioctl, (long) fd, request, ptr(arg), 0L, 0L, 0L));
        if (rc < 0) {
            throw fail(operation, target, rc);
        }
        return (int) rc;
    }

    /** {@code flock(fd, operation)}, retrying on EINTR. */
    public static void flock(int fd, int operation, String shownPath) {
        long rc = retrying(c -> (long) SYSCALL.invokeExact(c, SYS_flock, (long) fd, (long) operation, 0L, 0L, 0L, 0L));
        if (rc != 0) {
            throw fail("flock", shownPath, rc);
        }
    }

    /** {@code mkdirat(dirfd, path, mode)}. */
    public static void mkdirat(int dirfd, String path, int mode, String shownPath) {
        long rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            rc = once(c -> (long) SYSCALL.invokeExact(c, SYS_mkdirat, (long) dirfd, ptr(p), (long) mode, 0L, 0L, 0L));
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
            rc = once(c -> (long) SYSCALL.invokeExact(c, SYS_unlinkat, (long) dirfd, ptr(p), (long) flags, 0L, 0L, 0L));
        }
        if (rc != 0) {
            throw fail("unlink", shownPath, rc);
        }
    }

    /** {@code mount(source, target, fstype, flags, data)}; {@code null} strings are passed as NULL. */
    public static void mount(String source, String target, String fstype, long flags, String data) {
        mount(source, target, fstype, flags, data,
                (source == null || source.isEmpty() ? "" : source + " -> ") + target);
    }

    /**
     * As {@link #mount(String, String, String, long, String)}, naming {@code shown} in an error
     * message (a mount through {@code /proc/self/fd/N} names the files, not the descriptors).
     */
    public static void mount(String source, String target, String fstype, long flags, String data, String shown) {
        long rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = cstr(arena, source);
            MemorySegment dst = cstr(arena, target);
            MemorySegment type = cstr(arena, fstype);
            MemorySegment options = cstr(arena, data);
            rc = once(c -> (long) SYSCALL.invokeExact(c, SYS_mount, ptr(src), ptr(dst), ptr(type), flags, ptr(options), 0L));
        }
        if (rc != 0) {
            throw fail("mount", shown, rc);
        }
    }

    /** {@code umount2(target, flags)}. */
    public static void umount2(String target, int flags) {
        umount2(target, flags, target);
    }

    /** As {@link #umount2(String, int)}, naming {@code shown} in an error message. */
    public static void umount2(String target, int flags, String shown) {
        long rc;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = arena.allocateFrom(target);
            rc = once(c -> (long) SYSCALL.invokeExact(c, SYS_umount2, ptr(t), (long) flags, 0L, 0L, 0L, 0L));
        }
        if (rc != 0) {
            throw fail("umount2", shown, rc);
        }
    }

    /**
     * Writes all of {@code data} to {@code fd} in one {@code write(2)} (as sysctl(8) does: a
     * {@code /proc/sys} file takes its value in one write), retrying on EINTR.
     *
     * @return the number of bytes the kernel took
     */
    public static long write(int fd, byte[] data, String shownPath) {
        long n;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Math.max(1, data.length));
            MemorySegment.copy(data, 0, buf, JAVA_BYTE, 0, data.length);
            n = retrying(c -> (long) SYSCALL.invokeExact(c, SYS_write, (long) fd, ptr(buf), (long) data.length, 0L, 0L, 0L));
        }
        if (n < 0) {
            throw fail("write", shownPath, n);
        }
        return n;
    }

    /**
     * The names in the directory {@code dirFd} (opened for reading, at its start), as the bytes the
     * file system keeps, without {@code .} and {@code ..}: {@code getdents64(2)} until the end.
     * Java's own directory streams decode names with the platform encoding, which is lossy for
     * bytes that are not valid in it.
     */
    public static List<byte[]> readDirectory(int dirFd, String shownPath) {
        List<byte[]> names = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(32 * 1024, 8);
            while (true) {
                long n = retrying(c -> (long) SYSCALL.invokeExact(c, SYS_getdents64, (long) dirFd, ptr(buf),
                        buf.byteSize(), 0L, 0L, 0L));
                if (n < 0) {
                    throw fail("getdents64", shownPath, n);
                }
                if (n == 0) {
                    return names;
                }
                // struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
                for (long off = 0; off < n; ) {
                    int reclen = Short.toUnsignedInt(buf.get(JAVA_SHORT, off + 16));
                    long start = off + 19;
                    long end = start;
                    while (end < off + reclen && buf.get(JAVA_BYTE, end) != 0) {
                        end++;
                    }
                    byte[] name = buf.asSlice(start, end - start).toArray(JAVA_BYTE);
                    boolean dots = (name.length == 1 && name[0] == '.')
                            || (name.length == 2 && name[0] == '.' && name[1] == '.');
                    if (!dots) {
                        names.add(name);
                    }
                    off += reclen;
                }
            }
        }
    }

    /** {@code geteuid()}: the effective user id, as this process's user namespace maps it (cannot fail). */
    public static long geteuid() {
        return Integer.toUnsignedLong((int) once(c -> (long) SYSCALL.invokeExact(c, SYS_geteuid, 0L, 0L, 0L, 0L, 0L, 0L)));
    }
}
