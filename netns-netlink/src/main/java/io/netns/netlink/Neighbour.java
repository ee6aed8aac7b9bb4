package io.netns.netlink;

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
 * @param state NUD_* state bits (0x80 permanent, 0x02 reachable, 0x04 stale...)
 * @param flags NTF_* flags
 * @param type the route type of the entry
 * @param unknown attributes not decoded, byte for byte
 */
public record Neighbour(Family family, int index, Optional<InetAddress> destination, Optional<MacAddress> linkAddress,
                        int state, int flags, int type, List<RawAttribute> unknown) {

    /** Like the record's own, with the undecoded attributes counted rather than dumped. */
    @Override
    public String toString() {
        return RecordText.of(this);
    }
}
