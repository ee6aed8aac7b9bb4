package io.netns.netlink.route;

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

    private static final RouteType[] KNOWN = {UNSPEC, UNICAST, LOCAL, BROADCAST, ANYCAST, MULTICAST, BLACKHOLE, UNREACHABLE, PROHIBIT, THROW, NAT, XRESOLVE};

    /**
     * {@return the value for {@code number}: a constant above, or an unnamed one}
     *
     * @param number the kernel's number
     */
    public static RouteType of(int number) {
        for (RouteType v : KNOWN) {
            if (v.number == number) {
                return v;
            }
        }
        return new RouteType(number);
    }

    /** {@return whether this version of the library has a name for the number} */
    public boolean isKnown() {
        return name() != null;
    }

    private String name() {
        return switch (number) {
            case 0 -> "none";
            case 1 -> "unicast";
            case 2 -> "local";
            case 3 -> "broadcast";
            case 4 -> "anycast";
            case 5 -> "multicast";
            case 6 -> "blackhole";
            case 7 -> "unreachable";
            case 8 -> "prohibit";
            case 9 -> "throw";
            case 10 -> "nat";
            case 11 -> "xresolve";
            default -> null;
        };
    }

    /**
     * {@return the value {@code ip} calls {@code word}, or a decimal number; empty if neither}
     *
     * @param word a name as ip prints it, or a number
     */
    public static Optional<RouteType> parse(String word) {
        for (RouteType v : KNOWN) {
            if (v.name().equals(word)) {
                return Optional.of(v);
            }
        }
        try {
            return Optional.of(of(Integer.decode(word)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@return ip's word for the value, or the number when it has none} */
    @Override
    public String toString() {
        String n = name();
        return n != null ? n : Integer.toString(number);
    }
}
