// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.examples.demo.SeedDemo;

import java.util.Arrays;
import java.util.spi.ToolProvider;

/**
 * Entry point of {@code bin/netns demo [--root-host]}: runs the seed demo. Any other command line
 * is handed to the CLI of netns-cli (the {@code "netns"} tool), so this entry point still speaks
 * iproute2 syntax too ({@code bin/netns} itself launches netns-cli for those).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length >= 1 && args[0].equals("demo")) {
            System.exit(SeedDemo.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        ToolProvider cli = ToolProvider.findFirst("netns").orElseThrow(
                () -> new IllegalStateException("netns-cli is not on the module path"));
        System.exit(cli.run(System.out, System.err, args));
    }
}
