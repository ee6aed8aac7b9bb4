// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.address;

import io.netns.netlink.internal.Request;
import io.netns.netlink.Family;
import io.netns.netlink.GoldenFixtures;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.Scope;
import io.netns.netlink.wire.Rtm;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ip addr add} requests against iproute2's bytes, both ways (ifindex 2 is "va" there). */
class AddressGoldenTest {
    @Test
    void ipv4() {
        AddressSpec spec = AddressSpec.of("198.18.0.1/24", "va");
        GoldenFixtures.assertEncodesAs("addr_add_v4", w ->
                spec.encode(w, Rtm.RTM_NEWADDR, Request.CREATE, GoldenFixtures.SEQ, 2));
        Address sent = Address.decode(GoldenFixtures.reader("addr_add_v4"));
        assertThat(sent.prefix()).isEqualTo(IpPrefix.parse("198.18.0.1/24"));
        assertThat(sent.family()).isEqualTo(Family.INET);
        assertThat(sent.index()).isEqualTo(2);
        assertThat(sent.scope()).isEqualTo(Scope.UNIVERSE);
    }

    @Test
    void ipv6WithoutDad() {
        AddressSpec spec = AddressSpec.of("fd42:6e73::1/64", "va").noDad();
        GoldenFixtures.assertEncodesAs("addr_add_v6", w ->
                spec.encode(w, Rtm.RTM_NEWADDR, Request.CREATE, GoldenFixtures.SEQ, 2));
        Address sent = Address.decode(GoldenFixtures.reader("addr_add_v6"));
        assertThat(sent.prefix()).isEqualTo(IpPrefix.parse("fd42:6e73::1/64"));
        assertThat(sent.has(AddressFlag.NODAD)).isTrue();
        assertThat(sent.flagList()).containsExactly(AddressFlag.NODAD);
    }
}
