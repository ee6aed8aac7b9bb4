// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link;

import io.netns.netlink.NetlinkDecodeException;
import io.netns.netlink.wire.AttrReader;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * Link counters from IFLA_STATS64 ({@code ip -s link}).
 *
 * @param rxPackets packets received
 * @param txPackets packets sent
 * @param rxBytes bytes received
 * @param txBytes bytes sent
 * @param rxErrors receive errors
 * @param txErrors send errors
 * @param rxDropped received packets dropped
 * @param txDropped packets dropped before sending
 * @param multicast multicast packets received
 * @param collisions collisions
 */
public record LinkStats(long rxPackets, long txPackets, long rxBytes, long txBytes, long rxErrors, long txErrors,
                        long rxDropped, long txDropped, long multicast, long collisions) {

    /**
     * {@return the first ten counters of struct rtnl_link_stats64}
     *
     * @param a a reader positioned on IFLA_STATS64
     */
    public static LinkStats decode(AttrReader a) {
        if (a.valueLength() < 80) {
            throw new NetlinkDecodeException(a.context() + ": IFLA_STATS64 has " + a.valueLength()
                    + " bytes, fewer than its first ten counters (80)");
        }
        MemorySegment s = a.segment();
        long v = a.valueOffset();
        long[] c = new long[10];
        for (int i = 0; i < 10; i++) {
            c[i] = s.get(JAVA_LONG_UNALIGNED, v + 8L * i);
        }
        return new LinkStats(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]);
    }
}
