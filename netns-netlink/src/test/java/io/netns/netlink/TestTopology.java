package io.netns.netlink;

import io.netns.netlink.address.AddressSpec;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.OperState;
import java.time.Duration;

/** The small topology the route and neighbour tests start from. */
public final class TestTopology {
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
}
