// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link;

import io.netns.netlink.GoldenFixtures;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.Ifla;
import io.netns.netlink.wire.MessageReader;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ip link set/del} requests against iproute2's bytes, both ways (ifindex 2 is "va" there). */
class LinkRequestsGoldenTest {
    @Test
    void setUp() {
        GoldenFixtures.assertEncodesAs("link_set_up", w ->
                LinkRequests.encodeSet(w, GoldenFixtures.SEQ, 2, LinkUpdate.of().up(), -1, -1));
        MessageReader r = GoldenFixtures.reader("link_set_up");
        assertThat(Link.decodeIndex(r)).isEqualTo(2);
        int flags = r.segment().get(ValueLayout.JAVA_INT_UNALIGNED, r.payload() + 8);
        int change = r.segment().get(ValueLayout.JAVA_INT_UNALIGNED, r.payload() + 12);
        assertThat(LinkFlag.setIn(flags)).containsExactly(LinkFlag.UP);
        assertThat(LinkFlag.setIn(change)).containsExactly(LinkFlag.UP);
    }

    @Test
    void setMtu() {
        GoldenFixtures.assertEncodesAs("link_set_mtu", w ->
                LinkRequests.encodeSet(w, GoldenFixtures.SEQ, 2, LinkUpdate.of().mtu(1400), -1, -1));
        MessageReader r = GoldenFixtures.reader("link_set_mtu");
        AttrReader a = new AttrReader(r.segment(), r.payload() + 16, r.end(), "link_set_mtu");
        assertThat(a.next()).isTrue();
        assertThat(a.type()).isEqualTo(Ifla.IFLA_MTU);
        assertThat(a.u32()).isEqualTo(1400);
        assertThat(a.next()).isFalse();
    }

    @Test
    void del() {
        GoldenFixtures.assertEncodesAs("link_del", w -> LinkRequests.encodeDel(w, GoldenFixtures.SEQ, 4, -1));
        assertThat(Link.decodeIndex(GoldenFixtures.reader("link_del"))).isEqualTo(4);
    }
}
