// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.route;

import io.netns.netlink.internal.Request;
import io.netns.netlink.GoldenFixtures;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.Scope;
import io.netns.netlink.wire.Rtm;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ip route add} requests against iproute2's bytes, both ways (ifindex 2 is "va" there). */
class RouteGoldenTest {
    private static void assertSame(String fixture, RouteSpec spec, int oif, int... hops) {
        GoldenFixtures.assertEncodesAs(fixture, w ->
                spec.encode(w, Rtm.RTM_NEWROUTE, Request.CREATE, GoldenFixtures.SEQ, oif, hops));
    }

    @Test
    void viaDevMetric() {
        assertSame("route_add_v4", RouteSpec.to("198.18.5.0/24").via("198.18.0.2").dev("va").metric(100), 2);
        Route sent = Route.decode(GoldenFixtures.reader("route_add_v4"));
        assertThat(sent.destination()).isEqualTo(IpPrefix.parse("198.18.5.0/24"));
        assertThat(sent.gateway()).hasValue(InetAddress.ofLiteral("198.18.0.2"));
        assertThat(sent.outputInterface()).hasValue(2);
        assertThat(sent.priority()).hasValue(100);
        assertThat(sent.protocol()).isEqualTo(RouteProtocol.BOOT);
        assertThat(sent.scope()).isEqualTo(Scope.UNIVERSE);
        assertThat(sent.type()).isEqualTo(RouteType.UNICAST);
        assertThat(sent.table()).isEqualTo(254);
    }

    @Test
    void defaultRoute() {
        assertSame("route_add_default", RouteSpec.defaultRoute().via("198.18.0.2"), 0);
        Route sent = Route.decode(GoldenFixtures.reader("route_add_default"));
        assertThat(sent.isDefault()).isTrue();
        assertThat(sent.gateway()).hasValue(InetAddress.ofLiteral("198.18.0.2"));
    }

    @Test
    void multipath() {
        assertSame("route_add_multipath",
                RouteSpec.to("198.18.6.0/24").nextHop("198.18.0.2", "va", 1).nextHop("198.18.0.3", "va", 2), 0, 2, 2);
        Route sent = Route.decode(GoldenFixtures.reader("route_add_multipath"));
        assertThat(sent.nextHops()).containsExactly(
                new NextHop(Optional.of(InetAddress.ofLiteral("198.18.0.2")), 2, 1, 0),
                new NextHop(Optional.of(InetAddress.ofLiteral("198.18.0.3")), 2, 2, 0));
    }

    @Test
    void blackhole() {
        assertSame("route_add_blackhole", RouteSpec.to("198.18.7.0/24").type(RouteType.BLACKHOLE), 0);
        Route sent = Route.decode(GoldenFixtures.reader("route_add_blackhole"));
        assertThat(sent.type()).isEqualTo(RouteType.BLACKHOLE);
        assertThat(sent.type().toString()).isEqualTo("blackhole");
        assertThat(sent.nextHops()).isEqualTo(List.of());
    }
}
