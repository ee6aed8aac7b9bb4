// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.Netns;
import io.netns.NetworkNamespace;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run a lambda inside a namespace without moving the calling thread: {@code run} and {@code call}
 * hand it to a platform thread that lives there and wait for it ({@code call} returns its result;
 * virtual threads may call both). These are the {@code run}/{@code call} snippets of docs/guide.md
 * and docs/thread-model.md.
 *
 * <p>Inside, read {@code /proc/thread-self/net/...}: {@code /proc/net} and {@code /proc/self/net}
 * show the process's main thread's namespace, and so does part of what
 * {@link java.net.NetworkInterface} reports (it reads {@code /proc/net/if_inet6}).
 *
 * <p>Replaces: {@code ip netns add NAME}; {@code ip netns exec NAME cat /proc/net/dev}, with Java
 * code instead of a process; {@code ip netns del NAME}.
 */
public final class RunInside {
    private RunInside() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** @return the device names seen inside: only "lo" in a fresh namespace */
    public static List<String> run(PrintStream out) throws Exception {
        String name = "blue-" + ProcessHandle.current().pid();
        Netns.create(name).close();                                      // ip netns add blue-PID
        try {
            // docs:begin guide.md
            try (NetworkNamespace ns = Netns.open(name)) {
                ns.run(() -> out.println("on " + Thread.currentThread().getName()));   // netns-blue-PID-1
                String dev = ns.call(() -> Files.readString(Path.of("/proc/thread-self/net/dev")));
                out.print(dev);                                          // lo only
            }
            // docs:end
            try (NetworkNamespace ns = Netns.open(name)) {
                // docs:begin thread-model.md
                List<String> devices = ns.call(() -> Files.readAllLines(Path.of("/proc/thread-self/net/dev")));
                // docs:end
                List<String> inside = names(devices);
                out.println("inside " + name + ": " + inside);
                out.println("this thread sees:  " + names(Files.readAllLines(Path.of("/proc/thread-self/net/dev"))));
                return inside;
            }
        } finally {
            Netns.delete(name);                                          // ip netns del blue-PID
        }
    }

    /** The device names of /proc/.../net/dev lines (after its two header lines). */
    static List<String> names(List<String> netDev) {
        return netDev.stream().skip(2).map(l -> l.substring(0, l.indexOf(':')).strip()).toList();
    }
}
