// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

/**
 * The fields of {@code struct statx} this library needs (read by {@code Statx}). Two namespace
 * files are the same namespace exactly when {@link #dev()} and {@link #ino()} are equal.
 *
 * @param devMajor major number of the device holding the file (nsfs for namespaces)
 * @param devMinor minor number of that device
 * @param ino inode number; for a namespace file, the namespace id shown as {@code net:[ino]}
 * @param mode file type and permission bits
 * @param attributes {@code stx_attributes}, e.g. {@link Linux#STATX_ATTR_MOUNT_ROOT}
 * @param mountId the id of the mount holding the file ({@code stx_mnt_id})
 * @param size file size in bytes
 * @param uid the owner's user id ({@code stx_uid}), as this process's user namespace maps it
 */
public record Stat(int devMajor, int devMinor, long ino, int mode, long attributes, long mountId, long size,
                   long uid) {

    /** @return the device number as the kernel's {@code new_encode_dev} would pack it */
    public long dev() {
        return ((long) devMajor << 20) | (devMinor & 0xfffffL);
    }

    /** @return whether this file is the root of a mount (a bind-mounted namespace file is) */
    public boolean isMountRoot() {
        return (attributes & Linux.STATX_ATTR_MOUNT_ROOT) != 0;
    }

    /** @return whether this is a regular file */
    public boolean isRegularFile() {
        return (mode & Linux.S_IFMT) == Linux.S_IFREG;
    }

    /** @return whether this is a directory */
    public boolean isDirectory() {
        return (mode & Linux.S_IFMT) == Linux.S_IFDIR;
    }

    /** @return whether this is a symbolic link (only seen when the link was not followed) */
    public boolean isSymlink() {
        return (mode & Linux.S_IFMT) == Linux.S_IFLNK;
    }

    /** @return whether both describe the same file */
    public boolean sameFile(Stat other) {
        return other != null && dev() == other.dev() && ino == other.ino;
    }
}
