// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.DumpCapture.Dump;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.kind.Vxlan;
import io.netns.netlink.route.NextHop;
import io.netns.netlink.route.Route;
import io.netns.netlink.rule.Rule;
import io.netns.netlink.wire.ErrorMessage;
import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.Nlmsg;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decodes the kernel dumps recorded under {@code src/test/resources/dumps} (see its README) and
 * checks them against what {@code ip -j -d} said about the same namespace at capture time. No root
 * needed: the bytes are the kernel's, the expectations iproute2's.
 */
class DumpGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String name) {
        try (InputStream in = DumpGoldenTest.class.getResourceAsStream("/dumps/" + name + ".json")) {
            assertThat(in).as("/dumps/" + name + ".json").isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<Integer, String> ifnames() {
        Map<Integer, String> m = new TreeMap<>();
        json("links").get("ifnames").properties().forEach(e -> m.put(Integer.parseInt(e.getKey()), e.getValue()
                .asText()));
        return m;
    }

    private static List<String> items(JsonNode j) {
        List<String> out = new ArrayList<>();
        j.get("items").forEach(i -> out.add(i.asText()));
        return out;
    }

    @ParameterizedTest
    @EnumSource(Dump.class)
    void decodesAsIpSawIt(Dump dump) {
        List<byte[]> datagrams = DumpCapture.resource(dump.file);
        JsonNode expected = json(dump.file);
        assertThat(datagrams).hasSize(expected.get("datagrams").asInt());
        List<String> decoded = DumpOracle.fromDecoded(dump, datagrams, ifnames());
        assertThat(decoded).hasSize(expected.get("count").asInt());
        assertThat(decoded).containsExactlyElementsOf(items(expected));
    }

    @Test
    void linksByIndexAndName() {
        List<Link> links = DumpOracle.decode(Dump.LINKS, DumpCapture.resource("links"), Link::decode);
        Map<Integer, String> names = ifnames();
        assertThat(links).hasSize(names.size());
        for (Link l : links) {
            assertThat(l.name()).as("ifindex " + l.index()).isEqualTo(names.get(l.index()));
        }
        Link vx0 = links.stream().filter(l -> l.name().equals("vx0")).findFirst().orElseThrow();
        assertThat(vx0.details()).containsInstanceOf(Vxlan.class);
        Vxlan v = (Vxlan) vx0.details().orElseThrow();
        assertThat(v.vni()).isEqualTo(42);
        assertThat(v.port()).hasValue(4789);
        Link vp0 = links.stream().filter(l -> l.name().equals("vp0")).findFirst().orElseThrow();
        assertThat(vp0.linkNetnsId()).hasValue(5);
        Link vb = links.stream().filter(l -> l.name().equals("vb")).findFirst().orElseThrow();
        assertThat(vb.slaveKind()).hasValue("bridge");
        assertThat(names.get(vb.master().orElseThrow())).isEqualTo("br0");
        assertThat(links).allSatisfy(l -> assertThat(l.stats()).isPresent());
    }

    @Test
    void multipathRoutes() {
        List<Route> routes = new ArrayList<>();
        for (Route r : DumpOracle.decode(Dump.ROUTES, DumpCapture.resource("routes"), Route::decode)) {
            if (!r.nextHops().isEmpty()) {
                routes.add(r);
            }
        }
        assertThat(routes).hasSize(2);
        assertThat(routes).extracting(r -> r.nextHops().size()).containsOnly(2);
        assertThat(routes).flatExtracting(Route::nextHops).extracting(NextHop::weight).contains(2, 3);
    }

    /**
     * An AF_UNSPEC rule dump also holds the multicast-routing families' default rules
     * (RTNL_FAMILY_IPMR 128, RTNL_FAMILY_IP6MR 129): {@code rt.rules().list(Family.UNSPEC)} gets them from
     * every kernel with CONFIG_IP_MROUTE_MULTIPLE_TABLES. They must decode (or be skipped), not end the
     * whole dump in an exception.
     */
    @Test
    void everyRuleOfAnUnspecDumpDecodes() {
        List<byte[]> datagrams = DumpCapture.resource("rules");
        int multicastRouting = 0;
        for (byte[] d : datagrams) {
            MessageReader r = new MessageReader(MemorySegment.ofArray(d), d.length);
            while (r.next()) {
                if (r.type() == Nlmsg.NLMSG_DONE) {
                    continue;
                }
                if (DumpOracle.isMulticastRouting(r)) {
                    multicastRouting++;
                }
                Rule.decode(r);
            }
        }
        assertThat(multicastRouting).as("IPMR/IP6MR rules in the dump").isPositive();
    }

    @Test
    void errorReplies() {
        List<byte[]> datagrams = DumpCapture.resource("errors");
        JsonNode expected = json("errors");
        assertThat(datagrams).hasSize(expected.size());
        for (int i = 0; i < datagrams.size(); i++) {
            JsonNode e = expected.get(i);
            ErrorMessage m = DumpCorpusTest.errorOf(datagrams.get(i));
            String what = e.get("request").asText();
            assertThat(m.errno()).as(what).isEqualTo(e.get("errno").asInt());
            assertThat(m.message()).as(what).isEqualTo(e.get("message").isNull() ? null : e.get("message").asText());
            assertThat(m.offset()).as(what).isEqualTo(e.get("offset").asInt());
            assertThat(m.isAck()).as(what).isEqualTo(e.get("errno").asInt() == 0);
        }
    }
}
