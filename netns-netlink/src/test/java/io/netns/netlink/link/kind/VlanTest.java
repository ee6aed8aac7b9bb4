// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.GoldenFixtures;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ip link add link va name va.100 type vlan id 100}: our request equals iproute2's, and iproute2's decodes as our spec's kind (link_add_vlan.hex). */
class VlanTest {
    private static final Vlan.Spec SPEC = LinkSpec.vlan("va.100", "va", 100);

    @Test
    void encodesAsIpDoes() {
        GoldenFixtures.assertEncodesAs("link_add_vlan", w -> SPEC.encode(w, GoldenFixtures.SEQ, 2, 0, ns -> -1));
    }

    @Test
    void decodesWhatIpSent() {
        Link sent = Link.decode(GoldenFixtures.reader("link_add_vlan"));
        assertThat(sent.name()).isEqualTo(SPEC.name());
        assertThat(sent.kind()).hasValue(SPEC.kindName());
        assertThat(sent.details()).hasValue(new Vlan(100, Optional.of(VlanProtocol.IEEE_802_1Q)));
        assertThat(sent.link()).hasValue(2); // link va
    }
}
