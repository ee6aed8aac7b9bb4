// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.route;

import io.netns.netlink.NetlinkDecodeException;
import io.netns.netlink.internal.Decoding;
import io.netns.netlink.internal.IpText;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.Rta;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One path of a multipath route ({@code ip route add ... nexthop via A dev D weight W}).
 *
 * @param gateway the next router, empty for a directly connected path
 * @param interfaceIndex the output interface (0 to let the kernel choose from the gateway)
 * @param weight the relative weight, 1..256
 * @param flags RTNH_F_* flags ({@code onlink} is RTNH_F_ONLINK)
 */
public record NextHop(Optional<InetAddress> gateway, int interfaceIndex, int weight, int flags) {
    /** Checks the weight. */
    public NextHop {
        Objects.requireNonNull(gateway, "gateway");
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("next-hop weight must be 1..256, not " + weight);
        }
    }

    /**
     * A path through {@code gateway} on interface {@code interfaceIndex}.
     *
     * @param gateway an IP literal
     * @param interfaceIndex the output interface, 0 to let the kernel choose
     * @param weight 1..256
     * @return the next hop
     */
    public static NextHop via(String gateway, int interfaceIndex, int weight) {
        return new NextHop(Optional.of(IpText.parse(gateway)), interfaceIndex, weight, 0);
    }

    /**
     * {@return the paths of an RTA_MULTIPATH: a run of struct rtnexthop, each followed by its own attributes}
     *
     * @param a a reader positioned on RTA_MULTIPATH
     */
    public static List<NextHop> decodeAll(AttrReader a) {
        MemorySegment s = a.segment();
        long pos = a.valueOffset();
        long end = pos + a.valueLength();
        List<NextHop> hops = new ArrayList<>(4);
        while (end - pos >= 8) {
            int len = Decoding.u16(s, pos);
            if (len < 8 || len > end - pos) {
                throw new NetlinkDecodeException(a.context() + ": rtnexthop at offset " + pos + " claims " + len
                        + " bytes; " + (end - pos) + " remain");
            }
            int nhFlags = Decoding.u8(s, pos + 2);
            int hops1 = Decoding.u8(s, pos + 3);
            int ifindex = Decoding.u32(s, pos + 4);
            InetAddress gw = null;
            AttrReader na = new AttrReader(s, pos + 8, pos + len, a.context() + "/RTA_MULTIPATH");
            while (na.next()) {
                if (na.type() == Rta.RTA_GATEWAY) {
                    gw = Decoding.ip(na);
                }
            }
            hops.add(new NextHop(Optional.ofNullable(gw), ifindex, hops1 + 1, nhFlags));
            pos += (len + 3) & ~3;
        }
        return List.copyOf(hops);
    }
}
