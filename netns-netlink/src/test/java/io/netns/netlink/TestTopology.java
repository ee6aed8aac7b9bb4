// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.NetworkNamespace;
import io.netns.netlink.address.AddressSpec;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.OperState;
import java.time.Duration;

/** The small topologies tests start from. */
public final class TestTopology {
    private static final Duration UP = Duration.ofSeconds(10);

    private TestTopology() {
    }

    /** lo up; veth va/vb, both up; 198.18.0.1/24 and fd42:6e73::1/64 (nodad) on va. */
    public static void wire(Rtnetlink rt) {
        rt.links().setUp("lo");
        rt.links().add(LinkSpec.veth("va", "vb"));
        rt.links().setUp("va");
        rt.links().setUp("vb");
        rt.addresses().add("va", "198.18.0.1/24");
        rt.addresses().add(AddressSpec.of("fd42:6e73::1/64", "va").noDad());
        rt.links().awaitOperState("va", OperState.UP, Duration.ofSeconds(5));
    }

    /**
     * A veth pair between two namespaces, as {@code ip -n A link add DEVICE_A type veth peer name DEVICE_B
     * netns B}: {@code addressA} on {@code deviceA}, {@code addressB} on {@code deviceB}, lo and both ends
     * up, and both ends operationally UP when it returns.
     */
    public static void vethBetween(NetworkNamespace a, String deviceA, String addressA,
                                   NetworkNamespace b, String deviceB, String addressB) {
        try (Rtnetlink ra = Rtnetlink.open(a); Rtnetlink rb = Rtnetlink.open(b)) {
            ra.links().add(LinkSpec.veth(deviceA, deviceB).peerNamespace(b));
            ra.addresses().add(deviceA, addressA);
            rb.addresses().add(deviceB, addressB);
            ra.links().setUp("lo");
            rb.links().setUp("lo");
            ra.links().setUp(deviceA);
            rb.links().setUp(deviceB);
            ra.links().awaitOperState(deviceA, OperState.UP, UP);
            rb.links().awaitOperState(deviceB, OperState.UP, UP);
        }
    }
}
