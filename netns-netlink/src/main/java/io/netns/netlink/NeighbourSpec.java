package io.netns.netlink;

import io.netns.netlink.codec.Nud;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A neighbour entry to add or delete: {@code ip neigh add ADDR lladdr MAC dev DEV nud permanent}.
 * Immutable.
 */
public final class NeighbourSpec {
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
        return new NeighbourSpec(Addresses.parse(address), MacAddress.parse(mac), IfRef.of(device),
                Nud.NUD_PERMANENT);
    }

    /**
     * An entry to delete (only address and device matter): {@code ip neigh del ADDR dev DEV}.
     *
     * @param address the neighbour's IP address
     * @param device the interface
     * @return the spec
     */
    public static NeighbourSpec of(String address, String device) {
        return new NeighbourSpec(Addresses.parse(address), null, IfRef.of(device), Nud.NUD_PERMANENT);
    }

    /**
     * {@return with {@code nud STATE}}
     *
     * @param nudState NUD_* bits: 0x80 permanent, 0x40 noarp, 0x02 reachable, 0x04 stale
     * @throws IllegalArgumentException if it is not in 1..255
     */
    public NeighbourSpec state(int nudState) {
        if (nudState <= 0 || nudState > 0xff) {
            throw new IllegalArgumentException("NUD state must be 1..255");
        }
        return new NeighbourSpec(destination, linkAddress, device, nudState);
    }

    /**
     * {@return with {@code lladdr MAC}}
     *
     * @param mac the neighbour's link-layer address, e.g. {@code 02:00:00:00:00:01}
     * @throws IllegalArgumentException if it is not a link-layer address
     */
    public NeighbourSpec linkAddress(String mac) {
        return new NeighbourSpec(destination, MacAddress.parse(mac), device, state);
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
}
