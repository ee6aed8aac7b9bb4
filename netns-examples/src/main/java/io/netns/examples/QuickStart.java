// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.NamespaceScope;
import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.link.LinkSpec;

import java.io.PrintStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The README's quick start: two namespaces, a veth pair between them, an address, code and a socket
 * inside one of them.
 *
 * <p>Replaces: {@code ip netns add blue-PID}; {@code ip netns add red-PID};
 * {@code ip -n blue-PID link add veth0 type veth peer name veth1 netns red-PID};
 * {@code ip -n blue-PID addr add 198.18.0.1/24 dev veth0}; {@code ip -n blue-PID link set veth0 up};
 * {@code ip netns exec blue-PID cat /proc/net/dev}; {@code ip netns del blue-PID}; {@code ip netns del red-PID}.
 */
@SuppressWarnings("try") // the README shows a scope held for its effect and a socket opened inside, both unnamed
public final class QuickStart {
    private QuickStart() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Prints the devices blue's /proc/thread-self/net/dev lists. */
    public static void run(PrintStream out) throws Exception {
        // docs:begin README.md
        long pid = ProcessHandle.current().pid();                          // recognisable, unique names
        try (NetworkNamespace blue = Netns.create("blue-" + pid);          // ip netns add blue-PID
             NetworkNamespace red = Netns.create("red-" + pid);
             Rtnetlink rt = Rtnetlink.open(blue)) {                        // a netlink socket inside blue
            rt.links().add(LinkSpec.veth("veth0", "veth1").peerNamespace(red)); // ip link add ... peer ... netns red-PID
            rt.addresses().add("veth0", "198.18.0.1/24");                  // ip addr add 198.18.0.1/24 dev veth0
            rt.links().setUp("veth0");                                     // ip link set veth0 up
            String devices = blue.call(() ->                               // code on a thread pinned inside
                    Files.readString(Path.of("/proc/thread-self/net/dev")));
            try (NamespaceScope inside = blue.enter()) { /* this thread, until closed */ }
            try (ServerSocketChannel server = blue.openServerSocketChannel()) { /* a socket that lives in blue */ }
            out.print(devices);                                            // lo and veth0
        } finally {
            Netns.delete("blue-" + pid);                                   // ip netns del blue-PID
            Netns.delete("red-" + pid);
        }
        // docs:end
    }
}
