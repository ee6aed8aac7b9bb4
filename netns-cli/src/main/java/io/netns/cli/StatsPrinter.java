// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.cli.Printer.Mode;
import io.netns.netlink.link.LinkStats;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static io.netns.netlink.wire.Ifla.IFLA_STATS;

/** The {@code -s} counters of {@code ip link}: {@code stats64} in JSON, the RX/TX table in text. */
final class StatsPrinter {
    /** Byte offsets in struct rtnl_link_stats (linux/if_link.h: 23 __u32 counters, in this order). */
    private static final int RX_OVER_ERRORS = 11 * 4;
    private static final int RX_MISSED_ERRORS = 15 * 4;
    private static final int TX_CARRIER_ERRORS = 17 * 4;

    private StatsPrinter() {
    }

    /**
     * @param raw the link's raw attributes: the 32-bit IFLA_STATS gives the two counters the
     *        library's LinkStats does not carry (rx over errors, tx carrier errors) and rx missed
     */
    static void print(Printer p, LinkStats st, AttrIndex raw) {
        long overErrors = 0;
        long missed = 0;
        long carrier = 0;
        if (raw.has(IFLA_STATS) && raw.get(IFLA_STATS).valueLength() >= TX_CARRIER_ERRORS + 4) {
            MemorySegment b = MemorySegment.ofArray(raw.bytes(IFLA_STATS));
            overErrors = Integer.toUnsignedLong(b.get(ValueLayout.JAVA_INT_UNALIGNED, RX_OVER_ERRORS));
            missed = Integer.toUnsignedLong(b.get(ValueLayout.JAVA_INT_UNALIGNED, RX_MISSED_ERRORS));
            carrier = Integer.toUnsignedLong(b.get(ValueLayout.JAVA_INT_UNALIGNED, TX_CARRIER_ERRORS));
        }
        if (p.isJson()) {
            p.openObject("stats64");
            p.openObject("rx");
            p.num(Mode.JSON, "bytes", null, st.rxBytes());
            p.num(Mode.JSON, "packets", null, st.rxPackets());
            p.num(Mode.JSON, "errors", null, st.rxErrors());
            p.num(Mode.JSON, "dropped", null, st.rxDropped());
            p.num(Mode.JSON, "over_errors", null, overErrors);
            p.num(Mode.JSON, "multicast", null, st.multicast());
            p.closeObject();
            p.openObject("tx");
            p.num(Mode.JSON, "bytes", null, st.txBytes());
            p.num(Mode.JSON, "packets", null, st.txPackets());
            p.num(Mode.JSON, "errors", null, st.txErrors());
            p.num(Mode.JSON, "dropped", null, st.txDropped());
            p.num(Mode.JSON, "carrier_errors", null, carrier);
            p.num(Mode.JSON, "collisions", null, st.collisions());
            p.closeObject();
            p.closeObject();
            return;
        }
        long[] rx = {st.rxBytes(), st.rxPackets(), st.rxErrors(), st.rxDropped(), missed, st.multicast()};
        long[] tx = {st.txBytes(), st.txPackets(), st.txErrors(), st.txDropped(), carrier, st.collisions()};
        // column widths as ip's size_columns: the header word's, or the widest number
        int[] cols = {10, 7, 6, 7, 7, 7, 10};
        for (long[] row : new long[][]{rx, tx}) {
            for (int i = 0; i < row.length; i++) {
                cols[i] = Math.max(cols[i], Long.toUnsignedString(row[i]).length());
            }
        }
        p.text(String.format("\n    RX: %" + (cols[0] - 4) + "s %" + cols[1] + "s %" + cols[2] + "s %" + cols[3] + "s %"
                + cols[4] + "s %" + cols[5] + "s %" + cols[6] + "s", "bytes", "packets", "errors", "dropped", "missed",
                "mcast", ""));
        row(p, cols, rx);
        p.text(String.format("\n    TX: %" + (cols[0] - 4) + "s %" + cols[1] + "s %" + cols[2] + "s %" + cols[3] + "s %"
                + cols[4] + "s %" + cols[5] + "s %" + cols[6] + "s", "bytes", "packets", "errors", "dropped", "carrier",
                "collsns", ""));
        row(p, cols, tx);
    }

    private static void row(Printer p, int[] cols, long[] values) {
        StringBuilder sb = new StringBuilder("\n    ");
        for (int i = 0; i < values.length; i++) {
            sb.append(String.format("%" + cols[i] + "s ", Long.toUnsignedString(values[i])));
        }
        p.text(sb.toString());
    }
}
