// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import io.netns.junit5.samples.TopologySamples;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @VethPair}: two namespaces joined by a veth pair, addressed, up, reachable, torn down. */
@PrivilegedTest
class TopologyTest {

    @AfterEach
    void nothingLeft() {
        assertThat(Kit.extensionNamespaces()).as("ip netns list after the run").isEmpty();
    }

    private static void passed(EngineExecutionResults r, int tests) {
        assertThat(r.allEvents().failed().count()).as(Kit.describe(r)).isZero();
        r.testEvents().assertStatistics(s -> s.succeeded(tests));
    }

    @Test
    void aMethodTopologyIsUpAddressedReachableAndDeletedAfterwards() {
        EngineExecutionResults r = Kit.run(TopologySamples.MethodTopology.class);
        passed(r, 1);
        assertThat(Kit.reported(r, "reply")).containsExactly("pong:ping:198.18.0.1");
        assertThat(Ip.netnsList()).doesNotContain(Kit.reported(r, "a").getFirst(), Kit.reported(r, "b").getFirst());
    }

    @Test
    void aClassTopologyIsSharedByItsTests() {
        EngineExecutionResults r = Kit.run(TopologySamples.ClassTopology.class);
        passed(r, 2);
        List<String> servers = Kit.reported(r, "server");
        assertThat(servers).hasSize(2).containsOnly(servers.getFirst());
        assertThat(Ip.netnsList()).doesNotContain(servers.getFirst(), Kit.reported(r, "client").getFirst());
    }

    @Test
    void ipv6AddressesAreUsableAtOnce() {
        passed(Kit.run(TopologySamples.Ipv6.class), 1);
    }

    @Test
    void pairsNamingTheSameNamespaceMakeAChain() {
        EngineExecutionResults r = Kit.run(TopologySamples.Chain.class);
        passed(r, 1);
        assertThat(Kit.reported(r, "ns")).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void aPairOfOneTestBetweenClassNamespacesIsRemovedAfterIt() {
        EngineExecutionResults r = Kit.run(TopologySamples.PairBetweenClassNamespaces.class);
        passed(r, 3);
        assertThat(Kit.reported(r, "x")).containsExactly("lo=DOWN");
    }

    @Test
    void aFailingTopologyTestIsReportedAndTornDown() {
        EngineExecutionResults r = Kit.run(TopologySamples.FailingTopology.class);
        assertThat(Kit.failure(r)).isExactlyInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("topology test failed on purpose");
        assertThat(Ip.netnsList()).doesNotContain(Kit.reported(r, "a").getFirst(), Kit.reported(r, "b").getFirst());
    }

    @Test
    void anInvalidAddressFailsBeforeAnythingIsCreated() {
        EngineExecutionResults r = Kit.run(TopologySamples.InvalidAddress.class);
        assertThat(Kit.failure(r)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("invalid @VethPair(left=\"a\", right=\"b\")")
                .hasMessageContaining("198.18.0.300");
    }

    @Test
    void aDeviceNameOver15BytesOrAPairWithItselfIsRefused() {
        assertThat(Kit.failure(Kit.run(TopologySamples.DeviceNameTooLong.class)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("a-device-name-too-long");
        assertThat(Kit.failure(Kit.run(TopologySamples.SameNamespaceTwice.class)))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("left and right are the same namespace, \"a\"");
    }

    @Test
    void defaultDeviceNamesAreCutTo15Bytes() {
        assertThat(Topology.deviceName("b")).isEqualTo("veth-b");
        assertThat(Topology.deviceName("a-very-long-peer-name")).isEqualTo("veth-a-very-lon").hasSize(15);
        assertThat(Topology.deviceName("x y/z:w")).isEqualTo("veth-x_y_z_w");
        assertThat(Topology.deviceName("éééééééé")).isEqualTo("veth-ééééé"); // 5 + 5 * 2 bytes
    }
}
