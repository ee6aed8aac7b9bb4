// SPDX-License-Identifier: Apache-2.0
/**
 * Runnable scenarios of the netns documentation and the seed demo ({@code bin/netns demo}). The
 * demo prints its steps through the CLI of {@code io.netns.cli}, which it finds as the
 * {@code "netns"} {@link java.util.spi.ToolProvider}.
 */
module io.netns.examples {
    requires io.netns;
    requires transitive io.netns.netlink; // the examples hand out links and namespaces
    requires io.netns.netty;
    requires io.netty.buffer;

    exports io.netns.examples;
    exports io.netns.examples.demo;
    exports io.netns.examples.netty;

    uses java.util.spi.ToolProvider;
}
