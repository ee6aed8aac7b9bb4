// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.FileCalls;
import io.netns.internal.sys.Linux;
import io.netns.internal.sys.Stat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A registry's run directory, opened without trusting its path: every component is opened with
 * {@code O_NOFOLLOW} relative to the one before (a symlink anywhere on the path is refused, not
 * followed), and everything afterwards goes through descriptors, so nothing can be redirected
 * between a check and a use. The directory must be owned by root or by this process's user and
 * not be writable by group or others, and no directory above it may be writable by others unless
 * it is sticky (as {@code /tmp} is): otherwise another user could replace a name with a symlink
 * between its creation and its mount, and root would mount the namespace over the file it points
 * to.
 *
 * <p>{@link #fd()} is the directory as seen now (its topmost mount). For {@code create}, the
 * directory is also locked with {@code flock} (as iproute2 locks it) and made a shared mount point.
 */
final class RunDirectory implements AutoCloseable {
    private static final int DIR_MODE = 0755;
    private static final int WRITABLE_BY_OTHERS = Linux.S_IWGRP | Linux.S_IWOTH;

    private final Path dir;
    private final String shown;
    /** The parent directory (O_PATH), to open the directory again after a mount changed it. */
    private final int parentFd;
    private final String last;
    /** The directory for reading (O_RDONLY): its topmost mount when it was last opened. */
    private int fd;
    /** The descriptor holding the flock, or -1. */
    private int lockFd = -1;

    private RunDirectory(Path dir, int parentFd, String last, int fd) {
        this.dir = dir;
        this.shown = dir.toString();
        this.parentFd = parentFd;
        this.last = last;
        this.fd = fd;
    }

    /** The run directory for lookups, or null if it does not exist. */
    static RunDirectory openExisting(Path dir) {
        return open(dir, false);
    }

    /**
     * The run directory for {@code create}: made if missing (mode 0755, like {@code mkdir -p}),
     * locked, and made a shared mount point (bound onto itself first if it is not a mount point),
     * as iproute2 does.
     */
    static RunDirectory openForCreate(Path dir) {
        RunDirectory run = open(dir, true);
        try {
            run.lockAndShare();
            return run;
        } catch (RuntimeException | Error e) {
            run.close();
            throw e;
        }
    }

    /** {@return the directory's descriptor (O_RDONLY | O_DIRECTORY)} */
    int fd() {
        return fd;
    }

    /** {@return {@code /proc/self/fd/N} of a descriptor: a mount through it acts on that very file} */
    static String fdPath(int fd) {
        return "/proc/self/fd/" + fd;
    }

    private static RunDirectory open(Path dir, boolean create) {
        int n = dir.getNameCount();
        int cur = FileCalls.open("/", Linux.O_PATH | Linux.O_DIRECTORY | Linux.O_CLOEXEC, 0);
        String curPath = "";
        try {
            checkAncestor(dir, cur, "/");
            for (int i = 0; i < n - 1; i++) {
                String part = dir.getName(i).toString();
                int next = step(dir, cur, curPath, part, create, Linux.O_PATH);
                if (next < 0) {
                    FileCalls.closeQuietly(cur);
                    return null;
                }
                FileCalls.closeQuietly(cur);
                cur = next;
                curPath = curPath + "/" + part;
                checkAncestor(dir, cur, curPath);
            }
            String last = dir.getName(n - 1).toString();
            int fd = step(dir, cur, curPath, last, create, Linux.O_RDONLY);
            if (fd < 0) {
                FileCalls.closeQuietly(cur);
                return null;
            }
            RunDirectory run = new RunDirectory(dir, cur, last, fd);
            cur = -1; // the run directory owns it now
            try {
                run.checkTrusted(fd);
            } catch (RuntimeException e) {
                run.close();
                throw e;
            }
            return run;
        } catch (RuntimeException | Error e) {
            FileCalls.closeQuietly(cur);
            throw e;
        }
    }

    /** Opens {@code name} under {@code parent} as a directory, never through a symlink; -1 if missing. */
    private static int step(Path dir, int parent, String parentPath, String name, boolean create, int mode) {
        String path = parentPath + "/" + name;
        int flags = mode | Linux.O_DIRECTORY | Linux.O_NOFOLLOW | Linux.O_CLOEXEC;
        for (int attempt = 0; ; attempt++) {
            try {
                return FileCalls.openat(parent, name, flags, 0, path);
            } catch (NetnsException e) {
                if (e.errno() == Errno.ENOENT && create && attempt == 0) {
                    try {
                        FileCalls.mkdirat(parent, name, DIR_MODE, path);
                    } catch (NetnsException raced) {
                        if (raced.errno() != Errno.EEXIST) {
                            throw new NetnsException("cannot create run directory " + dir + ": "
                                    + raced.getMessage(), "mkdir", path, raced.errno(), null, raced);
                        }
                    }
                    continue;
                }
                if (e.errno() == Errno.ENOENT) {
                    return -1;
                }
                if (e.errno() == Errno.ELOOP || e.errno() == Errno.ENOTDIR) {
                    throw notADirectory(dir, parent, name, path, e);
                }
                throw e;
            }
        }
    }

    private static NetnsException notADirectory(Path dir, int parent, String name, String path, NetnsException e) {
        boolean symlink;
        try {
            symlink = FileCalls.statx(parent, name, Linux.AT_SYMLINK_NOFOLLOW, path).isSymlink();
        } catch (NetnsException gone) {
            symlink = false;
        }
        if (!symlink) {
            return new NetnsException("run directory " + dir + ": " + path + " is not a directory", "open", path,
                    Errno.ENOTDIR, null, e);
        }
        String real;
        try {
            Path link = Path.of(path);
            real = ", name the real directory instead (" + link.toRealPath().resolve(link.relativize(dir)) + ")";
        } catch (IOException | RuntimeException unresolved) {
            real = ", name the real directory instead";
        }
        return new NetnsException("run directory " + dir + ": " + path + " is a symbolic link; it is not followed"
                + " (another user able to change it could redirect where namespaces are mounted)" + real,
                "open", path, Errno.ELOOP, null, e);
    }

    /** A directory above the run directory must not let others rename what is below it. */
    private static void checkAncestor(Path dir, int fd, String path) {
        Stat st = FileCalls.fstat(fd, path);
        if ((st.mode() & WRITABLE_BY_OTHERS) != 0 && (st.mode() & Linux.S_ISVTX) == 0) {
            throw new NetnsException("run directory " + dir + " refused: " + path + " is writable by "
                    + writers(st.mode()) + " and not sticky (mode " + mode(st.mode()) + "), so another user could"
                    + " replace the run directory; use a directory whose parents only root can change");
        }
    }

    /** The run directory itself: owned by root or by this process's user, writable by nobody else. */
    private void checkTrusted(int dirFd) {
        Stat st = FileCalls.fstat(dirFd, shown);
        long euid = FileCalls.geteuid();
        if (st.uid() != 0 && st.uid() != euid && !unmappedOwner(st.uid())) {
            throw new NetnsException("run directory " + shown + " refused: it is owned by uid " + st.uid()
                    + ", neither root nor this process (uid " + euid + "), and its owner could replace a name with"
                    + " a symlink between its creation and its mount (chown root " + shown + ")");
        }
        if ((st.mode() & WRITABLE_BY_OTHERS) != 0) {
            throw new NetnsException("run directory " + shown + " refused: it is writable by " + writers(st.mode())
                    + " (mode " + mode(st.mode()) + "), who could replace a name with a symlink between its creation"
                    + " and its mount (chmod go-w " + shown + ")");
        }
    }

    /**
     * Whether {@code uid} is the overflow id a user namespace shows for owners it does not map: in a
     * rootless JVM the host's root owns {@code /}, {@code /run/netns} and such. A mount made from
     * there lands in that user namespace's own mount namespace, invisible to the owner.
     */
    private static boolean unmappedOwner(long uid) {
        try {
            // one read from offset 0: a sysctl file answers a read at a later offset with EOF, and
            // Files.readString of a file whose size says 0 reads one byte first
            long overflow;
            try (InputStream in = Files.newInputStream(Path.of("/proc/sys/kernel/overflowuid"))) {
                overflow = Long.parseLong(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
            }
            String uidMap = Files.readString(Path.of("/proc/self/uid_map")).strip();
            return uid == overflow && !uidMap.matches("0\\s+0\\s+4294967295");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String writers(int mode) {
        boolean group = (mode & Linux.S_IWGRP) != 0;
        boolean others = (mode & Linux.S_IWOTH) != 0;
        return group && others ? "group and others" : group ? "its group" : "others";
    }

    private static String mode(int mode) {
        return String.format("0%o", mode & 07777);
    }

    // ------------------------------------------------------------------ create: lock and share

    private void lockAndShare() {
        FileCalls.flock(fd, Linux.LOCK_EX, shown);
        lockFd = fd;
        // a creator that got the lock after ours made the directory a mount point sees that mount now
        fd = reopen();
        makeShared();
    }

    /** Opens the directory again from its parent (crossing mounts made since), the same directory. */
    private int reopen() {
        int again = FileCalls.openat(parentFd, last, Linux.O_RDONLY | Linux.O_DIRECTORY | Linux.O_NOFOLLOW
                | Linux.O_CLOEXEC, 0, shown);
        try {
            if (!FileCalls.fstat(again, shown).sameFile(FileCalls.fstat(lockFd, shown))) {
                throw new NetnsException("run directory " + shown + " was replaced while it was being opened");
            }
            checkTrusted(again);
            return again;
        } catch (RuntimeException e) {
            FileCalls.closeQuietly(again);
            throw e;
        }
    }

    private void makeShared() {
        try {
            FileCalls.mount("", fdPath(fd), "none", Linux.MS_SHARED | Linux.MS_REC, null, shown);
            return;
        } catch (NetnsException e) {
            // EINVAL: not a mount point yet. Make it one (bound onto itself), detach it from the
            // parent's peer group, then share it.
            if (e.errno() != Errno.EINVAL) {
                throw e;
            }
        }
        FileCalls.mount(fdPath(fd), fdPath(fd), "none", Linux.MS_BIND | Linux.MS_REC, null, shown + " -> " + shown);
        int top = reopen(); // the new mount, on top of the descriptor we hold
        replaceFd(top);
        FileCalls.mount("", fdPath(fd), "none", Linux.MS_PRIVATE | Linux.MS_REC, null, shown);
        FileCalls.mount("", fdPath(fd), "none", Linux.MS_SHARED | Linux.MS_REC, null, shown);
    }

    private void replaceFd(int newFd) {
        if (fd != lockFd) {
            FileCalls.closeQuietly(fd);
        }
        fd = newFd;
    }

    /** Closes the descriptors; closing the locked one releases the lock. */
    @Override
    public void close() {
        if (fd != lockFd) {
            FileCalls.closeQuietly(fd);
        }
        FileCalls.closeQuietly(lockFd);
        FileCalls.closeQuietly(parentFd);
        fd = -1;
        lockFd = -1;
    }
}
