// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5.samples;

import io.netns.NetworkNamespace;
import io.netns.junit5.NetnsTest;
import io.netns.junit5.TempNetns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/** Targets of the capability condition. */
public final class CapabilitySamples {
    private CapabilitySamples() {
    }

    @Sample
    @NetnsTest
    public static class NeedsCapabilities {
        @Test
        void runs(@TempNetns NetworkNamespace ns, TestReporter reporter) {
            reporter.publishEntry("ran", ns.name().orElseThrow());
        }
    }

    /** Registered on one method only: the condition applies to that method. */
    @Sample
    public static class OnOneMethod {
        @Test
        @NetnsTest
        void needsThem(@TempNetns NetworkNamespace ns, TestReporter reporter) {
            reporter.publishEntry("ran", ns.name().orElseThrow());
        }

        @Test
        void doesNot(TestReporter reporter) {
            reporter.publishEntry("ran", "plain");
        }
    }
}
