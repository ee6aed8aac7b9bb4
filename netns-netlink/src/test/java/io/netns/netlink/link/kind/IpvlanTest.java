// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.GoldenFixtures;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ip link add link va name ipv0 type ipvlan mode l2}: our request equals iproute2's, and iproute2's decodes as our spec's kind (link_add_ipvlan.hex). */
class IpvlanTest {
    private static final Ipvlan.Spec SPEC = LinkSpec.ipvlan("ipv0", "va", IpvlanMode.L2);

    @Test
    void encodesAsIpDoes() {
        GoldenFixtures.assertEncodesAs("link_add_ipvlan", w -> SPEC.encode(w, GoldenFixtures.SEQ, 2, 0, ns -> -1));
    }

    @Test
    void decodesWhatIpSent() {
        Link sent = Link.decode(GoldenFixtures.reader("link_add_ipvlan"));
        assertThat(sent.name()).isEqualTo(SPEC.name());
        assertThat(sent.kind()).hasValue(SPEC.kindName());
        assertThat(sent.details()).hasValue(new Ipvlan(IpvlanMode.L2, 0));
        assertThat(sent.link()).hasValue(2);
    }
}
