/**
 * Runnable scenarios of the netns documentation, the {@code bin/netns} CLI and the seed demo.
 */
module io.netns.examples {
    requires io.netns;
}
