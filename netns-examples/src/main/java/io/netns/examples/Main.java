package io.netns.examples;

import io.netns.examples.cli.IpCommand;
import io.netns.examples.demo.SeedDemo;

/**
 * Entry point of {@code bin/netns}: {@code bin/netns demo [--root-host]} runs the seed demo,
 * anything else is an iproute2 command line ({@code bin/netns -n ns1 link show}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length >= 1 && args[0].equals("demo")) {
            System.exit(SeedDemo.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(IpCommand.run(args, System.out, System.err));
    }
}
