// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.Netns;
import io.netns.NetworkNamespace;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Open the namespace of a running process, as container tutorials do with
 * {@code nsenter -t PID -n}: here the process is one we start inside a namespace, but any PID
 * works (a container's, found with {@code docker inspect -f '{{.State.Pid}}'}).
 *
 * The file of one of its threads, {@code /proc/PID/task/TID/ns/net}, opens too (the snippet of
 * docs/guide.md on nsfs files): here the main thread, whose TID is the PID.
 *
 * <p>Replaces: {@code nsenter -t PID -n}; {@code ip netns identify PID}; {@code ip netns pids NAME}.
 */
public final class ContainerNamespace {
    private ContainerNamespace() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** @return the name {@code ip netns identify PID} would print for the process */
    public static Optional<String> run(PrintStream out) throws Exception {
        String name = "ex-pid-" + ProcessHandle.current().pid();
        try (NetworkNamespace ns = Netns.create(name)) {
            Process sleeper = ns.exec("sleep", "60");
            try (NetworkNamespace ofPid = Netns.ofPid(sleeper.pid())) {    // nsenter -t PID -n
                out.println("process " + sleeper.pid() + " is in " + ofPid + ", same as " + name + ": "
                        + ofPid.equals(ns));
                Optional<String> identified = Netns.identify(sleeper.pid()); // ip netns identify PID
                out.println("ip netns identify " + sleeper.pid() + " -> " + identified.orElse("(no name)"));
                out.println("ip netns pids " + name + " -> " + ns.pids());
                String seen = ofPid.call(() ->
                        Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString());
                out.println("a thread entered through the PID sees " + seen);
                long pid = sleeper.pid();
                // docs:begin guide.md
                try (NetworkNamespace container = Netns.open(Path.of("/proc/" + pid + "/task/" + pid + "/ns/net"))) {
                    out.println(container + " id " + container.inode());   // TID = PID: its main thread
                }
                // docs:end
                return identified;
            } finally {
                sleeper.destroyForcibly().waitFor();
            }
        } finally {
            Netns.delete(name);
        }
    }
}
