// SPDX-License-Identifier: Apache-2.0
/**
 * {@code bin/netns}: the iproute2 command line ({@code ip link|address|route|neigh|rule|netns|monitor},
 * {@code ip -j} JSON, ip's messages and exit statuses) over netns-netlink. A program, not a
 * library: it exports no package. Other modules run it as the {@code "netns"}
 * {@link java.util.spi.ToolProvider} (the seed demo prints its steps through it).
 */
module io.netns.cli {
    requires io.netns;
    requires io.netns.netlink;

    provides java.util.spi.ToolProvider with io.netns.cli.NetnsTool;
}
