// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import java.lang.foreign.MemorySegment;

/**
 * Cheap answers to "which network namespace is this OS thread in": each thread keeps a descriptor
 * of its own {@code /proc/thread-self/ns} directory, so a lookup is one {@code statx} or
 * {@code openat} of "net" in it instead of a full /proc path walk (about a third of the cost).
 * The descriptor is closed when the thread ends (its state becomes unreachable).
 */
public final class CurrentNamespace {
    /** Per-thread directory descriptor and scratch memory; the holder object's collection frees them. */
    private static final class Dir {
        final int fd;
        /** "net\0" then a 32-byte buffer for the link text "net:[4026531840]". */
        final MemorySegment scratch;

        Dir(int fd, MemorySegment scratch) {
            this.fd = fd;
            this.scratch = scratch;
        }
    }

    private static final ThreadLocal<Dir> DIR = ThreadLocal.withInitial(() -> {
        int fd = FileCalls.open("/proc/thread-self/ns", Linux.O_PATH | Linux.O_DIRECTORY | Linux.O_CLOEXEC, 0);
        MemorySegment scratch = Memory.malloc(36);
        scratch.setString(0, "net");
        Dir d = new Dir(fd, scratch);
        Home.CLEANER.register(d, () -> {
            FileCalls.closeQuietly(fd);
            Memory.free(scratch);
        });
        return d;
    });

    /**
     * The inode of the calling platform thread's network namespace, read from the
     * {@code net:[INODE]} text of its /proc link: readlink formats the name without resolving the
     * namespace's dentry, several times cheaper than stat or open of the same link.
     */
    public static long inode() {
        if (Thread.currentThread().isVirtual()) {
            return stat().ino();
        }
        Dir d = DIR.get();
        MemorySegment buf = d.scratch.asSlice(4, 32);
        int n = FileCalls.readlinkat(d.fd, d.scratch, buf, "/proc/thread-self/ns/net");
        long ino = 0;
        for (int i = 5; i < n - 1; i++) { // skip "net:[" and the final ']'
            byte c = buf.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i);
            if (c < '0' || c > '9') {
                throw new IllegalStateException("unexpected namespace link " + buf.getString(0));
            }
            ino = ino * 10 + (c - '0');
        }
        return ino;
    }

    private CurrentNamespace() {
    }

    /**
     * The identity of the calling thread's network namespace. Not for virtual threads (whose
     * carrier may change between the calls); they get a fresh lookup.
     */
    public static Stat stat() {
        if (Thread.currentThread().isVirtual()) {
            return FileCalls.stat("/proc/thread-self/ns/net");
        }
        return FileCalls.statx(DIR.get().fd, "net", 0, "/proc/thread-self/ns/net");
    }

    /** A new descriptor of the calling thread's network namespace (the caller closes it). */
    public static int open() {
        if (Thread.currentThread().isVirtual()) {
            return FileCalls.open("/proc/thread-self/ns/net", Linux.O_RDONLY | Linux.O_CLOEXEC, 0);
        }
        return FileCalls.openat(DIR.get().fd, "net", Linux.O_RDONLY | Linux.O_CLOEXEC, 0, "/proc/thread-self/ns/net");
    }
}
