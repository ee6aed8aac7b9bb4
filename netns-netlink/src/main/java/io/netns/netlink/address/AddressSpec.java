// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.address;

import java.util.List;
import java.util.ArrayList;
import io.netns.netlink.RawAttribute;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.Scope;
import io.netns.netlink.internal.IfRef;
import io.netns.netlink.internal.LinkNames;
import io.netns.netlink.internal.IpText;

import io.netns.netlink.wire.Ifa;
import io.netns.netlink.wire.MessageWriter;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An address to add or delete: {@code ip addr add PREFIX [peer P] [broadcast B] [label L]
 * [scope S] [nodad] [noprefixroute] [valid_lft N] [preferred_lft N] dev DEV}. Immutable; each
 * option returns a changed copy.
 */
public final class AddressSpec {
    /** Attributes sent as given after the typed ones ({@link #withAttribute}). */
    private List<RawAttribute> extra = List.of();
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
        AddressSpec s = new AddressSpec(prefix, device, peer, brd, label, scope, flags, valid, preferred);
        s.extra = extra;
        return s;
    }

    private InetAddress sameFamily(String text) {
        InetAddress a = IpText.parse(text);
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
     * @param label the label, 1 to 15 bytes in UTF-8
     * @throws IllegalArgumentException if the prefix is not IPv4, the label's length is out of range,
     *         or it holds a NUL or cannot be encoded as UTF-8
     */
    public AddressSpec label(String label) {
        if (!(prefix.address() instanceof Inet4Address)) {
            throw new IllegalArgumentException("labels are IPv4 only");
        }
        int bytes = LinkNames.utf8("address label", label).length;
        if (bytes == 0 || bytes > LinkNames.MAX_BYTES) {
            throw new IllegalArgumentException("a label has 1..15 bytes in UTF-8, not " + bytes);
        }
        return with(peer, broadcast, label, scope, flags, validLifetime, preferredLifetime);
    }

    /**
     * {@return with {@code scope S}}
     *
     * @param scope the scope ({@link Scope#LINK}, {@link Scope#HOST} ...)
     * @throws IllegalArgumentException if its number is not in 0..255
     */
    public AddressSpec scope(Scope scope) {
        if (scope.number() < 0 || scope.number() > 255) {
            throw new IllegalArgumentException("scope must be 0..255");
        }
        return with(peer, broadcast, label, scope.number(), flags, validLifetime, preferredLifetime);
    }

    /**
     * {@return with flags added ({@code nodad}, {@code noprefixroute}, {@code home} ...)}
     *
     * @param flags the flags, added to those already set
     */
    public AddressSpec flags(AddressFlag... flags) {
        int bits = this.flags;
        for (AddressFlag f : flags) {
            bits |= f.bit();
        }
        return with(peer, broadcast, label, scope, bits, validLifetime, preferredLifetime);
    }

    /** {@return with {@code nodad}: no duplicate address detection (IPv6)} */
    public AddressSpec noDad() {
        return flags(AddressFlag.NODAD);
    }

    /** {@return with {@code noprefixroute}: no route to the prefix is added} */
    public AddressSpec noPrefixRoute() {
        return flags(AddressFlag.NOPREFIXROUTE);
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

    /** {@return what {@code ip} would echo of this request: {@code 198.18.0.1/24 dev veth0}} */
    @Override
    public String toString() {
        return prefix + " dev " + device;
    }

    /**
     * {@return with an extra attribute sent as given, after the typed ones}, for what the typed
     * options lack (IFA_* (Ifa) constants are in {@code io.netns.netlink.wire})
     *
     * @param attributeType the attribute type
     * @param value its value, byte for byte
     */
    public AddressSpec withAttribute(int attributeType, byte[] value) {
        AddressSpec copy = with(peer, broadcast, label, scope, flags, validLifetime, preferredLifetime);
        List<RawAttribute> l = new ArrayList<>(extra);
        l.add(new RawAttribute(attributeType, value.clone()));
        copy.extra = List.copyOf(l);
        return copy;
    }

    /**
     * Encodes the RTM_NEWADDR or RTM_DELADDR for this spec, attribute by attribute as {@code ip addr}
     * does (golden-byte tests compare the two). Pure: the device is already resolved.
     *
     * @param w the writer
     * @param type RTM_NEWADDR or RTM_DELADDR
     * @param flags the NLM_F_* flags
     * @param seq the sequence number
     * @param index the device's ifindex
     */
    public void encode(MessageWriter w, int type, int flags, int seq, int index) {
        w.beginMessage(type, flags, seq, 0);
        InetAddress a = prefix.address();
        w.ifaddrmsg(a instanceof Inet4Address ? 2 : 10, prefix.prefixLength(), this.flags & 0xff, scope, index);
        w.attrBytes(Ifa.IFA_LOCAL, localRaw);
        w.attrBytes(Ifa.IFA_ADDRESS, peerRaw);
        if (broadcastRaw != null) {
            w.attrBytes(Ifa.IFA_BROADCAST, broadcastRaw);
        }
        if (label != null) {
            w.attrString(Ifa.IFA_LABEL, label);
        }
        if ((this.flags & ~0xff) != 0) {
            w.attrU32(Ifa.IFA_FLAGS, this.flags);
        }
        if (validLifetime > 0) {
            long c = w.beginNested(Ifa.IFA_CACHEINFO);
            w.u32((int) preferredLifetime).u32((int) validLifetime).u32(0).u32(0);
            w.endNested(c);
        }
        for (RawAttribute x : extra) {
            w.attrBytes(x.type(), x.value());
        }
        w.endMessage();
    }
}
