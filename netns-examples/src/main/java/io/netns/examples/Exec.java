// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.Netns;
import io.netns.NetworkNamespace;

import java.io.PrintStream;

/**
 * Start a process inside a namespace: {@code ip netns exec NAME ls /sys/class/net}. The child
 * sees the namespace's devices, also under /sys. No shell: arguments are passed as an array. Then
 * a sysctl of the namespace, written and read by a thread inside. The {@code exec} snippet of
 * docs/guide.md.
 *
 * <p>Replaces: {@code ip netns add NAME}; {@code ip netns exec NAME ls /sys/class/net};
 * {@code ip netns exec NAME sysctl -w net.ipv6.conf.all.forwarding=1}; {@code ip netns del NAME}.
 */
public final class Exec {
    private Exec() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Prints what {@code ls /sys/class/net} printed inside, and the forwarding sysctl. */
    public static void run(PrintStream out) throws Exception {
        // docs:begin guide.md
        String name = "blue-" + ProcessHandle.current().pid();
        try (NetworkNamespace ns = Netns.create(name)) {                 // ip netns add blue-PID
            Process p = ns.exec("ls", "/sys/class/net");                 // a sysfs of the namespace: lo
            String listing = new String(p.getInputStream().readAllBytes());
            out.println("exit " + p.waitFor() + ": " + listing.strip());
            ns.setSysctl("net.ipv6.conf.all.forwarding", "1");           // sysctl -w, inside
            out.println("forwarding " + ns.sysctl("net.ipv6.conf.all.forwarding"));
        } finally {
            Netns.delete(name);                                          // ip netns del blue-PID
        }
        // docs:end
    }
}
