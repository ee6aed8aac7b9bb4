// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5.samples;

import io.netns.NetworkNamespace;
import io.netns.junit5.NetnsTest;
import io.netns.junit5.RunInside;
import io.netns.junit5.TempNetns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test bodies run inside a namespace. */
public final class RunInsideSamples {
    private RunInsideSamples() {
    }

    /** Reports the namespace's inode and the calling thread's, and checks they are equal. */
    static void inside(NetworkNamespace ns, TestReporter reporter) {
        long thread = Inodes.thisThread();
        reporter.publishEntry("nsInode", Long.toString(ns.inode()));
        reporter.publishEntry("threadInode", Long.toString(thread));
        reporter.publishEntry("thread", Thread.currentThread().getName());
        assertEquals(ns.inode(), thread, "the thread's /proc/thread-self/ns/net");
        assertNotEquals(Inodes.process(), thread, "not the process's namespace");
    }

    @Sample
    @NetnsTest
    public static class ByParameterName {
        @Test
        @RunInside("server")
        void inside(@TempNetns NetworkNamespace client, @TempNetns NetworkNamespace server, TestReporter reporter) {
            RunInsideSamples.inside(server, reporter);
        }
    }

    @Sample
    @NetnsTest
    public static class ByFieldName {
        @TempNetns
        NetworkNamespace ns;
        @TempNetns
        NetworkNamespace other;

        @Test
        @RunInside("ns")
        void inside(TestReporter reporter) {
            RunInsideSamples.inside(ns, reporter);
        }
    }

    @Sample
    @NetnsTest
    public static class ByHint {
        @Test
        @RunInside("h")
        void inside(@TempNetns("h") NetworkNamespace a, @TempNetns NetworkNamespace b, TestReporter reporter) {
            RunInsideSamples.inside(a, reporter);
        }
    }

    @Sample
    @NetnsTest
    public static class SingleUnnamed {
        @Test
        @RunInside
        void inside(@TempNetns NetworkNamespace only, TestReporter reporter) throws IOException {
            RunInsideSamples.inside(only, reporter);
            // a fresh namespace has only lo, as /proc/thread-self/net/dev shows from inside
            String dev = Files.readString(Path.of("/proc/thread-self/net/dev"));
            assertTrue(dev.contains("lo:"), dev);
            assertEquals(3, dev.strip().split("\n").length, dev);
        }
    }

    @Sample
    @NetnsTest
    @RunInside("ns")
    public static class OnTheClass {
        @TempNetns
        NetworkNamespace ns;
        long testThreadInode;

        @BeforeEach
        void before() {
            testThreadInode = Inodes.thisThread();
        }

        @Test
        void one(TestReporter reporter) {
            RunInsideSamples.inside(ns, reporter);
        }

        @RepeatedTest(2)
        void repeated(TestReporter reporter) {
            RunInsideSamples.inside(ns, reporter);
        }

        @AfterEach
        void testThreadNeverMoved() {
            assertEquals(testThreadInode, Inodes.thisThread());
            assertEquals(Inodes.process(), Inodes.thisThread());
        }
    }

    @Sample
    @NetnsTest
    public static class LifecycleMethodInside {
        @TempNetns
        NetworkNamespace ns;
        long beforeEachInode;

        @BeforeEach
        @RunInside("ns")
        void before() {
            beforeEachInode = Inodes.thisThread();
        }

        @Test
        void notInside(TestReporter reporter) {
            assertEquals(ns.inode(), beforeEachInode);
            assertEquals(Inodes.process(), Inodes.thisThread());
            reporter.publishEntry("ok", "true");
        }
    }

    @Sample
    @NetnsTest
    public static class FailingInside {
        @Test
        @RunInside
        void fails(@TempNetns NetworkNamespace ns, TestReporter reporter) {
            reporter.publishEntry("name", ns.name().orElseThrow());
            reporter.publishEntry("thread", Thread.currentThread().getName());
            assertEquals("expected", "actual", "a message from inside");
        }
    }

    @Sample
    @NetnsTest
    public static class CheckedInside {
        @Test
        @RunInside
        void throwsIo(@TempNetns NetworkNamespace ns) throws IOException {
            throw new IOException("checked, from inside");
        }
    }

    @Sample
    @NetnsTest
    public static class Ambiguous {
        @Test
        @RunInside
        void which(@TempNetns NetworkNamespace a, @TempNetns NetworkNamespace b) {
        }
    }

    @Sample
    @NetnsTest
    public static class Unknown {
        @TempNetns
        NetworkNamespace ns;

        @Test
        @RunInside("nope")
        void missing() {
        }
    }
}
