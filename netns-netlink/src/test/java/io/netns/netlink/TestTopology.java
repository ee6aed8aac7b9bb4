package io.netns.netlink;

import java.time.Duration;

/** The small topology the route and neighbour tests start from. */
final class TestTopology {
    private TestTopology() {
    }

    /** lo up; veth va/vb, both up; 198.18.0.1/24 and fd42:6e73::1/64 (nodad) on va. */
    static void wire(Rtnetlink rt) {
        rt.linkSetUp("lo");
        rt.linkAdd(LinkSpec.veth("va", "vb"));
        rt.linkSetUp("va");
        rt.linkSetUp("vb");
        rt.addressAdd("va", "198.18.0.1/24");
        rt.addressAdd(AddressSpec.of("fd42:6e73::1/64", "va").noDad());
        rt.awaitOperState("va", OperState.UP, Duration.ofSeconds(5));
    }
}
