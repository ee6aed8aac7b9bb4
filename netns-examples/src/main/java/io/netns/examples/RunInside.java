package io.netns.examples;

import io.netns.Netns;
import io.netns.NetworkNamespace;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run a lambda inside a namespace without moving the calling thread: {@code call} hands it to a
 * platform thread that lives there and returns its result (virtual threads may call it too).
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
        String name = "ex-call-" + ProcessHandle.current().pid();
        try (NetworkNamespace ns = Netns.create(name)) {
            List<String> inside = ns.call(RunInside::devices);
            out.println("inside " + name + ": " + inside);
            out.println("this thread sees:  " + devices());
            return inside;
        } finally {
            Netns.delete(name);
        }
    }

    /** The devices of the calling thread's namespace, from /proc/thread-self/net/dev. */
    static List<String> devices() throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/thread-self/net/dev")).stream().skip(2)
                .map(l -> l.substring(0, l.indexOf(':')).strip()).toList();
    }
}
