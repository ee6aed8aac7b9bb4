// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.FileCalls;
import io.netns.internal.sys.Linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading and writing {@code /proc/sys/net} files, on a thread inside the namespace (the files
 * show the namespace of the thread that opens them).
 */
final class Sysctls {
    private Sysctls() {
    }

    /**
     * The value, trimmed, from one read at offset 0. A sysctl file answers a read at any later
     * offset with end-of-file, and {@code Files.readString} of a file whose size says 0 (as all of
     * {@code /proc} do) reads one byte first, so it returned "4" for 4096.
     */
    static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    /**
     * Writes the value in one {@code write(2)}, as {@code sysctl -w} does. Failures are
     * {@link NetnsException}s with the kernel's errno; a permission error names CAP_NET_ADMIN,
     * which the kernel wants for most {@code net.*} writes (EPERM from the write, or EACCES from
     * the open when the writer is not root either).
     */
    static void write(Path file, String value) {
        String path = file.toString();
        int fd = FileCalls.open(path, Linux.O_WRONLY | Linux.O_CLOEXEC, 0);
        try {
            FileCalls.write(fd, value.getBytes(StandardCharsets.UTF_8), path);
        } finally {
            FileCalls.closeQuietly(fd);
        }
    }
}
