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
 */
public final class EnterExample {
    private EnterExample() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    static String netInode() throws Exception {
        return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
    }

    /** @return the devices seen inside, one per line of /proc/thread-self/net/dev */
    @SuppressWarnings("try") // the scopes are held for their effect on this thread, never named
    public static String run(PrintStream out) throws Exception {
        String name = "ex-enter-" + ProcessHandle.current().pid();
        try (NetworkNamespace ns = Netns.create(name)) {                 // ip netns add NAME
            out.println("before: " + netInode());
            String devices;
            try (NamespaceScope inside = Netns.enter(name)) {            // ip netns exec NAME ...
                out.println("inside: " + netInode());
                // /proc/thread-self/net shows the calling thread's namespace
                devices = Files.readString(Path.of("/proc/thread-self/net/dev"));
            }
            out.println("after:  " + netInode());
            out.print(devices);
            return devices;
        } finally {
            Netns.delete(name);                                          // ip netns del NAME
        }
    }
}
