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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Injection and cleanup of {@code @TempNetns} namespaces. */
public final class LifecycleSamples {
    private LifecycleSamples() {
    }

    /** Checks that a namespace exists under its name, as ip sees it, and reports the name. */
    static void check(NetworkNamespace ns, TestReporter reporter, String key) {
        String name = ns.name().orElseThrow();
        assertTrue(name.startsWith(NetnsExtension.namePrefix()), name);
        assertTrue(Ip.netnsList().contains(name), "ip netns list shows " + name);
        try (NetworkNamespace reopened = Netns.open(name)) {
            assertEquals(ns.inode(), reopened.inode());
        }
        reporter.publishEntry(key, name);
    }

    @Sample
    @NetnsTest
    public static class FieldAndParameter {
        @TempNetns
        NetworkNamespace field;

        @Test
        void injected(@TempNetns NetworkNamespace param, TestReporter reporter) {
            check(field, reporter, "field");
            check(param, reporter, "param");
            assertNotSame(field, param);
            assertTrue(field.name().orElseThrow().contains("-field-"), field.name().orElseThrow());
            assertTrue(param.name().orElseThrow().contains("-param-"), param.name().orElseThrow());
        }
    }

    @Sample
    @NetnsTest
    public static class SharedHint {
        @TempNetns("x")
        NetworkNamespace x1;

        @Test
        void sameHintSameNamespace(@TempNetns("x") NetworkNamespace x2, @TempNetns("y") NetworkNamespace y,
                                   TestReporter reporter) {
            assertSame(x1, x2);
            assertNotSame(x1, y);
            assertTrue(x1.name().orElseThrow().contains("-x-"));
            check(x1, reporter, "x");
            check(y, reporter, "y");
        }
    }

    @Sample
    @NetnsTest
    public static class Failing {
        @Test
        void fails(@TempNetns NetworkNamespace ns, TestReporter reporter) {
            check(ns, reporter, "name");
            assertEquals(1, 2, "the original message");
        }
    }

    @Sample
    @NetnsTest
    public static class ThrowsChecked {
        @Test
        void throwsIo(@TempNetns NetworkNamespace ns, TestReporter reporter) throws IOException {
            check(ns, reporter, "name");
            throw new IOException("checked failure");
        }
    }

    @Sample
    @NetnsTest
    public static class FailsInBeforeEach {
        @TempNetns
        NetworkNamespace ns;

        @BeforeEach
        void setUp(TestReporter reporter) {
            check(ns, reporter, "name");
            throw new IllegalStateException("set-up failed");
        }

        @Test
        void neverRuns() {
        }
    }

    @Sample
    @NetnsTest
    @TestMethodOrder(MethodOrderer.MethodName.class)
    public static class StaticPerClass {
        @TempNetns
        static NetworkNamespace shared;
        @TempNetns
        NetworkNamespace perTest;

        @Test
        void first(TestReporter reporter) {
            check(shared, reporter, "shared");
            check(perTest, reporter, "perTest");
        }

        @Test
        void second(TestReporter reporter) {
            check(shared, reporter, "shared");
            check(perTest, reporter, "perTest");
        }
    }

    @Sample
    @NetnsTest
    public static class BeforeAllParameter {
        static NetworkNamespace fromBeforeAll;

        @BeforeAll
        static void setUp(@TempNetns("cls") NetworkNamespace ns) {
            fromBeforeAll = ns;
        }

        @Test
        void sharesTheClassNamespace(@TempNetns("cls") NetworkNamespace ns, TestReporter reporter) {
            assertSame(fromBeforeAll, ns);
            check(ns, reporter, "cls");
        }

        @AfterAll
        static void stillThere(@TempNetns("cls") NetworkNamespace ns) {
            assertSame(fromBeforeAll, ns);
            assertTrue(Ip.netnsList().contains(ns.name().orElseThrow()));
        }
    }

    @Sample
    @NetnsTest
    public static class WithNested {
        @TempNetns("outer")
        static NetworkNamespace outer;

        @Nested
        class Inner {
            @Test
            void seesTheOuterNamespace(@TempNetns("outer") NetworkNamespace ns, @TempNetns("inner") NetworkNamespace inner,
                                       TestReporter reporter) {
                assertSame(outer, ns);
                check(ns, reporter, "outer");
                check(inner, reporter, "inner");
            }
        }
    }

    @Sample
    @NetnsTest
    public static class DeletesItsOwn {
        @Test
        void deletes(@TempNetns NetworkNamespace ns, TestReporter reporter) {
            check(ns, reporter, "name");
            Netns.delete(ns.name().orElseThrow());
        }
    }

    @Sample
    @NetnsTest
    public static class WrongType {
        @Test
        void notANamespace(@TempNetns String s) {
        }
    }

    @Sample
    @NetnsTest
    public static class FinalField {
        @TempNetns
        final NetworkNamespace ns = null;

        @Test
        void never() {
        }
    }
}
