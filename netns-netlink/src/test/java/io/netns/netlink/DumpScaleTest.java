// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.route.Route;
import io.netns.netlink.route.RouteSpec;
import io.netns.netlink.link.Link;
import io.netns.NetworkNamespace;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.kind.Veth;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dumps that span many datagrams: 1,000 links (500 veth pairs made in one batch, in one device
 * group) and 10,000 routes in a fresh namespace, counted by our dumps and by {@code ip -j}; then
 * everything is removed again (one RTM_DELLINK for the whole group takes the routes with it).
 */
@PrivilegedTest
class DumpScaleTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    private static final int PAIRS = 500;
    private static final int ROUTES = 10_000;
    private static final int GROUP = 42;

    @Test
    void thousandLinksAndTenThousandRoutes() {
        NetworkNamespace ns = temp.create("scale");
        String name = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            long t0 = System.nanoTime();
            Batch links = rt.batch();
            for (int i = 0; i < PAIRS; i++) {
                Veth.Spec pair = LinkSpec.veth("a" + i, "b" + i).group(GROUP);
                links.links().add(i < 10 ? pair.up() : pair);
            }
            links.execute().throwIfFailed();
            long t1 = System.nanoTime();

            Batch routes = rt.batch();
            int perDevice = ROUTES / 10;
            for (int i = 0; i < ROUTES; i++) {
                // 198.18.64.0 .. 198.18.103.15, host routes spread over a0..a9
                int host = (64 << 8) + i;
                String dst = "198.18." + (host >> 8) + "." + (host & 0xff) + "/32";
                routes.routes().add(RouteSpec.to(dst).dev("a" + i / perDevice));
            }
            routes.execute().throwIfFailed();
            long t2 = System.nanoTime();

            List<Link> dumped = rt.links().list();
            int ipLinks = Ip.jsonIn(name, "link", "show").size();
            assertThat(dumped).hasSize(2 * PAIRS + 1);
            assertThat(dumped).hasSize(ipLinks);
            assertThat(dumped.stream().filter(l -> l.group() == GROUP)).hasSize(PAIRS);
            assertThat(dumped.stream().map(Link::index).distinct()).hasSize(dumped.size());
            try (Stream<Link> s = rt.links().stream()) {
                assertThat(s.count()).isEqualTo(ipLinks);
            }

            List<Route> dumpedRoutes = rt.routes().list();
            int ipRoutes = Ip.jsonIn(name, "route", "show").size();
            assertThat(dumpedRoutes).hasSize(ROUTES);
            assertThat(dumpedRoutes).hasSize(ipRoutes);
            assertThat(dumpedRoutes.stream().map(r -> r.destination().address()).distinct()).hasSize(ROUTES);
            long t3 = System.nanoTime();

            rt.links().delGroup(GROUP);
            long t4 = System.nanoTime();
            assertThat(rt.links().list()).extracting(Link::name).containsExactly("lo");
            assertThat(rt.routes().list()).isEmpty();
            assertThat(Ip.jsonIn(name, "link", "show")).hasSize(1);
            assertThat(Ip.jsonIn(name, "route", "show")).isEmpty();
            System.out.printf("%d links in %d ms, %d routes in %d ms, dumps and ip in %d ms, group delete in %d ms%n",
                    2 * PAIRS, (t1 - t0) / 1_000_000, ROUTES, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
                    (t4 - t3) / 1_000_000);
        }
    }
}
