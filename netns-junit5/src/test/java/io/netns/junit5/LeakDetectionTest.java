// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import io.netns.Netns;
import io.netns.junit5.samples.LeakSamples;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Namespaces and files a test leaves under the extension's prefix fail it, and are removed. */
@PrivilegedTest
class LeakDetectionTest {

    @AfterEach
    void nothingLeft() {
        assertThat(Kit.extensionNamespaces()).as("ip netns list after the run").isEmpty();
        try (var files = Files.list(Netns.registry().directory())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith(NetnsExtension.namePrefix()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String leaked(EngineExecutionResults r) {
        List<String> names = Kit.reported(r, "leaked");
        assertThat(names).hasSize(1);
        return names.getFirst();
    }

    @Test
    void aNamespaceCreatedWithTheLibraryFailsTheTestAndIsRemoved() {
        EngineExecutionResults r = Kit.run(LeakSamples.LeaksNamespace.class);
        r.testEvents().assertStatistics(s -> s.started(1).failed(1));
        String name = leaked(r);
        assertThat(Kit.failure(r)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("test LeaksNamespace.leaks() left 1 namespace(s)")
                .hasMessageContaining("/" + name + " (namespace; removed)");
        assertThat(Ip.netnsList()).doesNotContain(name);
    }

    @Test
    void aNamespaceAddedWithIpFailsTheTest() {
        EngineExecutionResults r = Kit.run(LeakSamples.LeaksWithIp.class);
        String name = leaked(r);
        assertThat(Kit.failure(r)).hasMessageContaining("/" + name + " (namespace; removed)");
        assertThat(Ip.netnsList()).doesNotContain(name);
    }

    @Test
    void aStaleFileInTheRunDirectoryFailsTheTest() {
        EngineExecutionResults r = Kit.run(LeakSamples.LeaksFile.class);
        String name = leaked(r);
        assertThat(Kit.failure(r)).hasMessageContaining("/" + name + " (stale placeholder");
        assertThat(Netns.registry().directory().resolve(name)).doesNotExist();
    }

    @Test
    void aFailingTestThatLeaksKeepsItsOwnFailureWithTheLeakAttached() {
        EngineExecutionResults r = Kit.run(LeakSamples.FailsAndLeaks.class);
        Throwable t = Kit.failure(r);
        assertThat(t).isExactlyInstanceOf(AssertionFailedError.class).hasMessageStartingWith("the test's own failure");
        assertThat(t.getSuppressed()).hasSize(1);
        assertThat(t.getSuppressed()[0]).hasMessageContaining(leaked(r));
        assertThat(Ip.netnsList()).doesNotContain(leaked(r), Kit.reported(r, "temp").getFirst());
    }

    @Test
    void aTestThatDeletesWhatItCreatesPasses() {
        EngineExecutionResults r = Kit.run(LeakSamples.CleansUp.class);
        r.allEvents().assertStatistics(s -> s.failed(0));
        r.testEvents().assertStatistics(s -> s.succeeded(1));
    }

    @Test
    void aNamespaceOfTheClassMadeBeforeItsTestsIsNotTheirLeak() {
        EngineExecutionResults r = Kit.run(LeakSamples.ClassWideOwnNamespace.class);
        r.allEvents().assertStatistics(s -> s.failed(0));
        r.testEvents().assertStatistics(s -> s.succeeded(2));
    }

    @Test
    void aNamespaceLeftByBeforeAllFailsTheClass() {
        EngineExecutionResults r = Kit.run(LeakSamples.LeaksFromBeforeAll.class);
        r.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        r.containerEvents().assertStatistics(s -> s.failed(1));
        String name = leaked(r);
        assertThat(Kit.failure(r)).hasMessageContaining("test class " + LeakSamples.LeaksFromBeforeAll.class.getName())
                .hasMessageContaining(name);
        assertThat(Ip.netnsList()).doesNotContain(name);
    }

    @Test
    void mountinfoEscapesAreDecoded() {
        assertThat(RunDirectory.unescape("/run/netns/a\\040b\\134c")).isEqualTo("/run/netns/a b\\c");
        assertThat(RunDirectory.unescape("/run/netns/plain")).isEqualTo("/run/netns/plain");
        assertThat(RunDirectory.unescape("/x\\04")).isEqualTo("/x\\04");
    }
}
