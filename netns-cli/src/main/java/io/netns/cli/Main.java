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
        System.exit(IpCommand.run(args, System.out, System.err));
    }
}
