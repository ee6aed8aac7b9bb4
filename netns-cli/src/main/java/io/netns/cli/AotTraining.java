// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The training run of the CLI's ahead-of-time cache ({@code bin/netns} runs it once, with
 * {@code -XX:AOTCacheOutput}, when the jars or the JDK change): the common read-only commands, so
 * that the classes, the linked call sites and the native call stubs they need are in the cache. Its
 * only change to the machine is a namespace of its own, deleted before it ends; without root it
 * trains on what runs without.
 */
public final class AotTraining {
    private AotTraining() {
    }

    /**
     * Runs the commands into a discarded output.
     *
     * @param args ignored
     */
    @SuppressWarnings("try") // the handle only keeps the namespace open while the commands run
    public static void main(String[] args) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        String[][] commands = {{"netns", "list"}, {"link", "show"}, {"-j", "link", "show"}, {"addr", "show"},
                {"-br", "addr"}, {"route", "show"}, {"-6", "route", "show"}, {"neigh", "show"}, {"rule", "show"},
                {"-d", "link", "show"}, {"netns", "list-id"}, {"link", "help"}, {"frob"}};
        for (String[] c : commands) {
            IpCommand.run(c, nowhere, nowhere);
        }
        String name = "netns-aot-training-" + ProcessHandle.current().pid();
        try (NetworkNamespace ns = Netns.create(name)) {
            for (String[] c : commands) {
                String[] in = new String[c.length + 2];
                in[0] = "-n";
                in[1] = name;
                System.arraycopy(c, 0, in, 2, c.length);
                IpCommand.run(in, nowhere, nowhere);
            }
            IpCommand.run(new String[]{"-n", name, "link", "add", "t0", "type", "veth", "peer", "name", "t1"},
                    nowhere, nowhere);
            IpCommand.run(new String[]{"-n", name, "addr", "add", "198.18.0.1/24", "dev", "t0"}, nowhere, nowhere);
            IpCommand.run(new String[]{"-n", name, "link", "set", "t0", "up"}, nowhere, nowhere);
            IpCommand.run(new String[]{"-n", name, "-j", "addr", "show"}, nowhere, nowhere);
        } catch (RuntimeException notRoot) {
            // without the rights to make a namespace, the cache holds what the commands above needed
        } finally {
            try {
                if (Netns.exists(name)) {
                    Netns.delete(name);
                }
            } catch (RuntimeException ignored) {
                // nothing was made
            }
        }
    }
}
