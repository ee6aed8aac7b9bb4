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
     * Runs one command line and exits with its status. The words are taken as the bytes the
     * process was given, decoded as UTF-8 (see {@link Argv}): a name reaches the library byte for
     * byte whatever the locale, and a word that is not UTF-8 is refused (exit 255).
     *
     * @param args the words after {@code ip}
     */
    public static void main(String[] args) {
        String[] exact;
        int status;
        try {
            exact = Argv.exact(args);
            status = IpCommand.run(exact, System.out, System.err);
        } catch (CliException e) {
            System.err.println(e.getMessage());
            status = e.status();
        }
        System.out.flush();
        System.err.flush();
        // halt, not exit: the CLI has no shutdown hook to run, and System.exit starts the JDK's logging
        // framework to log the exit event (some 10 ms of a start-up that aims at 100)
        Runtime.getRuntime().halt(status);
    }
}
