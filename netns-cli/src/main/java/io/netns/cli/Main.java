// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

/**
 * Entry point of {@code bin/netns} for everything but {@code demo}: an iproute2 command line
 * ({@code bin/netns -n ns1 link show}), exiting with ip's status.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs one command line and exits with its status.
     *
     * @param args the words after {@code ip}
     */
    public static void main(String[] args) {
        int status = IpCommand.run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        // halt, not exit: the CLI has no shutdown hook to run, and System.exit starts the JDK's logging
        // framework to log the exit event (some 10 ms of a start-up that aims at 100)
        Runtime.getRuntime().halt(status);
    }
}
