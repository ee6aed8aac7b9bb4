// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.address.AddressSpec;
import io.netns.netlink.internal.Request;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.route.RouteSpec;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.Ifa;
import io.netns.netlink.wire.Ifla;
import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.MessageWriter;
import io.netns.netlink.wire.Rta;
import io.netns.netlink.wire.Rtm;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code withAttribute}: what the typed layer lacks goes out byte for byte, after the typed attributes, and survives later options. */
class ExtraAttributesTest {
    private static List<Integer> attributeTypes(Consumer<MessageWriter> encode, int fixedHeader) {
        try (MessageWriter w = MessageWriter.onHeap(256)) {
            encode.accept(w);
            byte[] b = w.written().toArray(ValueLayout.JAVA_BYTE);
            MessageReader r = new MessageReader(java.lang.foreign.MemorySegment.ofArray(b), b.length);
            assertThat(r.next()).isTrue();
            AttrReader a = new AttrReader(r.segment(), r.payload() + fixedHeader, r.end(), "test");
            List<Integer> types = new ArrayList<>();
            while (a.next()) {
                types.add(a.type());
            }
            return types;
        }
    }

    @Test
    void linkSpecs() {
        // IFLA_PROTO_DOWN (39) as a raw u8, then an option set afterwards: the raw one stays
        LinkSpec<?> spec = LinkSpec.bridge("br0").withAttribute(Ifla.IFLA_PROTO_DOWN, new byte[] {1, 0, 0, 0}).mtu(1400);
        List<Integer> types = attributeTypes(w -> spec.encode(w, 1, 0, 0, ns -> -1), 16);
        assertThat(types).containsExactly(Ifla.IFLA_IFNAME, Ifla.IFLA_MTU, Ifla.IFLA_PROTO_DOWN, Ifla.IFLA_LINKINFO);
    }

    @Test
    void addressAndRouteSpecs() {
        AddressSpec a = AddressSpec.of("198.18.0.1/24", "va").withAttribute(Ifa.IFA_RT_PRIORITY, new byte[] {9, 0, 0, 0})
                .noDad();
        assertThat(attributeTypes(w -> a.encode(w, Rtm.RTM_NEWADDR, Request.CREATE, 1, 2), 8))
                .endsWith(Ifa.IFA_RT_PRIORITY);
        RouteSpec r = RouteSpec.to("198.18.5.0/24").withAttribute(Rta.RTA_PREF, new byte[] {1, 0, 0, 0}).via("198.18.0.2");
        assertThat(attributeTypes(w -> r.encode(w, Rtm.RTM_NEWROUTE, Request.CREATE, 1, 0, new int[0]), 12))
                .containsExactly(Rta.RTA_DST, Rta.RTA_GATEWAY, Rta.RTA_PREF);
    }
}
