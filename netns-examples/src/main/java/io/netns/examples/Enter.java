// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.NamespaceScope;
import io.netns.Netns;
import io.netns.NetworkNamespace;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Enter a namespace with try-with-resources: {@code ip netns add} + {@code ip netns exec} for the
 * current thread. The thread is back in its own namespace when the block ends, even if it throws.
 * Scopes nest; a thread of your own may stay inside for a batch of work. These are the
 * {@code enter()} snippets of docs/guide.md and docs/thread-model.md.
 *
 * <p>Replaces: {@code ip netns add NAME}; {@code ip netns exec NAME ip -o link};
 * {@code ip netns del NAME}.
 */
@SuppressWarnings("try") // the scopes are held for their effect on this thread, never named
public final class Enter {
    private Enter() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** The calling thread's namespace as /proc shows it: {@code net:[4026532...]}. */
    static String netInode() throws Exception {
        return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
    }

    /**
     * Prints the thread's namespace before, inside (and what {@code ip -o link} started there
     * lists) and after, then red's and blue's seen from nested scopes.
     */
    public static void run(PrintStream out) throws Exception {
        long pid = ProcessHandle.current().pid();
        String name = "blue-" + pid;
        try (NetworkNamespace blue = Netns.create(name);                 // ip netns add blue-PID
             NetworkNamespace red = Netns.create("red-" + pid)) {
            out.println("before: " + netInode());
            // docs:begin guide.md
            try (NamespaceScope inside = Netns.enter(name)) {           // opens it, moves this thread
                out.println("inside: " + netInode());                   // /proc/thread-self/ns/net
                Process p = new ProcessBuilder("ip", "-o", "link").start();   // starts inside, too
                out.print(new String(p.getInputStream().readAllBytes()));     // 1: lo: <LOOPBACK> ...
                p.waitFor();
            }                                                           // back where it was; the handle is closed
            // docs:end
            out.println("after:  " + netInode());

            // docs:begin thread-model.md
            try (NamespaceScope a = blue.enter()) {
                try (NamespaceScope b = red.enter()) {
                    out.println("red:    " + netInode());                // this thread is in red
                }
                out.println("blue:   " + netInode());                    // back in blue
            }
            // back where it started, also if a block threw
            // docs:end

            // docs:begin thread-model.md
            Thread worker = Thread.ofPlatform().name("blue-batch").start(() -> {
                try (NamespaceScope inside = blue.enter()) {
                    // many operations on this thread
                }   // a NamespaceRestoreError thrown here ends this thread: let it
            });
            // docs:end
            worker.join();
        } finally {
            Netns.delete(name);                                          // ip netns del blue-PID
            Netns.delete("red-" + pid);
        }
    }
}
