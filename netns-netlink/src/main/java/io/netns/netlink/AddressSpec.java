package io.netns.netlink;

import io.netns.netlink.codec.Ifa;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An address to add or delete: {@code ip addr add PREFIX [peer P] [broadcast B] [label L]
 * [scope S] [nodad] [noprefixroute] [valid_lft N] [preferred_lft N] dev DEV}. Immutable; each
 * option returns a changed copy.
 */
public final class AddressSpec {
    final IpPrefix prefix;
    final IfRef device;
    final InetAddress peer;
    final InetAddress broadcast;
    final String label;
    final int scope;
    final int flags;
    final long validLifetime;
    final long preferredLifetime;
    /** The addresses' bytes, taken once here so encoding allocates nothing. */
    final byte[] localRaw;
    final byte[] peerRaw;
    final byte[] broadcastRaw;

    private AddressSpec(IpPrefix prefix, IfRef device, InetAddress peer, InetAddress broadcast, String label,
                        int scope, int flags, long valid, long preferred) {
        this.prefix = prefix;
        this.device = device;
        this.peer = peer;
        this.broadcast = broadcast;
        this.label = label;
        this.scope = scope;
        this.flags = flags;
        this.validLifetime = valid;
        this.preferredLifetime = preferred;
        this.localRaw = prefix.address().getAddress();
        this.peerRaw = peer == null ? localRaw : peer.getAddress();
        this.broadcastRaw = broadcast == null ? null : broadcast.getAddress();
    }

    /**
     * Starts a spec for an address on a device named by its name.
     *
     * @param prefix {@code 198.18.0.1/24} or {@code fd42:6e73::1/64}
     * @param device the interface
     * @return the spec
     */
    public static AddressSpec of(String prefix, String device) {
        return of(IpPrefix.parse(prefix), device);
    }

    /**
     * {@return the spec for {@code prefix} on {@code device}}
     *
     * @param prefix the address and its prefix length
     * @param device the interface's name
     */
    public static AddressSpec of(IpPrefix prefix, String device) {
        return new AddressSpec(Objects.requireNonNull(prefix), IfRef.of(device), null, null, null, 0, 0, -1, -1);
    }

    /**
     * {@return the spec for {@code prefix} on the interface with that index}
     *
     * @param prefix the address and its prefix length
     * @param deviceIndex the interface's index
     */
    public static AddressSpec of(IpPrefix prefix, int deviceIndex) {
        return new AddressSpec(Objects.requireNonNull(prefix), IfRef.of(deviceIndex), null, null, null, 0, 0, -1, -1);
    }

    private AddressSpec with(InetAddress peer, InetAddress brd, String label, int scope, int flags, long valid,
                             long preferred) {
        return new AddressSpec(prefix, device, peer, brd, label, scope, flags, valid, preferred);
    }

    private InetAddress sameFamily(String text) {
        InetAddress a = Addresses.parse(text);
        if ((a instanceof Inet4Address) != (prefix.address() instanceof Inet4Address)) {
            throw new IllegalArgumentException(text + " is not of the family of " + prefix);
        }
        return a;
    }

    /**
     * {@return with {@code peer ADDR} (point-to-point)}
     *
     * @param address the peer's address, of the prefix's family
     * @throws IllegalArgumentException if it is not of the prefix's family
     */
    public AddressSpec peer(String address) {
        return with(sameFamily(address), broadcast, label, scope, flags, validLifetime, preferredLifetime);
    }

    /**
     * {@return with {@code broadcast ADDR} (IPv4)}
     *
     * @param address the broadcast address
     * @throws IllegalArgumentException if the prefix or the address is not IPv4
     */
    public AddressSpec broadcast(String address) {
        if (!(prefix.address() instanceof Inet4Address)) {
            throw new IllegalArgumentException("broadcast addresses are IPv4 only");
        }
        return with(peer, sameFamily(address), label, scope, flags, validLifetime, preferredLifetime);
    }

    /**
     * {@return with {@code label LABEL} (IPv4; must start with the device name, e.g. {@code eth0:1})}
     *
     * @param label the label, 1 to 15 characters
     * @throws IllegalArgumentException if the prefix is not IPv4 or the label's length is out of range
     */
    public AddressSpec label(String label) {
        if (!(prefix.address() instanceof Inet4Address)) {
            throw new IllegalArgumentException("labels are IPv4 only");
        }
        if (label.isEmpty() || label.length() > 15) {
            throw new IllegalArgumentException("a label has 1..15 characters");
        }
        return with(peer, broadcast, label, scope, flags, validLifetime, preferredLifetime);
    }

    /**
     * {@return with {@code scope S}}
     *
     * @param scope RT_SCOPE_*: 0 global, 253 link, 254 host
     * @throws IllegalArgumentException if it is not in 0..255
     */
    public AddressSpec scope(int scope) {
        if (scope < 0 || scope > 255) {
            throw new IllegalArgumentException("scope must be 0..255");
        }
        return with(peer, broadcast, label, scope, flags, validLifetime, preferredLifetime);
    }

    /**
     * {@return with IFA_F_* flags added}
     *
     * @param flags IFA_F_* flags (e.g. {@code Ifa.IFA_F_NODAD}), or-ed into those already set
     */
    public AddressSpec flags(int flags) {
        return with(peer, broadcast, label, scope, this.flags | flags, validLifetime, preferredLifetime);
    }

    /** {@return with {@code nodad}: no duplicate address detection (IPv6)} */
    public AddressSpec noDad() {
        return flags(Ifa.IFA_F_NODAD);
    }

    /** {@return with {@code noprefixroute}: no route to the prefix is added} */
    public AddressSpec noPrefixRoute() {
        return flags(Ifa.IFA_F_NOPREFIXROUTE);
    }

    /**
     * Sets {@code valid_lft N preferred_lft N}.
     *
     * @param validSeconds {@code valid_lft}, 1 to 2<sup>32</sup>-1
     * @param preferredSeconds {@code preferred_lft}, at most the valid one
     * @return with lifetimes
     * @throws IllegalArgumentException if the lifetimes are out of range
     */
    public AddressSpec lifetimes(long validSeconds, long preferredSeconds) {
        if (validSeconds <= 0 || preferredSeconds < 0 || preferredSeconds > validSeconds
                || validSeconds > 0xffffffffL) {
            throw new IllegalArgumentException("lifetimes need 0 <= preferred <= valid, valid > 0");
        }
        return with(peer, broadcast, label, scope, flags, validSeconds, preferredSeconds);
    }

    /** {@return the address and prefix length} */
    public IpPrefix prefix() {
        return prefix;
    }
}
