// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.neighbour;

import io.netns.netlink.Family;
import io.netns.netlink.MacAddress;
import io.netns.netlink.NetlinkDecodeException;
import io.netns.netlink.RawAttribute;
import io.netns.netlink.internal.Decoding;
import io.netns.netlink.internal.IpText;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.Nda;

import java.lang.foreign.MemorySegment;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * A neighbour (ARP or NDP) entry as {@code ip neigh show} reports it (one RTM_NEWNEIGH message).
 *
 * @param family {@link Family#INET} (ARP) or {@link Family#INET6} (NDP)
 * @param index the interface index
 * @param destination NDA_DST: the neighbour's IP address; empty for a bridge forwarding entry
 *        ({@link Family#BRIDGE}), which only has a link-layer address
 * @param linkAddress NDA_LLADDR: its link-layer address, empty while unresolved
 * @param state the entry's state ({@code PERMANENT}, {@code REACHABLE}, {@code STALE} ...)
 * @param flags NTF_* flags
 * @param type the route type of the entry
 * @param unknown attributes not decoded, byte for byte
 */
public record Neighbour(Family family, int index, Optional<InetAddress> destination, Optional<MacAddress> linkAddress,
                        NudState state, int flags, int type, List<RawAttribute> unknown) {

    /** {@return the entry as {@code ip neigh} prints it, with the device's index: {@code 198.18.0.2 dev 3 lladdr 02:6e:73:00:00:02 PERMANENT}} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(destination.map(IpText::format).orElse(family.toString()));
        sb.append(" dev ").append(index);
        linkAddress.ifPresent(l -> sb.append(" lladdr ").append(l));
        return sb.append(' ').append(state).toString();
    }

    /** Copies the list. */
    public Neighbour {
        unknown = List.copyOf(unknown);
    }

    /**
     * {@return the entry an RTM_NEWNEIGH or RTM_DELNEIGH describes}
     *
     * @param r a reader positioned on the message
     * @throws NetlinkDecodeException if the message is malformed, saying where
     */
    public static Neighbour decode(MessageReader r) {
        MemorySegment s = r.segment();
        long attrs = r.requirePayload(12, "struct ndmsg");
        long p = r.payload();
        int family = Decoding.u8(s, p);
        int index = Decoding.u32(s, p + 4);
        int state = Decoding.u16(s, p + 8);
        int flags = Decoding.u8(s, p + 10);
        int type = Decoding.u8(s, p + 11);
        InetAddress dst = null;
        MacAddress ll = null;
        List<RawAttribute> unknown = null;
        AttrReader a = new AttrReader(s, attrs, r.end(), "RTM_NEWNEIGH of ifindex " + index);
        while (a.next()) {
            switch (a.type()) {
                case Nda.NDA_DST -> dst = Decoding.ip(a);
                case Nda.NDA_LLADDR -> ll = a.valueLength() == 0 ? null : Decoding.mac(a);
                default -> unknown = Decoding.keep(unknown, a);
            }
        }
        Family f = Family.of(family);
        if (dst == null && !f.equals(Family.BRIDGE)) {
            throw new NetlinkDecodeException("RTM_NEWNEIGH of ifindex " + index + " has no NDA_DST");
        }
        return new Neighbour(f, index, Optional.ofNullable(dst), Optional.ofNullable(ll), NudState.of(state), flags,
                type, Decoding.done(unknown));
    }
}
