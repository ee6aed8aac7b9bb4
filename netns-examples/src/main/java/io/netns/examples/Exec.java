package io.netns.examples;

import io.netns.Netns;
import io.netns.NetworkNamespace;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Start a process inside a namespace: {@code ip netns exec NAME ls /sys/class/net}. The child
 * sees the namespace's devices, also under /sys. No shell: arguments are passed as an array.
 *
 * <p>Replaces: {@code ip netns add NAME}; {@code ip netns exec NAME ls /sys/class/net};
 * {@code ip netns del NAME}.
 */
public final class Exec {
    private Exec() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** @return what {@code ls /sys/class/net} printed inside */
    public static String run(PrintStream out) throws Exception {
        String name = "ex-exec-" + ProcessHandle.current().pid();
        try (NetworkNamespace ns = Netns.create(name)) {
            Process p = ns.exec("ls", "/sys/class/net");
            String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = p.waitFor();
            out.println("$ ip netns exec " + name + " ls /sys/class/net   (exit " + status + ")");
            out.print(listing);
            return listing;
        } finally {
            Netns.delete(name);
        }
    }
}
