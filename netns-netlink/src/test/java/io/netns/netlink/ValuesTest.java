// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.address.Address;
import io.netns.netlink.link.kind.MacvlanMode;
import io.netns.netlink.link.kind.VlanProtocol;
import io.netns.netlink.neighbour.Neighbour;
import io.netns.netlink.neighbour.NudState;
import io.netns.netlink.route.Route;
import io.netns.netlink.route.RouteProtocol;
import io.netns.netlink.route.RouteType;
import io.netns.netlink.rule.Rule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open value types and the values' text: any number decodes (a newer kernel never breaks
 * decoding), words parse as ip reads them, and toString prints what ip prints. No root needed.
 */
class ValuesTest {
    @Test
    void everyNumberHasAValueAndKnownOnesAreTheConstants() {
        assertThat(Scope.of(253)).isSameAs(Scope.LINK);
        assertThat(Family.of(10)).isSameAs(Family.INET6);
        Family future = Family.of(77);
        assertThat(future.isKnown()).isFalse();
        assertThat(future.number()).isEqualTo(77);
        assertThat(future).hasToString("77").isEqualTo(Family.of(77));
        assertThat(RouteType.of(200).isKnown()).isFalse();
        assertThat(VlanProtocol.of(0x9100)).hasToString("0x9100");
    }

    @Test
    void wordsParseAsIpReadsThem() {
        assertThat(Scope.parse("link")).hasValue(Scope.LINK);
        assertThat(Scope.parse("universe")).hasValue(Scope.UNIVERSE);
        assertThat(Scope.parse("253")).hasValue(Scope.LINK);
        assertThat(Scope.parse("lnk")).isEmpty();
        assertThat(RouteProtocol.parse("static")).hasValue(RouteProtocol.STATIC);
        assertThat(RouteProtocol.parse("0x2a")).hasValue(RouteProtocol.BABEL);
        assertThat(NudState.parse("permanent")).hasValue(NudState.PERMANENT);
        assertThat(MacvlanMode.parse("bridge")).hasValue(MacvlanMode.BRIDGE);
    }

    @Test
    void valuesPrintWhatIpPrints() {
        assertThat(Scope.UNIVERSE).hasToString("global");
        assertThat(RouteProtocol.KERNEL).hasToString("kernel");
        assertThat(RouteType.BLACKHOLE).hasToString("blackhole");
        assertThat(NudState.STALE).hasToString("STALE");
        assertThat(Family.INET6).hasToString("inet6");
        assertThat(IpPrefix.parse("198.18.0.1/24")).hasToString("198.18.0.1/24");
        assertThat(IpPrefix.parse("fd42:6e73::1/64")).hasToString("fd42:6e73::1/64");
        assertThat(MacAddress.parse("02:6E:73:00:00:0A")).hasToString("02:6e:73:00:00:0a");
    }

    @Test
    void decodedValuesPrintAsIpLinesNotAsRecordDumps() {
        assertThat(Route.decode(GoldenFixtures.reader("route_add_v4")))
                .hasToString("198.18.5.0/24 via 198.18.0.2 oif 2 proto boot metric 100");
        assertThat(Route.decode(GoldenFixtures.reader("route_add_blackhole")))
                .hasToString("blackhole 198.18.7.0/24 proto boot");
        assertThat(Address.decode(GoldenFixtures.reader("addr_add_v4")))
                .hasToString("2: inet 198.18.0.1/24 scope global");
        assertThat(Address.decode(GoldenFixtures.reader("addr_add_v6")))
                .hasToString("2: inet6 fd42:6e73::1/64 scope global nodad");
        assertThat(Neighbour.decode(GoldenFixtures.reader("neigh_add")))
                .hasToString("198.18.0.9 dev 2 lladdr 02:00:00:00:00:09 PERMANENT");
        assertThat(Rule.decode(GoldenFixtures.reader("rule_add"))).hasToString("1000:\tfrom 198.18.8.0/24 lookup 100");
    }
}
