package io.netns.netlink;

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
 * @param protocol FRA_PROTOCOL (RTPROT_*), 0 when absent
 * @param unknown attributes not decoded, byte for byte
 */
public record Rule(Family family, OptionalLong priority, Optional<IpPrefix> source, Optional<IpPrefix> destination,
                   long table, int action, int flags, int tos, OptionalInt fwmark, OptionalInt fwmask,
                   Optional<String> inputInterface, Optional<String> outputInterface, int protocol,
                   List<RawAttribute> unknown) {

    /** Like the record's own, with the undecoded attributes counted rather than dumped. */
    @Override
    public String toString() {
        return RecordText.of(this);
    }
}
