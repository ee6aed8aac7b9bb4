// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.GoldenFixtures;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ip link add vx0 type vxlan id 42 dstport 4789 dev va}: our request equals iproute2's, and iproute2's decodes as our spec's kind (link_add_vxlan.hex). */
class VxlanTest {
    private static final Vxlan.Spec SPEC = LinkSpec.vxlan("vx0", 42).dstPort(4789).device("va");

    @Test
    void encodesAsIpDoes() {
        GoldenFixtures.assertEncodesAs("link_add_vxlan", w -> SPEC.encode(w, GoldenFixtures.SEQ, 2, 0, ns -> -1));
    }

    @Test
    void decodesWhatIpSent() {
        Link sent = Link.decode(GoldenFixtures.reader("link_add_vxlan"));
        assertThat(sent.name()).isEqualTo(SPEC.name());
        assertThat(sent.kind()).hasValue(SPEC.kindName());
        assertThat(sent.details()).hasValue(new Vxlan(42, OptionalInt.of(4789), Optional.empty(), Optional.empty(), OptionalInt.empty(), true, OptionalInt.of(2)));
    }
}
