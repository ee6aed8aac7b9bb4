package io.netns.internal.sys;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The fields of {@code struct statfs} (64-bit layout, the same on x86_64 and aarch64) this
 * library needs.
 *
 * @param type the file system magic number ({@link Linux#NSFS_MAGIC} for namespace files)
 * @param flags the mount flags ({@link Linux#ST_RDONLY} ...)
 */
public record StatFs(long type, long flags) {
    static final long SIZE = 120;

    static long type(MemorySegment buf) {
        return buf.get(JAVA_LONG, 0);
    }

    static StatFs of(MemorySegment buf) {
        return new StatFs(buf.get(JAVA_LONG, 0), buf.get(JAVA_LONG, 80));
    }
}
