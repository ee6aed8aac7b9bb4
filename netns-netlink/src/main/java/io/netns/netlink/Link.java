package io.netns.netlink;

import io.netns.netlink.codec.Iff;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A network device as {@code ip -d link show} reports it (one RTM_NEWLINK message).
 *
 * @param index the interface index (ifindex)
 * @param name the interface name
 * @param flags IFF_* device flags (see {@link #isUp()}, {@link #hasCarrier()})
 * @param type the ARPHRD_* hardware type (1 ether, 772 loopback, 65534 none)
 * @param mtu the MTU
 * @param operState the operational state
 * @param address the link-layer address
 * @param broadcast the link-layer broadcast address
 * @param txQueueLength the transmit queue length (txqlen)
 * @param group the device group
 * @param alias the alias ({@code ip link set DEV alias TEXT})
 * @param qdisc the root queueing discipline's kind
 * @param master the index of the master device (a bridge or bond) this one is enslaved to
 * @param link IFLA_LINK: the peer or parent ifindex (veth peer, vlan parent), possibly in another namespace
 * @param linkNetnsId the namespace id, as seen from here, of the namespace {@code link} is in
 * @param kind IFLA_INFO_KIND ({@code veth}, {@code bridge}...), empty for physical and loopback devices
 * @param slaveKind IFLA_INFO_SLAVE_KIND ({@code bridge} for a bridge port)
 * @param details the decoded IFLA_INFO_DATA, when there is one
 * @param minMtu the smallest MTU the device accepts, 0 if unknown
 * @param maxMtu the largest MTU the device accepts, 0 if unknown
 * @param stats the counters
 * @param unknown attributes not decoded above, byte for byte
 */
public record Link(
        int index,
        String name,
        int flags,
        int type,
        int mtu,
        OperState operState,
        Optional<MacAddress> address,
        Optional<MacAddress> broadcast,
        int txQueueLength,
        int group,
        Optional<String> alias,
        Optional<String> qdisc,
        OptionalInt master,
        OptionalInt link,
        OptionalInt linkNetnsId,
        Optional<String> kind,
        Optional<String> slaveKind,
        Optional<LinkDetails> details,
        int minMtu,
        int maxMtu,
        Optional<LinkStats> stats,
        List<RawAttribute> unknown) {

    /** {@return whether the device is administratively up (IFF_UP)} */
    public boolean isUp() {
        return (flags & Iff.IFF_UP) != 0;
    }

    /** {@return whether the device has carrier (IFF_LOWER_UP)} */
    public boolean hasCarrier() {
        return (flags & Iff.IFF_LOWER_UP) != 0;
    }

    /** {@return whether this is a loopback device} */
    public boolean isLoopback() {
        return (flags & Iff.IFF_LOOPBACK) != 0;
    }

    /**
     * Tests the device's IFF_* flags.
     *
     * @param flag an IFF_* value, or several or-ed together
     * @return whether all of its bits are set
     */
    public boolean hasFlag(int flag) {
        return (flags & flag) == flag;
    }

    /** Like the record's own, with the undecoded attributes counted rather than dumped. */
    @Override
    public String toString() {
        return RecordText.of(this);
    }
}
