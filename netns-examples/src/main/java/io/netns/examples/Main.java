package io.netns.examples;

import io.netns.Netns;
import io.netns.NetworkNamespace;

import java.nio.file.Files;
import java.nio.file.Path;

/** Entry point of {@code bin/netns}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("demo")) {
            minimalDemo();
            return;
        }
        System.err.println("usage: netns demo");
        System.exit(1);
    }

    /** Creates a namespace, enters it, lists what is inside, deletes it. */
    static void minimalDemo() throws Exception {
        String name = "demo-" + ProcessHandle.current().pid();
        System.out.println("$ ip netns add " + name);
        try (NetworkNamespace ns = Netns.create(name)) {
            System.out.println("$ ip netns list\n" + String.join("\n", Netns.list()));
            String devices = ns.call(() -> Files.readString(Path.of("/proc/thread-self/net/dev")));
            System.out.println("$ ip netns exec " + name + " cat /proc/net/dev\n" + devices);
        } finally {
            Netns.delete(name);
            System.out.println("$ ip netns del " + name);
        }
    }
}
