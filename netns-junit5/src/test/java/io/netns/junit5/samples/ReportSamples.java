// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5.samples;

import io.netns.NetworkNamespace;
import io.netns.junit5.NetnsTest;
import io.netns.junit5.TempNetns;
import io.netns.junit5.VethPair;
import io.netns.netlink.Rtnetlink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Failing and passing tests whose reports may carry the topology of their namespaces. */
public final class ReportSamples {
    private ReportSamples() {
    }

    /** Fails with a method topology, whose veth its {@code @AfterEach} then deletes. */
    @Sample
    @NetnsTest
    public static class FailsThenCleansUp {
        @TempNetns("a")
        NetworkNamespace a;

        @Test
        @VethPair(left = "a", right = "b", leftAddress = "198.18.6.1/24", rightAddress = "198.18.6.2/24")
        void fails(@TempNetns("b") NetworkNamespace b, TestReporter reporter) {
            reporter.publishEntry("a", a.name().orElseThrow());
            reporter.publishEntry("b", b.name().orElseThrow());
            assertEquals(0, 1, "failed on purpose");
        }

        @AfterEach
        void deleteThePair() {
            try (Rtnetlink rt = Rtnetlink.open(a)) {
                rt.links().del("veth-b");                        // after the snapshot: it still shows the pair
            }
        }
    }

    /** Fails in a class topology. */
    @Sample
    @NetnsTest
    @VethPair(left = "client", right = "server", leftAddress = "198.18.7.1/24", rightAddress = "198.18.7.2/24")
    public static class FailsInAClassTopology {
        @TempNetns("client")
        static NetworkNamespace client;
        @TempNetns("server")
        static NetworkNamespace server;

        @Test
        void fails(TestReporter reporter) {
            reporter.publishEntry("client", client.name().orElseThrow());
            reporter.publishEntry("server", server.name().orElseThrow());
            assertEquals(0, 1, "failed on purpose");
        }
    }

    /** Passes: no topology in its report. */
    @Sample
    @NetnsTest
    public static class Passes {
        @Test
        @VethPair(left = "a", right = "b")
        void passes() {
        }
    }

    /** Fails, but has no namespace of the extension: nothing to draw. */
    @Sample
    @NetnsTest
    public static class FailsWithoutNamespaces {
        @Test
        void fails() {
            assertEquals(0, 1, "failed on purpose");
        }
    }
}
