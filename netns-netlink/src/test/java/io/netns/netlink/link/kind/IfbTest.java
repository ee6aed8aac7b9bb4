// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.GoldenFixtures;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ip link add ifb0 type ifb}: our request equals iproute2's, and iproute2's decodes as our spec's kind (link_add_ifb.hex). */
class IfbTest {
    private static final Ifb.Spec SPEC = LinkSpec.ifb("ifb0");

    @Test
    void encodesAsIpDoes() {
        GoldenFixtures.assertEncodesAs("link_add_ifb", w -> SPEC.encode(w, GoldenFixtures.SEQ, 0, 0, ns -> -1));
    }

    @Test
    void decodesWhatIpSent() {
        Link sent = Link.decode(GoldenFixtures.reader("link_add_ifb"));
        assertThat(sent.name()).isEqualTo(SPEC.name());
        assertThat(sent.kind()).hasValue(SPEC.kindName());
        assertThat(sent.details()).as("ip sends no IFLA_INFO_DATA for it").isEmpty();
    }
}
