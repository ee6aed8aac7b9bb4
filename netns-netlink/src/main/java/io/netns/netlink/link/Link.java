// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link;

import io.netns.netlink.MacAddress;
import io.netns.netlink.NetlinkDecodeException;
import io.netns.netlink.RawAttribute;
import io.netns.netlink.internal.Decoding;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.Ifla;
import io.netns.netlink.wire.IflaInfo;
import io.netns.netlink.wire.MessageReader;

import java.lang.foreign.MemorySegment;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A network device as {@code ip -d link show} reports it (one RTM_NEWLINK message).
 *
 * @param index the interface index (ifindex)
 * @param name the interface name
 * @param flags IFF_* device flags (see {@link #has(LinkFlag)}, {@link #flagList()}, {@link #isUp()})
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
 * @param details the kind's options decoded from IFLA_INFO_DATA, when the kernel sent them
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
        Optional<LinkKind> details,
        int minMtu,
        int maxMtu,
        Optional<LinkStats> stats,
        List<RawAttribute> unknown) {

    /** Copies the list. */
    public Link {
        unknown = List.copyOf(unknown);
    }

    /** {@return whether the device is administratively up (IFF_UP)} */
    public boolean isUp() {
        return LinkFlag.UP.isSetIn(flags);
    }

    /** {@return whether the device has carrier (IFF_LOWER_UP)} */
    public boolean hasCarrier() {
        return LinkFlag.LOWER_UP.isSetIn(flags);
    }

    /** {@return whether this is a loopback device} */
    public boolean isLoopback() {
        return LinkFlag.LOOPBACK.isSetIn(flags);
    }

    /**
     * {@return whether the device has {@code flag}}
     *
     * @param flag a device flag
     */
    public boolean has(LinkFlag flag) {
        return flag.isSetIn(flags);
    }

    /** {@return the device's flags, as {@code ip link} lists them between angle brackets (lowest bit first)} */
    public List<LinkFlag> flagList() {
        return LinkFlag.setIn(flags);
    }

    /**
     * {@return the link as {@code ip -o link} prints it, with indexes for the devices ip names:
     * {@code 3: va@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master 4 state UP link/ether 02:6e:73:00:00:0a}}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(index).append(": ").append(name);
        link.ifPresent(l -> sb.append("@if").append(l));
        sb.append(": <").append(String.join(",", flagList().stream().map(LinkFlag::toString).toList())).append('>')
                .append(" mtu ").append(mtu);
        qdisc.ifPresent(q -> sb.append(" qdisc ").append(q));
        master.ifPresent(m -> sb.append(" master ").append(m));
        sb.append(" state ").append(operState);
        address.ifPresent(a -> sb.append(" link/").append(type == 772 ? "loopback " : type == 1 ? "ether " : type + " ")
                .append(a));
        kind.ifPresent(k -> sb.append(" kind ").append(k));
        linkNetnsId.ifPresent(n -> sb.append(" link-netnsid ").append(n));
        return sb.toString();
    }

    /**
     * {@return the ifindex of an RTM_NEWLINK, without decoding its attributes}
     *
     * @param r a reader positioned on the message
     */
    public static int decodeIndex(MessageReader r) {
        r.requirePayload(16, "struct ifinfomsg");
        return r.segment().get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, r.payload() + 4);
    }

    /**
     * {@return the link an RTM_NEWLINK or RTM_DELLINK describes}
     *
     * @param r a reader positioned on the message
     * @throws NetlinkDecodeException if the message is malformed, saying where
     */
    public static Link decode(MessageReader r) {
        MemorySegment s = r.segment();
        long attrs = r.requirePayload(16, "struct ifinfomsg");
        long p = r.payload();
        int type = Decoding.u16(s, p + 2);
        int index = Decoding.u32(s, p + 4);
        int flags = Decoding.u32(s, p + 8);
        String name = null;
        int mtu = 0;
        int operState = 0;
        MacAddress address = null;
        MacAddress broadcast = null;
        int txqlen = 0;
        int group = 0;
        String alias = null;
        String qdisc = null;
        OptionalInt master = OptionalInt.empty();
        OptionalInt link = OptionalInt.empty();
        OptionalInt linkNetnsId = OptionalInt.empty();
        String kind = null;
        String slaveKind = null;
        LinkKind details = null;
        int minMtu = 0;
        int maxMtu = 0;
        LinkStats stats = null;
        List<RawAttribute> unknown = null;
        AttrReader a = new AttrReader(s, attrs, r.end(), "RTM_NEWLINK of ifindex " + index);
        while (a.next()) {
            switch (a.type()) {
                case Ifla.IFLA_IFNAME -> name = a.string();
                case Ifla.IFLA_MTU -> mtu = a.u32();
                case Ifla.IFLA_OPERSTATE -> operState = a.u8();
                case Ifla.IFLA_ADDRESS -> address = Decoding.mac(a);
                case Ifla.IFLA_BROADCAST -> broadcast = Decoding.mac(a);
                case Ifla.IFLA_TXQLEN -> txqlen = a.u32();
                case Ifla.IFLA_GROUP -> group = a.u32();
                case Ifla.IFLA_IFALIAS -> alias = a.string();
                case Ifla.IFLA_QDISC -> qdisc = a.string();
                case Ifla.IFLA_MASTER -> master = OptionalInt.of(a.u32());
                case Ifla.IFLA_LINK -> link = OptionalInt.of(a.u32());
                case Ifla.IFLA_LINK_NETNSID -> linkNetnsId = OptionalInt.of(a.u32());
                case Ifla.IFLA_MIN_MTU -> minMtu = a.u32();
                case Ifla.IFLA_MAX_MTU -> maxMtu = a.u32();
                case Ifla.IFLA_STATS64 -> stats = LinkStats.decode(a);
                case Ifla.IFLA_LINKINFO -> {
                    AttrReader info = a.nested("IFLA_LINKINFO");
                    AttrReader dataReader = null;
                    while (info.next()) {
                        switch (info.type()) {
                            case IflaInfo.IFLA_INFO_KIND -> kind = info.string();
                            case IflaInfo.IFLA_INFO_SLAVE_KIND -> slaveKind = info.string();
                            case IflaInfo.IFLA_INFO_DATA -> dataReader = info.nested("IFLA_INFO_DATA");
                            default -> {
                                // slave data, xstats: kept raw with the whole IFLA_LINKINFO below
                            }
                        }
                    }
                    if (dataReader != null) {
                        details = LinkKind.decode(kind == null ? "" : kind, dataReader);
                    }
                    unknown = Decoding.keep(unknown, a); // for ip -d printers: every IFLA_INFO_* byte for byte
                }
                default -> unknown = Decoding.keep(unknown, a);
            }
        }
        if (name == null) {
            throw new NetlinkDecodeException("RTM_NEWLINK of ifindex " + index + " has no IFLA_IFNAME");
        }
        return new Link(index, name, flags, type, mtu, OperState.of(operState), Optional.ofNullable(address),
                Optional.ofNullable(broadcast), txqlen, group, Optional.ofNullable(alias), Optional.ofNullable(qdisc),
                master, link, linkNetnsId, Optional.ofNullable(kind), Optional.ofNullable(slaveKind),
                Optional.ofNullable(details), minMtu, maxMtu, Optional.ofNullable(stats), Decoding.done(unknown));
    }
}
