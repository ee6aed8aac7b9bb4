// SPDX-License-Identifier: Apache-2.0
package io.netns;

/**
 * Run by {@link HomeThreadsTest} in a fresh JVM, so that what it does is the library's (and the
 * JDK's) first use of everything: it works with the namespace named by the test, closes every
 * handle, prints {@code DONE} and waits for its standard input to close while the test looks at
 * the namespaces of its threads.
 */
public final class HomeThreadsMain {
    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        String a = args[1];
        switch (scenario) {
            case "first-call" -> {
                // the JVM's first call: the library's lazily created helpers come to life now
                try (NetworkNamespace ns = Netns.open(a)) {
                    ns.call(() -> 1);
                    ns.run(() -> { });
                }
            }
            case "create-inside" -> {
                // the namespace factory's first use is on a pinned thread inside a
                String b = args[2];
                try (NetworkNamespace ns = Netns.open(a)) {
                    try (NetworkNamespace created = ns.call(() -> Netns.create(b))) {
                        System.out.println("INODE " + created.inode());
                    }
                    Netns.delete(b);
                }
            }
            case "virtual-calls" -> {
                // one virtual thread makes the first call of many fresh handles: each call starts a
                // pinned thread and waits until it is inside. The JVM has few carrier threads yet,
                // so a wake-up from inside could make the scheduler start one there.
                Thread v = Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 3000; i++) {
                        try (NetworkNamespace ns = Netns.open(a)) {
                            ns.call(() -> 1);
                        }
                    }
                });
                v.join();
            }
            case "exec" -> {
                // the JVM's first child process is started inside a
                try (NetworkNamespace ns = Netns.open(a)) {
                    Process p = ns.exec("true");
                    if (p.waitFor() != 0) {
                        throw new AssertionError("true exited " + p.exitValue());
                    }
                }
            }
            default -> throw new IllegalArgumentException(scenario);
        }
        System.out.println("DONE");
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the test closes our standard input
        }
    }
}
