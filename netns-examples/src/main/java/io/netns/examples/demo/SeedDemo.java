package io.netns.examples.demo;

/** The seed demo. (Being written.) */
public final class SeedDemo {
    private SeedDemo() {
    }

    public static int run(String[] args) {
        return 1;
    }
}
