package io.netns.netlink;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One path of a multipath route ({@code ip route add ... nexthop via A dev D weight W}).
 *
 * @param gateway the next router, empty for a directly connected path
 * @param interfaceIndex the output interface (0 to let the kernel choose from the gateway)
 * @param weight the relative weight, 1..256
 * @param flags RTNH_F_* flags ({@code onlink} is RTNH_F_ONLINK)
 */
public record NextHop(Optional<InetAddress> gateway, int interfaceIndex, int weight, int flags) {
    /** Checks the weight. */
    public NextHop {
        Objects.requireNonNull(gateway, "gateway");
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("next-hop weight must be 1..256, not " + weight);
        }
    }

    /**
     * A path through {@code gateway} on interface {@code interfaceIndex}.
     *
     * @param gateway an IP literal
     * @param interfaceIndex the output interface, 0 to let the kernel choose
     * @param weight 1..256
     * @return the next hop
     */
    public static NextHop via(String gateway, int interfaceIndex, int weight) {
        return new NextHop(Optional.of(Addresses.parse(gateway)), interfaceIndex, weight, 0);
    }
}
