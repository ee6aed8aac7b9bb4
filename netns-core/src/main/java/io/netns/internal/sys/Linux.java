// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

/**
 * Linux ABI constants used by the syscall layer, with the kernel's names.
 *
 * <p>Most are the same on every architecture; the few {@code open(2)} flags that differ between
 * x86_64 and aarch64 are chosen at class initialisation. Other architectures are refused with a
 * clear message rather than given wrong numbers.
 */
public final class Linux {
    private Linux() {
    }

    /** The CPU architecture name as the JVM reports it ({@code amd64} or {@code aarch64}). */
    public static final String ARCH = System.getProperty("os.arch");
    private static final boolean ARM64 = "aarch64".equals(ARCH);

    static {
        if (!"Linux".equals(System.getProperty("os.name"))) {
            throw new UnsupportedOperationException("netns needs Linux; this is " + System.getProperty("os.name"));
        }
        if (!ARM64 && !"amd64".equals(ARCH) && !"x86_64".equals(ARCH)) {
            throw new UnsupportedOperationException("netns supports x86_64 and aarch64 Linux; this is " + ARCH);
        }
    }

    // open(2)
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DIRECTORY = ARM64 ? 040000 : 0200000;
    public static final int O_NOFOLLOW = ARM64 ? 0100000 : 0400000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_PATH = 010000000;

    // *at(2)
    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_EMPTY_PATH = 0x1000;

    // statx(2)
    public static final int STATX_BASIC_STATS = 0x7ff;
    public static final int STATX_MNT_ID = 0x1000;
    public static final long STATX_ATTR_MOUNT_ROOT = 0x2000;
    public static final int S_IFMT = 0170000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFLNK = 0120000;
    public static final int S_ISVTX = 01000;
    public static final int S_IWGRP = 020;
    public static final int S_IWOTH = 02;


    // mount(2), umount2(2)
    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_BIND = 4096;
    public static final long MS_REC = 16384;
    public static final long MS_PRIVATE = 1L << 18;
    public static final long MS_SLAVE = 1L << 19;
    public static final long MS_SHARED = 1L << 20;
    public static final int MNT_DETACH = 2;
    public static final long ST_RDONLY = 1;

    // flock(2)
    public static final int LOCK_SH = 1;
    public static final int LOCK_EX = 2;
    public static final int LOCK_NB = 4;
    public static final int LOCK_UN = 8;

    // clone(2) / unshare(2) / setns(2)
    public static final int CLONE_NEWNS = 0x00020000;
    public static final int CLONE_NEWUSER = 0x10000000;
    public static final int CLONE_NEWNET = 0x40000000;

    // nsfs
    public static final long NSFS_MAGIC = 0x6e736673L;
    public static final long SYSFS_MAGIC = 0x62656572L;
    public static final long NS_GET_NSTYPE = 0xb703L;

    // sockets
    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;
    public static final int AF_BRIDGE = 7;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 04000;
    public static final int SOCK_CLOEXEC = 02000000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int MSG_PEEK = 2;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    public static final short POLLIN = 1;

    // tun (linux/if_tun.h), net/if.h
    public static final int IFNAMSIZ = 16;
    public static final int IFF_TUN = 0x0001;
    public static final int IFF_TAP = 0x0002;
    public static final int IFF_NO_PI = 0x1000;
    public static final int IFF_MULTI_QUEUE = 0x0100;
    public static final long TUNSETIFF = 0x400454caL;
    public static final long TUNSETPERSIST = 0x400454cbL;
    public static final long TUNSETOWNER = 0x400454ccL;
    public static final long TUNSETGROUP = 0x400454ceL;
}
