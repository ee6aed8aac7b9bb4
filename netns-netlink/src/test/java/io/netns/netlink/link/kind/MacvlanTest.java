// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.GoldenFixtures;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ip link add link va name mv0 type macvlan mode bridge}: our request equals iproute2's, and iproute2's decodes as our spec's kind (link_add_macvlan.hex). */
class MacvlanTest {
    private static final Macvlan.Spec SPEC = LinkSpec.macvlan("mv0", "va", MacvlanMode.BRIDGE);

    @Test
    void encodesAsIpDoes() {
        GoldenFixtures.assertEncodesAs("link_add_macvlan", w -> SPEC.encode(w, GoldenFixtures.SEQ, 2, 0, ns -> -1));
    }

    @Test
    void decodesWhatIpSent() {
        Link sent = Link.decode(GoldenFixtures.reader("link_add_macvlan"));
        assertThat(sent.name()).isEqualTo(SPEC.name());
        assertThat(sent.kind()).hasValue(SPEC.kindName());
        assertThat(sent.details()).hasValue(new Macvlan(MacvlanMode.BRIDGE, false));
        assertThat(sent.link()).hasValue(2);
    }
}
