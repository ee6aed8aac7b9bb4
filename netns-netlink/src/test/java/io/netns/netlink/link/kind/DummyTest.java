// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.GoldenFixtures;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ip link add d0 type dummy}: our request equals iproute2's, and iproute2's decodes as our spec's kind (link_add_dummy.hex). */
class DummyTest {
    private static final Dummy.Spec SPEC = LinkSpec.dummy("d0");

    @Test
    void encodesAsIpDoes() {
        GoldenFixtures.assertEncodesAs("link_add_dummy", w -> SPEC.encode(w, GoldenFixtures.SEQ, 0, 0, ns -> -1));
    }

    @Test
    void decodesWhatIpSent() {
        Link sent = Link.decode(GoldenFixtures.reader("link_add_dummy"));
        assertThat(sent.name()).isEqualTo(SPEC.name());
        assertThat(sent.kind()).hasValue(SPEC.kindName());
        assertThat(sent.details()).as("ip sends no IFLA_INFO_DATA for it").isEmpty();
    }
}
