package io.netns.netlink;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A route as {@code ip route show} reports it (one RTM_NEWROUTE message).
 *
 * @param family {@link Family#INET} or {@link Family#INET6}
 * @param destination RTA_DST with rtm_dst_len; {@code 0.0.0.0/0} or {@code ::/0} for a default route
 * @param source RTA_SRC with rtm_src_len (source-specific routing, IPv6), if any
 * @param tos the TOS selector
 * @param table the table id, 0..2^32-1 (RTA_TABLE when present, else rtm_table): 254 main, 255 local
 * @param protocol RTPROT_*: 2 kernel, 3 boot (ip's default), 4 static...
 * @param scope RT_SCOPE_*: 0 universe, 253 link, 254 host
 * @param type RTN_*: 1 unicast, 2 local, 6 blackhole, 7 unreachable, 8 prohibit...
 * @param flags RTM_F_* / RTNH_F_* flags of rtm_flags (RTNH_F_ONLINK 4...)
 * @param gateway RTA_GATEWAY
 * @param outputInterface RTA_OIF
 * @param inputInterface RTA_IIF (routes from {@code ip route get ... iif})
 * @param preferredSource RTA_PREFSRC
 * @param priority RTA_PRIORITY (the metric), 0..2^32-1
 * @param mtu the RTAX_MTU metric
 * @param nextHops RTA_MULTIPATH paths; empty for a single-path route
 * @param unknown attributes not decoded, byte for byte
 */
public record Route(
        Family family,
        IpPrefix destination,
        Optional<IpPrefix> source,
        int tos,
        long table,
        int protocol,
        int scope,
        int type,
        int flags,
        Optional<InetAddress> gateway,
        OptionalInt outputInterface,
        OptionalInt inputInterface,
        Optional<InetAddress> preferredSource,
        OptionalLong priority,
        OptionalInt mtu,
        List<NextHop> nextHops,
        List<RawAttribute> unknown) {

    /** {@return whether this is a default route (zero-length destination)} */
    public boolean isDefault() {
        return destination.isDefault();
    }

    /** Like the record's own, with the undecoded attributes counted rather than dumped. */
    @Override
    public String toString() {
        return RecordText.of(this);
    }
}
