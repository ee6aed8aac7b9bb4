// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link;

import io.netns.netlink.RawAttribute;
import io.netns.netlink.link.kind.Bond;
import io.netns.netlink.link.kind.Bridge;
import io.netns.netlink.link.kind.Dummy;
import io.netns.netlink.link.kind.Ifb;
import io.netns.netlink.link.kind.Ipvlan;
import io.netns.netlink.link.kind.Macvlan;
import io.netns.netlink.link.kind.Tun;
import io.netns.netlink.link.kind.Veth;
import io.netns.netlink.link.kind.Vlan;
import io.netns.netlink.link.kind.Vxlan;
import io.netns.netlink.wire.AttrReader;

import java.util.ArrayList;
import java.util.List;

/**
 * A link kind and its options (IFLA_INFO_KIND and IFLA_INFO_DATA), one record per kind in
 * {@code io.netns.netlink.link.kind}: the same record a spec carries when creating and
 * {@link Link#details()} returns when reading ({@code ip -d link show}). A kind this library does
 * not decode reads as {@link Other}, its data kept byte for byte.
 */
public sealed interface LinkKind permits Veth, Bridge, Vxlan, Vlan, Macvlan, Ipvlan, Bond, Dummy, Ifb, Tun,
        LinkKind.Other {

    /** {@return the IFLA_INFO_KIND string: {@code veth}, {@code bridge} ...} */
    String name();

    /**
     * A kind whose data this library keeps raw.
     *
     * @param name the IFLA_INFO_KIND string
     * @param data the IFLA_INFO_DATA attributes, undecoded
     */
    record Other(String name, List<RawAttribute> data) implements LinkKind {
        /** Copies the list. */
        public Other {
            data = List.copyOf(data);
        }
    }

    /**
     * {@return the options of a link of kind {@code kind}, decoded from its IFLA_INFO_DATA}
     *
     * @param kind the IFLA_INFO_KIND string
     * @param data a reader over the IFLA_INFO_DATA attributes
     */
    static LinkKind decode(String kind, AttrReader data) {
        return switch (kind) {
            case "veth" -> Veth.decode(data);
            case "bridge" -> Bridge.decode(data);
            case "vxlan" -> Vxlan.decode(data);
            case "vlan" -> Vlan.decode(data);
            case "macvlan", "macvtap" -> Macvlan.decode(kind, data);
            case "ipvlan" -> Ipvlan.decode(data);
            case "bond" -> Bond.decode(data);
            default -> {
                List<RawAttribute> raw = new ArrayList<>();
                while (data.next()) {
                    raw.add(new RawAttribute(data.rawType(), data.bytes()));
                }
                yield new Other(kind, raw);
            }
        };
    }
}
