package io.netns.examples.cli;

import java.io.PrintStream;

/** The iproute2-compatible command line of {@code bin/netns}. (Being written.) */
public final class IpCommand {
    private IpCommand() {
    }

    /**
     * Runs one command line.
     *
     * @return the exit status, with ip's conventions (0 ok, 1 usage error, 2 kernel error)
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("netns: not implemented yet");
        return 1;
    }
}
