// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.FileCalls;
import io.netns.internal.sys.Linux;
import io.netns.internal.sys.NamespaceCalls;
import io.netns.internal.sys.StatFs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts processes inside a namespace the way {@code ip netns exec} does, on a throwaway thread:
 * enter the network namespace, take a private mount namespace (allowed per thread, unlike entering
 * an existing one), make {@code /} a slave so nothing propagates back, mount a {@code /sys} that
 * shows this namespace's devices, bind {@code /etc/netns/NAME/*} over {@code /etc}, then start the
 * process, which inherits all of it. The thread ends afterwards, so no thread of the JVM keeps
 * the altered mounts.
 */
final class ProcessLauncher {
    static final Path ETC_NETNS = Path.of("/etc/netns");

    private ProcessLauncher() {
    }

    static Process start(NetworkNamespace ns, ProcessBuilder builder) {
        String name = ns.name().orElse(null);
        return Throwaway.run("netns-exec", () -> {
            ns.fd().use(fd -> {
                NamespaceCalls.setns(fd, Linux.CLONE_NEWNET, ns.describe());
                return null;
            });
            NamespaceCalls.unshare(Linux.CLONE_NEWNS);
            FileCalls.mount("", "/", "none", Linux.MS_SLAVE | Linux.MS_REC, null);
            remountSys(name);
            if (name != null) {
                bindEtc(name);
            }
            try {
                return builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + builder.command() + " in " + ns, e);
            }
        });
    }

    /** Replaces /sys with a sysfs instance of the current network namespace, keeping it read-only if it was. */
    private static void remountSys(String name) {
        long flags = 0;
        try {
            StatFs fs = FileCalls.statfs("/sys");
            if ((fs.flags() & Linux.ST_RDONLY) != 0) {
                flags |= Linux.MS_RDONLY;
            }
        } catch (NetnsException noSys) {
            // no /sys at all: mount below reports it
        }
        try {
            FileCalls.umount2("/sys", Linux.MNT_DETACH);
        } catch (NetnsException notMounted) {
            // nothing was mounted there; that is fine
        }
        FileCalls.mount(name == null ? "none" : name, "/sys", "sysfs", flags, null);
    }

    /** Binds each file of /etc/netns/NAME over its namesake in /etc (resolv.conf, hosts...). */
    private static void bindEtc(String name) {
        Path dir = ETC_NETNS.resolve(name);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path source : entries) {
                Path target = Path.of("/etc").resolve(source.getFileName().toString());
                FileCalls.mount(source.toString(), target.toString(), "none", Linux.MS_BIND, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }
}
