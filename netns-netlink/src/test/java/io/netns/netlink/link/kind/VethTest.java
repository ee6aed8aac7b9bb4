// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.GoldenFixtures;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ip link add v0 type veth peer name v1}: our request equals iproute2's, and iproute2's decodes as our spec's kind (link_add_veth.hex). */
class VethTest {
    private static final Veth.Spec SPEC = LinkSpec.veth("v0", "v1");

    @Test
    void encodesAsIpDoes() {
        GoldenFixtures.assertEncodesAs("link_add_veth", w -> SPEC.encode(w, GoldenFixtures.SEQ, 0, 0, ns -> -1));
    }

    @Test
    void decodesWhatIpSent() {
        Link sent = Link.decode(GoldenFixtures.reader("link_add_veth"));
        assertThat(sent.name()).isEqualTo(SPEC.name());
        assertThat(sent.kind()).hasValue(SPEC.kindName());
        assertThat(sent.details()).hasValue(new Veth("v1", Optional.empty(), OptionalInt.empty(), Optional.empty(), OptionalInt.empty()));
    }
}
