// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import io.netns.junit5.samples.Inodes;
import io.netns.junit5.samples.RunInsideSamples;
import io.netns.testing.PrivilegedTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @RunInside}: test bodies on a pinned thread inside the namespace. */
@PrivilegedTest
class RunInsideTest {

    @AfterEach
    void nothingLeft() {
        assertThat(Kit.extensionNamespaces()).as("ip netns list after the run").isEmpty();
    }

    /** Every run of the body reported a thread whose namespace inode is the injected namespace's. */
    private static void ranInside(EngineExecutionResults r, int runs) {
        r.allEvents().assertStatistics(s -> s.failed(0));
        r.testEvents().assertStatistics(s -> s.succeeded(runs));
        List<String> ns = Kit.reported(r, "nsInode");
        List<String> thread = Kit.reported(r, "threadInode");
        assertThat(ns).hasSize(runs);
        assertThat(thread).isEqualTo(ns).doesNotContain(Long.toString(Inodes.process()));
        assertThat(Kit.reported(r, "thread")).allMatch(n -> n.startsWith("netns-junit-"), "a pinned thread");
    }

    @Test
    void aParameterNamedByItsName() {
        ranInside(Kit.run(RunInsideSamples.ByParameterName.class), 1);
    }

    @Test
    void aFieldNamedByItsName() {
        ranInside(Kit.run(RunInsideSamples.ByFieldName.class), 1);
    }

    @Test
    void aNamespaceNamedByItsHint() {
        ranInside(Kit.run(RunInsideSamples.ByHint.class), 1);
    }

    @Test
    void theOnlyNamespaceOfTheTest() {
        ranInside(Kit.run(RunInsideSamples.SingleUnnamed.class), 1);
    }

    @Test
    void onTheClassForEveryTestIncludingTemplatesWhileTheTestThreadStaysOutside() {
        ranInside(Kit.run(RunInsideSamples.OnTheClass.class), 3);
    }

    @Test
    void onALifecycleMethod() {
        EngineExecutionResults r = Kit.run(RunInsideSamples.LifecycleMethodInside.class);
        r.allEvents().assertStatistics(s -> s.failed(0));
        assertThat(Kit.reported(r, "ok")).containsExactly("true");
    }

    @Test
    void anAssertionFailingInsideIsReportedAsTheOriginalError() {
        EngineExecutionResults r = Kit.run(RunInsideSamples.FailingInside.class);
        r.testEvents().assertStatistics(s -> s.failed(1));
        Throwable t = Kit.failure(r);
        assertThat(t).isExactlyInstanceOf(AssertionFailedError.class)
                .hasMessage("a message from inside ==> expected: <expected> but was: <actual>")
                .hasNoCause();
        AssertionFailedError afe = (AssertionFailedError) t;
        assertThat(afe.getExpected().getValue()).isEqualTo("expected");
        assertThat(afe.getActual().getValue()).isEqualTo("actual");
        // thrown by the sample's method, on the namespace's thread
        assertThat(Arrays.stream(t.getStackTrace()).map(StackTraceElement::getMethodName)).contains("fails");
        assertThat(Kit.reported(r, "thread").getFirst()).startsWith("netns-" + Kit.reported(r, "name").getFirst());
    }

    @Test
    void aCheckedExceptionThrownInsideIsReportedUnwrapped() {
        EngineExecutionResults r = Kit.run(RunInsideSamples.CheckedInside.class);
        assertThat(Kit.failure(r)).isExactlyInstanceOf(IOException.class).hasMessage("checked, from inside");
    }

    @Test
    void anUnnamedRunInsideWithSeveralNamespacesFailsListingThem() {
        EngineExecutionResults r = Kit.run(RunInsideSamples.Ambiguous.class);
        assertThat(Kit.failure(r)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("the test has 2 @TempNetns namespaces")
                .hasMessageContaining("parameter a, parameter b");
    }

    @Test
    void anUnknownNameFailsListingTheKnownOnes() {
        EngineExecutionResults r = Kit.run(RunInsideSamples.Unknown.class);
        assertThat(Kit.failure(r)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("@RunInside(\"nope\")").hasMessageContaining("known: field ns");
    }
}
