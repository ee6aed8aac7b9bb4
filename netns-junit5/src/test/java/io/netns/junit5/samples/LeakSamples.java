// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5.samples;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.junit5.NetnsExtension;
import io.netns.junit5.NetnsTest;
import io.netns.junit5.TempNetns;
import io.netns.testing.Ip;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tests that leave namespaces or run-directory entries behind. */
public final class LeakSamples {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private LeakSamples() {
    }

    /** A fresh name with the extension's prefix, as a careless test would make. */
    static String leakName(String what) {
        return NetnsExtension.namePrefix() + "leak-" + what + "-" + COUNTER.incrementAndGet();
    }

    @Sample
    @NetnsTest
    public static class LeaksNamespace {
        @Test
        void leaks(TestReporter reporter) {
            String name = leakName("api");
            reporter.publishEntry("leaked", name);
            Netns.create(name).close();      // the handle is closed, the name stays
        }
    }

    @Sample
    @NetnsTest
    public static class LeaksWithIp {
        @Test
        void leaks(TestReporter reporter) {
            String name = leakName("ip");
            reporter.publishEntry("leaked", name);
            Ip.ip("netns", "add", name);
        }
    }

    @Sample
    @NetnsTest
    public static class LeaksFile {
        @Test
        void leaks(TestReporter reporter) throws IOException {
            String name = leakName("file");
            reporter.publishEntry("leaked", name);
            Files.createFile(Netns.registry().directory().resolve(name));   // a stale placeholder
        }
    }

    @Sample
    @NetnsTest
    public static class FailsAndLeaks {
        @Test
        void failsAndLeaks(@TempNetns NetworkNamespace ns, TestReporter reporter) {
            String name = leakName("fail");
            reporter.publishEntry("leaked", name);
            reporter.publishEntry("temp", ns.name().orElseThrow());
            Netns.create(name).close();
            assertEquals(1, 2, "the test's own failure");
        }
    }

    @Sample
    @NetnsTest
    public static class CleansUp {
        @Test
        void deletesWhatItCreates(TestReporter reporter) {
            String name = leakName("clean");
            reporter.publishEntry("created", name);
            try (NetworkNamespace ns = Netns.create(name)) {
                ns.run(() -> { });
            } finally {
                Netns.delete(name);
            }
        }
    }

    /** A class-wide namespace made in @BeforeAll and deleted in @AfterAll is no test's leak. */
    @Sample
    @NetnsTest
    public static class ClassWideOwnNamespace {
        static String name;

        @BeforeAll
        static void create() {
            name = leakName("classwide");
            Netns.create(name).close();
        }

        @Test
        void one() {
        }

        @Test
        void two() {
        }

        @AfterAll
        static void delete() {
            Netns.delete(name);
        }
    }

    @Sample
    @NetnsTest
    public static class LeaksFromBeforeAll {
        @BeforeAll
        static void create(TestReporter reporter) {
            String name = leakName("beforeall");
            reporter.publishEntry("leaked", name);
            Netns.create(name).close();
        }

        @Test
        void passes() {
        }
    }
}
