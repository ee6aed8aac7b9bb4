// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import io.netns.junit5.samples.LifecycleSamples;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @TempNetns}: injection, sharing, lifetimes, deletion after passing and failing tests. */
@PrivilegedTest
class TempNetnsTest {

    @AfterEach
    void nothingLeft() {
        assertThat(Kit.extensionNamespaces()).as("ip netns list after the run").isEmpty();
    }

    /** The names reported by the sample existed during the run; none is listed by ip afterwards. */
    private static void deletedAfterwards(List<String> names) {
        assertThat(names).isNotEmpty();
        assertThat(Ip.netnsList()).doesNotContainAnyElementsOf(names);
    }

    @Test
    void fieldAndParameterGetFreshNamespacesDeletedAfterwards() {
        EngineExecutionResults r = Kit.run(LifecycleSamples.FieldAndParameter.class);
        r.testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        List<String> names = List.of(Kit.reported(r, "field").getFirst(), Kit.reported(r, "param").getFirst());
        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.startsWith("junit-" + ProcessHandle.current().pid() + "-"));
        deletedAfterwards(names);
    }

    @Test
    void injectionPointsWithOneHintShareANamespace() {
        EngineExecutionResults r = Kit.run(LifecycleSamples.SharedHint.class);
        r.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        deletedAfterwards(List.of(Kit.reported(r, "x").getFirst(), Kit.reported(r, "y").getFirst()));
    }

    @Test
    void aFailingTestIsReportedWithItsOwnAssertionAndCleanedUp() {
        EngineExecutionResults r = Kit.run(LifecycleSamples.Failing.class);
        r.testEvents().assertStatistics(s -> s.started(1).failed(1).succeeded(0));
        Throwable t = Kit.failure(r);
        assertThat(t).isInstanceOf(AssertionFailedError.class).hasMessageStartingWith("the original message")
                .hasNoSuppressedExceptions();
        deletedAfterwards(Kit.reported(r, "name"));
    }

    @Test
    void aCheckedExceptionIsReportedAsThrownAndCleanedUp() {
        EngineExecutionResults r = Kit.run(LifecycleSamples.ThrowsChecked.class);
        assertThat(Kit.failure(r)).isExactlyInstanceOf(IOException.class).hasMessage("checked failure");
        deletedAfterwards(Kit.reported(r, "name"));
    }

    @Test
    void aFailingBeforeEachStillGetsItsNamespacesDeleted() {
        EngineExecutionResults r = Kit.run(LifecycleSamples.FailsInBeforeEach.class);
        assertThat(Kit.failure(r)).isExactlyInstanceOf(IllegalStateException.class).hasMessage("set-up failed");
        deletedAfterwards(Kit.reported(r, "name"));
    }

    @Test
    void staticFieldsLiveForTheClassInstanceFieldsForOneTest() {
        EngineExecutionResults r = Kit.run(LifecycleSamples.StaticPerClass.class);
        r.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        List<String> shared = Kit.reported(r, "shared");
        List<String> perTest = Kit.reported(r, "perTest");
        assertThat(shared).hasSize(2).containsOnly(shared.getFirst());
        assertThat(perTest).hasSize(2).doesNotHaveDuplicates().doesNotContain(shared.getFirst());
        deletedAfterwards(shared);
        deletedAfterwards(perTest);
    }

    @Test
    void aHintOfTheClassIsFoundFromItsTestsAndLifecycleMethods() {
        EngineExecutionResults r = Kit.run(LifecycleSamples.BeforeAllParameter.class);
        r.allEvents().assertStatistics(s -> s.failed(0));
        r.testEvents().assertStatistics(s -> s.succeeded(1));
        deletedAfterwards(Kit.reported(r, "cls"));
    }

    @Test
    void nestedClassesSeeTheNamespacesOfTheirEnclosingClass() {
        EngineExecutionResults r = Kit.run(LifecycleSamples.WithNested.class);
        r.allEvents().assertStatistics(s -> s.failed(0));
        r.testEvents().assertStatistics(s -> s.succeeded(1));
        deletedAfterwards(List.of(Kit.reported(r, "outer").getFirst(), Kit.reported(r, "inner").getFirst()));
    }

    @Test
    void aTestMayDeleteItsNamespaceItself() {
        EngineExecutionResults r = Kit.run(LifecycleSamples.DeletesItsOwn.class);
        r.allEvents().assertStatistics(s -> s.failed(0));
        r.testEvents().assertStatistics(s -> s.succeeded(1));
    }

    @Test
    void aParameterOfAnotherTypeIsRefusedByName() {
        EngineExecutionResults r = Kit.run(LifecycleSamples.WrongType.class);
        assertThat(Kit.failure(r)).hasMessageContaining("@TempNetns parameter 's'")
                .hasMessageContaining("must be of type NetworkNamespace, not java.lang.String");
    }

    @Test
    void aFinalFieldIsRefused() {
        EngineExecutionResults r = Kit.run(LifecycleSamples.FinalField.class);
        assertThat(Kit.failure(r)).hasMessageContaining("FinalField.ns must not be final");
    }
}
