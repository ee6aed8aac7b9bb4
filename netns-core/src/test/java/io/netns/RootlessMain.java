// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.FileCalls;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by {@link RootlessTest} in a child JVM as an unprivileged user inside
 * {@code unshare --user --map-root-user --net --mount}: it keeps its names in a tmpfs of its own
 * and prints what it saw as KEY=VALUE lines.
 */
public final class RootlessMain {
    public static void main(String[] args) throws Exception {
        Path run = Path.of(args[0]);
        Files.createDirectories(run);
        FileCalls.mount("tmpfs", run.toString(), "tmpfs", 0, "mode=0755");
        System.out.println("ENV_USERNS=" + Netns.checkEnvironment().inUserNamespace());
        try {
            Netns.registry(Path.of("/run/netns")).create("rootless-denied");
            System.out.println("HOST_RUN_DIR=writable");
        } catch (NetnsException e) {
            System.out.println("HOST_RUN_DIR=" + e.errnoName());
        }
        NamespaceRegistry registry = Netns.registry(run.resolve("netns"));
        try (NetworkNamespace ns = registry.create("rl")) {
            System.out.println("LIST=" + String.join(",", registry.list()));
            System.out.println("INODE=" + ns.inode());
            System.out.println("CALL_INODE=" + ns.call(() -> FileCalls.stat("/proc/thread-self/ns/net").ino()));
            try (NamespaceScope s = ns.enter()) {
                System.out.println("ENTER_INODE=" + FileCalls.stat("/proc/thread-self/ns/net").ino());
            }
            Process p = ns.exec("ls", "/sys/class/net");
            System.out.println("EXEC=" + new String(p.getInputStream().readAllBytes()).strip().replace('\n', ','));
            p.waitFor();
            try (NetworkNamespace again = registry.open("rl")) {
                System.out.println("OPEN_SAME=" + again.equals(ns));
            }
        } finally {
            registry.delete("rl");
        }
        System.out.println("AFTER_DELETE=" + String.join(",", registry.list()));
    }
}
