package io.netns.netlink;

import io.netns.netlink.codec.Ifa;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * An interface address as {@code ip addr show} reports it (one RTM_NEWADDR message).
 *
 * @param family {@link Family#INET} or {@link Family#INET6}
 * @param index the interface index it is on
 * @param prefixLength the prefix length
 * @param flags IFA_F_* flags (from IFA_FLAGS when present, else ifa_flags)
 * @param scope RT_SCOPE_* (0 global, 253 link, 254 host)
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
        int scope,
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

    /**
     * Tests the address's IFA_F_* flags.
     *
     * @param flag an IFA_F_* value, or several or-ed together
     * @return whether all of its bits are set
     */
    public boolean hasFlag(int flag) {
        return (flags & flag) == flag;
    }

    /** {@return whether duplicate address detection is pending (IFA_F_TENTATIVE)} */
    public boolean isTentative() {
        return hasFlag(Ifa.IFA_F_TENTATIVE);
    }

    /** Like the record's own, with the undecoded attributes counted rather than dumped. */
    @Override
    public String toString() {
        return RecordText.of(this);
    }
}
