// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.route;

import io.netns.netlink.internal.NumberNames;

import java.util.Optional;

/**
 * Route types (rtm_type, RTN_*) with the names {@code ip route} uses.
 *
 * <p>An open value: {@link #of(int)} gives a value for any number, so a number this version does not
 * know (from a newer kernel) still decodes; {@link #toString()} prints what {@code ip} prints.
 *
 * @param number the RTN_* number
 */
public record RouteType(int number) {
    /** RTN_UNSPEC. */
    public static final RouteType UNSPEC = new RouteType(0);
    /** RTN_UNICAST: a gateway or direct route. */
    public static final RouteType UNICAST = new RouteType(1);
    /** RTN_LOCAL: a local interface route. */
    public static final RouteType LOCAL = new RouteType(2);
    /** RTN_BROADCAST: a local broadcast route (sent as broadcast). */
    public static final RouteType BROADCAST = new RouteType(3);
    /** RTN_ANYCAST: a local broadcast route (sent as unicast). */
    public static final RouteType ANYCAST = new RouteType(4);
    /** RTN_MULTICAST: a multicast route. */
    public static final RouteType MULTICAST = new RouteType(5);
    /** RTN_BLACKHOLE: drop silently. */
    public static final RouteType BLACKHOLE = new RouteType(6);
    /** RTN_UNREACHABLE: drop with ICMP host unreachable. */
    public static final RouteType UNREACHABLE = new RouteType(7);
    /** RTN_PROHIBIT: drop with ICMP administratively prohibited. */
    public static final RouteType PROHIBIT = new RouteType(8);
    /** RTN_THROW: continue the lookup in another table. */
    public static final RouteType THROW = new RouteType(9);
    /** RTN_NAT: translate addresses. */
    public static final RouteType NAT = new RouteType(10);
    /** RTN_XRESOLVE: an external resolver. */
    public static final RouteType XRESOLVE = new RouteType(11);

    private static final NumberNames<RouteType> NAMES = NumberNames.of(RouteType::new, RouteType::number)
            .name(UNSPEC, "none")
            .name(UNICAST, "unicast")
            .name(LOCAL, "local")
            .name(BROADCAST, "broadcast")
            .name(ANYCAST, "anycast")
            .name(MULTICAST, "multicast")
            .name(BLACKHOLE, "blackhole")
            .name(UNREACHABLE, "unreachable")
            .name(PROHIBIT, "prohibit")
            .name(THROW, "throw")
            .name(NAT, "nat")
            .name(XRESOLVE, "xresolve");

    /**
     * {@return the value for {@code number}: a constant above, or an unnamed one}
     *
     * @param number the kernel's number
     */
    public static RouteType of(int number) {
        return NAMES.of(number);
    }

    /**
     * {@return the value {@code ip} calls {@code word}, or a number; empty if neither}
     *
     * @param word a name as ip prints it, or a number
     */
    public static Optional<RouteType> parse(String word) {
        return NAMES.parse(word);
    }

    /** {@return whether this version of the library has a name for the number} */
    public boolean isKnown() {
        return NAMES.isKnown(number);
    }

    /** {@return ip's word for the value, or the number when it has none} */
    @Override
    public String toString() {
        return NAMES.toString(number);
    }
}
