// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.address;

import io.netns.netlink.Family;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.NetlinkDecodeException;
import io.netns.netlink.RawAttribute;
import io.netns.netlink.Scope;
import io.netns.netlink.internal.Decoding;
import io.netns.netlink.internal.IpText;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.Ifa;
import io.netns.netlink.wire.MessageReader;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * An interface address as {@code ip addr show} reports it (one RTM_NEWADDR message).
 *
 * @param family {@link Family#INET} or {@link Family#INET6}
 * @param index the interface index it is on
 * @param prefixLength the prefix length
 * @param flags IFA_F_* flags (from IFA_FLAGS when present, else ifa_flags); see {@link #has(AddressFlag)}
 * @param scope the scope ({@code global}, {@code link}, {@code host})
 * @param local IFA_LOCAL: the address itself (IPv4); empty for IPv6, which sends only IFA_ADDRESS
 * @param address IFA_ADDRESS: the address (IPv6), or the peer of a point-to-point IPv4 address
 * @param broadcast IFA_BROADCAST
 * @param label IFA_LABEL (IPv4 only, e.g. {@code eth0:1})
 * @param preferredLifetime seconds, or -1 for forever (IFA_CACHEINFO)
 * @param validLifetime seconds, or -1 for forever
 * @param unknown attributes not decoded, byte for byte
 */
public record Address(
        Family family,
        int index,
        int prefixLength,
        int flags,
        Scope scope,
        Optional<InetAddress> local,
        Optional<InetAddress> address,
        Optional<InetAddress> broadcast,
        Optional<String> label,
        long preferredLifetime,
        long validLifetime,
        List<RawAttribute> unknown) {

    /** {@return the interface's own address with its prefix length: IFA_LOCAL if present, else IFA_ADDRESS} */
    public IpPrefix prefix() {
        return new IpPrefix(local.or(() -> address).orElseThrow(), prefixLength);
    }

    /** {@return the point-to-point peer, when IFA_ADDRESS differs from IFA_LOCAL} */
    public Optional<InetAddress> peer() {
        return local.isPresent() && address.isPresent() && !local.equals(address) ? address : Optional.empty();
    }

    /** Copies the list. */
    public Address {
        unknown = List.copyOf(unknown);
    }

    /**
     * {@return whether the address has {@code flag}}
     *
     * @param flag an address flag
     */
    public boolean has(AddressFlag flag) {
        return flag.isSetIn(flags);
    }

    /** {@return the address's flags, lowest bit first} */
    public List<AddressFlag> flagList() {
        return AddressFlag.setIn(flags);
    }

    /** {@return whether duplicate address detection is pending (IFA_F_TENTATIVE)} */
    public boolean isTentative() {
        return has(AddressFlag.TENTATIVE);
    }

    /**
     * {@return the address as {@code ip -o addr} prints it, with the device's index:
     * {@code 3: inet 198.18.0.1/24 brd 198.18.0.255 scope global va}}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(index).append(": ").append(family).append(' ');
        local.ifPresentOrElse(l -> {
            sb.append(IpText.format(l));
            peer().ifPresentOrElse(p -> sb.append(" peer ").append(new IpPrefix(p, prefixLength)),
                    () -> sb.append('/').append(prefixLength));
        }, () -> sb.append(prefix()));
        broadcast.ifPresent(b -> sb.append(" brd ").append(IpText.format(b)));
        sb.append(" scope ").append(scope);
        flagList().stream().filter(f -> !f.equals(AddressFlag.PERMANENT)).forEach(f -> sb.append(' ').append(f));
        label.ifPresent(l -> sb.append(' ').append(l));
        return sb.toString();
    }

    /**
     * {@return the address an RTM_NEWADDR or RTM_DELADDR describes}
     *
     * @param r a reader positioned on the message
     * @throws NetlinkDecodeException if the message is malformed, saying where
     */
    public static Address decode(MessageReader r) {
        MemorySegment s = r.segment();
        long attrs = r.requirePayload(8, "struct ifaddrmsg");
        long p = r.payload();
        int family = Decoding.u8(s, p);
        int prefixLength = Decoding.u8(s, p + 1);
        int flags = Decoding.u8(s, p + 2);
        int scope = Decoding.u8(s, p + 3);
        int index = Decoding.u32(s, p + 4);
        InetAddress local = null;
        InetAddress address = null;
        InetAddress broadcast = null;
        String label = null;
        long preferred = -1;
        long valid = -1;
        List<RawAttribute> unknown = null;
        AttrReader a = new AttrReader(s, attrs, r.end(), "RTM_NEWADDR of ifindex " + index);
        while (a.next()) {
            switch (a.type()) {
                case Ifa.IFA_LOCAL -> local = Decoding.ip(a);
                case Ifa.IFA_ADDRESS -> address = Decoding.ip(a);
                case Ifa.IFA_BROADCAST -> broadcast = Decoding.ip(a);
                case Ifa.IFA_LABEL -> label = a.string();
                case Ifa.IFA_FLAGS -> flags = a.u32();
                case Ifa.IFA_CACHEINFO -> {
                    if (a.valueLength() < 8) {
                        throw new NetlinkDecodeException(a.context() + ": IFA_CACHEINFO of " + a.valueLength()
                                + " bytes");
                    }
                    long pr = Integer.toUnsignedLong(Decoding.u32(s, a.valueOffset()));
                    long va = Integer.toUnsignedLong(Decoding.u32(s, a.valueOffset() + 4));
                    preferred = pr == 0xffffffffL ? -1 : pr;
                    valid = va == 0xffffffffL ? -1 : va;
                }
                default -> unknown = Decoding.keep(unknown, a);
            }
        }
        if (local == null && address == null) {
            throw new NetlinkDecodeException("RTM_NEWADDR of ifindex " + index + " has neither IFA_LOCAL nor IFA_ADDRESS");
        }
        InetAddress own = local != null ? local : address;
        Decoding.prefixLength(prefixLength, own, "RTM_NEWADDR of ifindex " + index);
        return new Address(Family.of(family), index, prefixLength, flags, Scope.of(scope), Optional.ofNullable(local),
                Optional.ofNullable(address), Optional.ofNullable(broadcast), Optional.ofNullable(label), preferred,
                valid, Decoding.done(unknown));
    }
}
