// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

/**
 * Test hooks that make chosen system calls fail or pause, so tests can prove what happens when
 * the kernel refuses (a restoring {@code setns} that fails) or the process dies mid-way
 * (a {@code create} killed between its steps). Unset in production: each hook costs one
 * volatile read.
 */
public final class FaultInjection {
    private FaultInjection() {
    }

    /** Decides whether a {@code setns} on this fd fails, and with which errno (0: let it run). */
    @FunctionalInterface
    public interface Hook {
        int errnoFor(int fd, String target);
    }

    /** When set, consulted before every {@code setns}. */
    public static volatile Hook setns;

    /** When set, run at named points of multi-step operations (e.g. {@code "create:file-created"}). */
    public static volatile java.util.function.Consumer<String> checkpoint;

    /** Runs the checkpoint hook, if one is set, at the named point. */
    public static void checkpoint(String point) {
        java.util.function.Consumer<String> hook = checkpoint;
        if (hook != null) {
            hook.accept(point);
        }
    }
}
