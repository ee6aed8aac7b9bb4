// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.neighbour;

import io.netns.netlink.internal.Request;
import io.netns.netlink.GoldenFixtures;
import io.netns.netlink.MacAddress;
import io.netns.netlink.wire.Rtm;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ip neigh add ... nud permanent} against iproute2's bytes, both ways (ifindex 2 is "va" there). */
class NeighbourGoldenTest {
    @Test
    void permanent() {
        NeighbourSpec spec = NeighbourSpec.permanent("198.18.0.9", "02:00:00:00:00:09", "va");
        GoldenFixtures.assertEncodesAs("neigh_add", w ->
                spec.encode(w, Rtm.RTM_NEWNEIGH, Request.CREATE, GoldenFixtures.SEQ, 2));
        Neighbour sent = Neighbour.decode(GoldenFixtures.reader("neigh_add"));
        assertThat(sent.destination()).hasValue(InetAddress.ofLiteral("198.18.0.9"));
        assertThat(sent.linkAddress()).hasValue(MacAddress.parse("02:00:00:00:00:09"));
        assertThat(sent.state()).isEqualTo(NudState.PERMANENT);
        assertThat(sent.state().toString()).isEqualTo("PERMANENT");
        assertThat(sent.index()).isEqualTo(2);
    }
}
