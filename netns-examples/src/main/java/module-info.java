/**
 * Runnable scenarios of the netns documentation, the {@code bin/netns} CLI (iproute2 syntax) and
 * the seed demo.
 */
module io.netns.examples {
    requires io.netns;
    requires io.netns.netlink;
    requires io.netns.netty;
    requires io.netty.buffer;
    requires com.fasterxml.jackson.databind;

    exports io.netns.examples;
    exports io.netns.examples.cli;
    exports io.netns.examples.demo;
    exports io.netns.examples.netty;
}
