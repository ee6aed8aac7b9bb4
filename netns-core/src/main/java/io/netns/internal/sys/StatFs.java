// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The fields of {@code struct statfs} (64-bit layout, the same on x86_64 and aarch64) this
 * library needs.
 *
 * @param type the file system magic number ({@link Linux#NSFS_MAGIC} for namespace files)
 * @param flags the mount flags ({@link Linux#ST_RDONLY} ...)
 */
public record StatFs(long type, long flags) {
    /** {@code struct statfs} of {@code sys/vfs.h}; member names are the C names. */
    static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("f_type"),
            JAVA_LONG.withName("f_bsize"),
            JAVA_LONG.withName("f_blocks"),
            JAVA_LONG.withName("f_bfree"),
            JAVA_LONG.withName("f_bavail"),
            JAVA_LONG.withName("f_files"),
            JAVA_LONG.withName("f_ffree"),
            MemoryLayout.sequenceLayout(2, JAVA_INT).withName("f_fsid"),
            JAVA_LONG.withName("f_namelen"),
            JAVA_LONG.withName("f_frsize"),
            JAVA_LONG.withName("f_flags"),
            MemoryLayout.sequenceLayout(4, JAVA_LONG).withName("f_spare")).withName("statfs");

    private static final VarHandle TYPE = LAYOUT.varHandle(groupElement("f_type"));
    private static final VarHandle FLAGS = LAYOUT.varHandle(groupElement("f_flags"));

    static long type(MemorySegment buf) {
        return (long) TYPE.get(buf, 0L);
    }

    static StatFs of(MemorySegment buf) {
        return new StatFs(type(buf), (long) FLAGS.get(buf, 0L));
    }
}
