// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.neighbour;

import java.util.List;
import java.util.ArrayList;
import io.netns.netlink.RawAttribute;
import io.netns.netlink.MacAddress;
import io.netns.netlink.internal.IfRef;
import io.netns.netlink.internal.IpText;
import io.netns.netlink.wire.MessageWriter;
import io.netns.netlink.wire.Nda;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A neighbour entry to add or delete: {@code ip neigh add ADDR lladdr MAC dev DEV nud permanent}.
 * Immutable.
 */
public final class NeighbourSpec {
    /** Attributes sent as given after the typed ones ({@link #withAttribute}). */
    private List<RawAttribute> extra = List.of();
    final InetAddress destination;
    final MacAddress linkAddress;
    final IfRef device;
    final int state;
    /** The address's bytes, taken once here so encoding allocates nothing. */
    final byte[] destinationRaw;

    private NeighbourSpec(InetAddress destination, MacAddress linkAddress, IfRef device, int state) {
        this.destination = destination;
        this.linkAddress = linkAddress;
        this.device = device;
        this.state = state;
        this.destinationRaw = destination.getAddress();
    }

    /**
     * A permanent entry.
     *
     * @param address the neighbour's IP address
     * @param mac its link-layer address
     * @param device the interface
     * @return the spec
     */
    public static NeighbourSpec permanent(String address, String mac, String device) {
        return new NeighbourSpec(IpText.parse(address), MacAddress.parse(mac), IfRef.of(device),
                NudState.PERMANENT.number());
    }

    /**
     * An entry to delete (only address and device matter): {@code ip neigh del ADDR dev DEV}.
     *
     * @param address the neighbour's IP address
     * @param device the interface
     * @return the spec
     */
    public static NeighbourSpec of(String address, String device) {
        return new NeighbourSpec(IpText.parse(address), null, IfRef.of(device), NudState.PERMANENT.number());
    }

    /**
     * {@return with {@code nud STATE}}
     *
     * @param state the entry's state ({@link NudState#PERMANENT}, {@link NudState#NOARP}, {@link NudState#REACHABLE} ...)
     * @throws IllegalArgumentException if its number is not in 1..255
     */
    public NeighbourSpec state(NudState state) {
        int n = state.number();
        if (n <= 0 || n > 0xff) {
            throw new IllegalArgumentException("NUD state must be 1..255");
        }
        return carry(new NeighbourSpec(destination, linkAddress, device, n));
    }

    /**
     * {@return with {@code lladdr MAC}}
     *
     * @param mac the neighbour's link-layer address, e.g. {@code 02:00:00:00:00:01}
     * @throws IllegalArgumentException if it is not a link-layer address
     */
    public NeighbourSpec linkAddress(String mac) {
        return carry(new NeighbourSpec(destination, MacAddress.parse(mac), device, state));
    }

    private NeighbourSpec carry(NeighbourSpec copy) {
        copy.extra = extra;
        return copy;
    }

    /** {@return the neighbour's IP address} */
    public InetAddress destination() {
        return destination;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeighbourSpec n && n.destination.equals(destination) && Objects.equals(n.device, device);
    }

    @Override
    public int hashCode() {
        return destination.hashCode();
    }

    /** {@return what {@code ip} would echo of this request: {@code 198.18.0.2 dev veth0}} */
    @Override
    public String toString() {
        return IpText.format(destination) + " dev " + device;
    }

    /**
     * {@return with an extra attribute sent as given, after the typed ones}, for what the typed
     * options lack (NDA_* (Nda) constants are in {@code io.netns.netlink.wire})
     *
     * @param attributeType the attribute type
     * @param value its value, byte for byte
     */
    public NeighbourSpec withAttribute(int attributeType, byte[] value) {
        NeighbourSpec copy = carry(new NeighbourSpec(destination, linkAddress, device, state));
        List<RawAttribute> l = new ArrayList<>(extra);
        l.add(new RawAttribute(attributeType, value.clone()));
        copy.extra = List.copyOf(l);
        return copy;
    }

    /**
     * Encodes the RTM_NEWNEIGH or RTM_DELNEIGH for this spec, as {@code ip neigh} does. Pure.
     *
     * @param w the writer
     * @param type RTM_NEWNEIGH or RTM_DELNEIGH
     * @param flags the NLM_F_* flags
     * @param seq the sequence number
     * @param index the device's ifindex
     */
    public void encode(MessageWriter w, int type, int flags, int seq, int index) {
        w.beginMessage(type, flags, seq, 0);
        w.ndmsg(destination instanceof java.net.Inet6Address ? 10 : 2, index, state, 0, 0);
        w.attrBytes(Nda.NDA_DST, destinationRaw);
        if (linkAddress != null) {
            w.attrBytes(Nda.NDA_LLADDR, linkAddress.bytes());
        }
        for (RawAttribute x : extra) {
            w.attrBytes(x.type(), x.value());
        }
        w.endMessage();
    }
}
