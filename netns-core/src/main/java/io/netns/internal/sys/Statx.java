// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * {@code struct statx} of {@code linux/stat.h}, up to {@code stx_mnt_id}; the rest of its 256
 * bytes are newer fields and spares this library does not read. The same on every architecture.
 */
final class Statx {
    private Statx() {
    }

    private static final StructLayout TIMESTAMP = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"),
            JAVA_INT.withName("tv_nsec"),
            JAVA_INT.withName("__reserved")).withName("statx_timestamp");

    /** The layout; member names are the C names. */
    static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("stx_mask"),
            JAVA_INT.withName("stx_blksize"),
            JAVA_LONG.withName("stx_attributes"),
            JAVA_INT.withName("stx_nlink"),
            JAVA_INT.withName("stx_uid"),
            JAVA_INT.withName("stx_gid"),
            JAVA_SHORT.withName("stx_mode"),
            MemoryLayout.paddingLayout(2),
            JAVA_LONG.withName("stx_ino"),
            JAVA_LONG.withName("stx_size"),
            JAVA_LONG.withName("stx_blocks"),
            JAVA_LONG.withName("stx_attributes_mask"),
            TIMESTAMP.withName("stx_atime"),
            TIMESTAMP.withName("stx_btime"),
            TIMESTAMP.withName("stx_ctime"),
            TIMESTAMP.withName("stx_mtime"),
            JAVA_INT.withName("stx_rdev_major"),
            JAVA_INT.withName("stx_rdev_minor"),
            JAVA_INT.withName("stx_dev_major"),
            JAVA_INT.withName("stx_dev_minor"),
            JAVA_LONG.withName("stx_mnt_id"),
            MemoryLayout.paddingLayout(104)).withName("statx");

    private static final VarHandle ATTRIBUTES = field("stx_attributes");
    private static final VarHandle MODE = field("stx_mode");
    private static final VarHandle INO = field("stx_ino");
    private static final VarHandle SIZE = field("stx_size");
    private static final VarHandle DEV_MAJOR = field("stx_dev_major");
    private static final VarHandle DEV_MINOR = field("stx_dev_minor");
    private static final VarHandle MNT_ID = field("stx_mnt_id");
    private static final VarHandle UID = field("stx_uid");

    private static VarHandle field(String name) {
        return LAYOUT.varHandle(groupElement(name));
    }

    /** The fields the library uses, from a buffer {@code statx(2)} filled. */
    static Stat toStat(MemorySegment statx) {
        return new Stat(
                (int) DEV_MAJOR.get(statx, 0L),
                (int) DEV_MINOR.get(statx, 0L),
                (long) INO.get(statx, 0L),
                Short.toUnsignedInt((short) MODE.get(statx, 0L)),
                (long) ATTRIBUTES.get(statx, 0L),
                (long) MNT_ID.get(statx, 0L),
                (long) SIZE.get(statx, 0L),
                Integer.toUnsignedLong((int) UID.get(statx, 0L)));
    }
}
