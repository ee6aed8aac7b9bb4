// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables;

/**
 * The address family of a table (NFPROTO_*): which packets its chains see.
 */
public enum Family {
    /** IPv4 packets: {@code ip}. */
    IP("ip", 2),
    /** IPv6 packets: {@code ip6}. */
    IP6("ip6", 10),
    /** IPv4 and IPv6 packets: {@code inet}. */
    INET("inet", 1),
    /** ARP packets: {@code arp}. */
    ARP("arp", 3),
    /** Frames crossing a bridge: {@code bridge}. */
    BRIDGE("bridge", 7),
    /** Frames at a device's ingress or egress: {@code netdev}. */
    NETDEV("netdev", 5);

    private final String nftName;
    private final int number;

    Family(String nftName, int number) {
        this.nftName = nftName;
        this.number = number;
    }

    /** {@return the name {@code nft} uses: {@code ip}, {@code ip6}, {@code inet} ...} */
    public String nftName() {
        return nftName;
    }

    /** {@return the kernel's number (NFPROTO_IPV4 ...)} */
    public int number() {
        return number;
    }

    /**
     * {@return the family {@code nft} calls {@code name}}
     *
     * @param name {@code ip}, {@code ip6}, {@code inet}, {@code arp}, {@code bridge} or {@code netdev}
     * @throws IllegalArgumentException for another name
     */
    public static Family of(String name) {
        for (Family f : values()) {
            if (f.nftName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown family \"" + name + "\" (ip, ip6, inet, arp, bridge, netdev)");
    }

    /**
     * {@return the family with the kernel's number {@code number}}
     *
     * @param number an NFPROTO_* value
     * @throws IllegalArgumentException for another number
     */
    public static Family of(int number) {
        for (Family f : values()) {
            if (f.number == number) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown nfproto " + number);
    }

    @Override
    public String toString() {
        return nftName;
    }
}
