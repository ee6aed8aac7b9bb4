// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.rule;

import io.netns.netlink.Family;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.NetlinkDecodeException;
import io.netns.netlink.RawAttribute;
import io.netns.netlink.internal.Decoding;
import io.netns.netlink.route.RouteProtocol;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.Fra;
import io.netns.netlink.wire.MessageReader;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A policy-routing rule as {@code ip rule show} reports it (one RTM_NEWRULE message).
 *
 * @param family {@link Family#INET} or {@link Family#INET6}
 * @param priority FRA_PRIORITY (lower runs first)
 * @param source FRA_SRC with its length ({@code from PREFIX}), empty for "all"
 * @param destination FRA_DST with its length ({@code to PREFIX})
 * @param table the table looked up (FRA_TABLE when present, else the header's table)
 * @param action FR_ACT_*: 1 to table, 6 blackhole, 7 unreachable, 8 prohibit
 * @param flags FIB_RULE_* flags (0x2 invert: {@code not})
 * @param tos the TOS selector
 * @param fwmark FRA_FWMARK
 * @param fwmask FRA_FWMASK
 * @param inputInterface FRA_IFNAME ({@code iif NAME})
 * @param outputInterface FRA_OIFNAME ({@code oif NAME})
 * @param protocol FRA_PROTOCOL: who installed the rule ({@code kernel}, {@code boot} ...), {@code unspec} when absent
 * @param unknown attributes not decoded, byte for byte
 */
public record Rule(Family family, OptionalLong priority, Optional<IpPrefix> source, Optional<IpPrefix> destination,
                   long table, int action, int flags, int tos, OptionalInt fwmark, OptionalInt fwmask,
                   Optional<String> inputInterface, Optional<String> outputInterface, RouteProtocol protocol,
                   List<RawAttribute> unknown) {

    /** {@return the rule as {@code ip rule} prints it: {@code 1000: from 198.18.0.0/16 lookup 100}} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        priority.ifPresent(p -> sb.append(p).append(":	"));
        if ((flags & 2) != 0) {
            sb.append("not ");
        }
        sb.append("from ").append(source.map(IpPrefix::toString).orElse("all"));
        destination.ifPresent(d -> sb.append(" to ").append(d));
        fwmark.ifPresent(m -> sb.append(" fwmark 0x").append(Integer.toHexString(m)));
        inputInterface.ifPresent(i -> sb.append(" iif ").append(i));
        outputInterface.ifPresent(o -> sb.append(" oif ").append(o));
        if (action == 1) {
            sb.append(" lookup ").append(table == 254 ? "main" : table == 255 ? "local" : table == 253 ? "default"
                    : Long.toString(table));
        } else {
            sb.append(' ').append(io.netns.netlink.route.RouteType.of(action));
        }
        return sb.toString();
    }

    /** Copies the list. */
    public Rule {
        unknown = List.copyOf(unknown);
    }

    /**
     * {@return the rule an RTM_NEWRULE or RTM_DELRULE describes}
     *
     * @param r a reader positioned on the message
     * @throws NetlinkDecodeException if the message is malformed, saying where
     */
    public static Rule decode(MessageReader r) {
        MemorySegment s = r.segment();
        long attrs = r.requirePayload(12, "struct fib_rule_hdr");
        long p = r.payload();
        int family = Decoding.u8(s, p);
        int dstLen = Decoding.u8(s, p + 1);
        int srcLen = Decoding.u8(s, p + 2);
        int tos = Decoding.u8(s, p + 3);
        long table = Decoding.u8(s, p + 4);
        int action = Decoding.u8(s, p + 7);
        int flags = Decoding.u32(s, p + 8);
        OptionalLong priority = OptionalLong.empty();
        InetAddress src = null;
        InetAddress dst = null;
        OptionalInt fwmark = OptionalInt.empty();
        OptionalInt fwmask = OptionalInt.empty();
        String iif = null;
        String oif = null;
        int protocol = 0;
        List<RawAttribute> unknown = null;
        AttrReader a = new AttrReader(s, attrs, r.end(), "RTM_NEWRULE");
        while (a.next()) {
            switch (a.type()) {
                case Fra.FRA_PRIORITY -> priority = OptionalLong.of(Integer.toUnsignedLong(a.u32()));
                case Fra.FRA_SRC -> src = Decoding.ip(a);
                case Fra.FRA_DST -> dst = Decoding.ip(a);
                case Fra.FRA_TABLE -> table = Integer.toUnsignedLong(a.u32());
                case Fra.FRA_FWMARK -> fwmark = OptionalInt.of(a.u32());
                case Fra.FRA_FWMASK -> fwmask = OptionalInt.of(a.u32());
                case Fra.FRA_IIFNAME -> iif = a.string();
                case Fra.FRA_OIFNAME -> oif = a.string();
                case Fra.FRA_PROTOCOL -> protocol = a.u8();
                default -> unknown = Decoding.keep(unknown, a);
            }
        }
        return new Rule(Family.of(family), priority,
                src == null ? Optional.empty()
                        : Optional.of(new IpPrefix(src, Decoding.prefixLength(srcLen, src, "RTM_NEWRULE src"))),
                dst == null ? Optional.empty()
                        : Optional.of(new IpPrefix(dst, Decoding.prefixLength(dstLen, dst, "RTM_NEWRULE dst"))),
                table, action, flags, tos, fwmark, fwmask, Optional.ofNullable(iif), Optional.ofNullable(oif),
                RouteProtocol.of(protocol), Decoding.done(unknown));
    }
}
