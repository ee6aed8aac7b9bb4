// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.GoldenFixtures;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ip link add bond0 type bond mode active-backup}: our request equals iproute2's, and iproute2's decodes as our spec's kind (link_add_bond.hex). */
class BondTest {
    private static final Bond.Spec SPEC = LinkSpec.bond("bond0", BondMode.ACTIVE_BACKUP);

    @Test
    void encodesAsIpDoes() {
        GoldenFixtures.assertEncodesAs("link_add_bond", w -> SPEC.encode(w, GoldenFixtures.SEQ, 0, 0, ns -> -1));
    }

    @Test
    void decodesWhatIpSent() {
        Link sent = Link.decode(GoldenFixtures.reader("link_add_bond"));
        assertThat(sent.name()).isEqualTo(SPEC.name());
        assertThat(sent.kind()).hasValue(SPEC.kindName());
        assertThat(sent.details()).hasValue(new Bond(BondMode.ACTIVE_BACKUP));
    }
}
