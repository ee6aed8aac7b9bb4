// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import io.netns.junit5.samples.ReportSamples;
import io.netns.testing.PrivilegedTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed test's report carries the topology of its namespaces (text and dot), taken when the
 * test failed, before its {@code @AfterEach} methods ran; a passing test's does not.
 */
@PrivilegedTest
class FailureReportTest {

    @AfterEach
    void nothingLeft() {
        assertThat(Kit.extensionNamespaces()).as("ip netns list after the run").isEmpty();
    }

    @Test
    void aFailedTestsReportHoldsTheTopologyOfItsNamespacesAsTheyWereWhenItFailed() {
        EngineExecutionResults r = Kit.run(ReportSamples.FailsThenCleansUp.class);
        assertThat(Kit.failure(r)).isExactlyInstanceOf(AssertionFailedError.class).hasMessageStartingWith("failed on purpose");
        String a = Kit.reported(r, "a").getFirst();
        String b = Kit.reported(r, "b").getFirst();
        assertThat(Kit.reported(r, NetnsExtension.TOPOLOGY_ENTRY)).as(Kit.describe(r)).singleElement()
                .asString().contains("namespace " + a + " (net:[", "namespace " + b + " (net:[",
                        " veth-b veth UP mtu 1500 198.18.6.1/24", " veth-a veth UP mtu 1500 198.18.6.2/24",
                        a + "/veth-b -- " + b + "/veth-a");        // the @AfterEach deleted it afterwards
        assertThat(Kit.reported(r, NetnsExtension.TOPOLOGY_DOT_ENTRY)).singleElement().asString()
                .startsWith("graph \"netns\" {").contains("label=\"" + a + "\"", "label=\"veth\"").endsWith("}\n");
    }

    @Test
    void aFailureInAClassTopologyShowsTheClassNamespaces() {
        EngineExecutionResults r = Kit.run(ReportSamples.FailsInAClassTopology.class);
        assertThat(Kit.failure(r)).hasMessageStartingWith("failed on purpose");
        String client = Kit.reported(r, "client").getFirst();
        String server = Kit.reported(r, "server").getFirst();
        assertThat(Kit.reported(r, NetnsExtension.TOPOLOGY_ENTRY)).singleElement().asString()
                .contains(client + "/veth-server -- " + server + "/veth-client", "198.18.7.1/24", "198.18.7.2/24");
    }

    @Test
    void aPassingTestOrOneWithoutNamespacesHasNoTopologyEntry() {
        EngineExecutionResults passed = Kit.run(ReportSamples.Passes.class);
        passed.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(Kit.reported(passed, NetnsExtension.TOPOLOGY_ENTRY)).isEmpty();
        EngineExecutionResults failed = Kit.run(ReportSamples.FailsWithoutNamespaces.class);
        assertThat(Kit.failure(failed)).hasMessageStartingWith("failed on purpose");
        assertThat(Kit.reported(failed, NetnsExtension.TOPOLOGY_ENTRY)).isEmpty();
        assertThat(Kit.reported(failed, NetnsExtension.TOPOLOGY_DOT_ENTRY)).isEmpty();
    }
}
