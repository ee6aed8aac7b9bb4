// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Namespace inodes as the kernel shows them, for samples to compare with handles. */
public final class Inodes {
    private Inodes() {
    }

    /** The network namespace inode of the calling thread. */
    public static long thisThread() {
        return of("/proc/thread-self/ns/net");
    }

    /** The network namespace inode of the process's main thread. */
    public static long process() {
        return of("/proc/self/ns/net");
    }

    private static long of(String path) {
        try {
            return (Long) Files.getAttribute(Path.of(path), "unix:ino");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
