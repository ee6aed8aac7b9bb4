// SPDX-License-Identifier: Apache-2.0
package io.netns.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names of everything a test creates start with {@link #PREFIX}: "nt", this JVM's pid and a dash.
 * A cleanup step can remove a crashed run's leftovers without touching anyone else's.
 */
public final class TestNames {
    public static final String PREFIX = "nt" + ProcessHandle.current().pid() + "-";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestNames() {
    }

    /** A fresh namespace name: {@code nt<pid>-<hint>-<n>}. */
    public static String unique(String hint) {
        return PREFIX + hint + "-" + COUNTER.incrementAndGet();
    }

    /** A fresh link name of at most 15 bytes (IFNAMSIZ - 1): {@code <hint><n>}. */
    public static String link(String hint) {
        String n = Integer.toString(COUNTER.incrementAndGet());
        String h = hint.length() + n.length() > 15 ? hint.substring(0, 15 - n.length()) : hint;
        return h + n;
    }
}
