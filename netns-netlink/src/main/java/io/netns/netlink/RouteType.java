package io.netns.netlink;

/** Route types (rtm_type, RTN_*) with the names {@code ip route} uses. */
public enum RouteType {
    /** RTN_UNSPEC: no type ({@code none}). */
    UNSPEC(0, "none"),
    /** RTN_UNICAST: a gateway or direct route. */
    UNICAST(1, "unicast"),
    /** RTN_LOCAL: a local address of this host. */
    LOCAL(2, "local"),
    /** RTN_BROADCAST: accepted locally and sent as broadcast. */
    BROADCAST(3, "broadcast"),
    /** RTN_ANYCAST: accepted locally as anycast, sent as unicast. */
    ANYCAST(4, "anycast"),
    /** RTN_MULTICAST: a multicast route. */
    MULTICAST(5, "multicast"),
    /** RTN_BLACKHOLE: packets are silently dropped. */
    BLACKHOLE(6, "blackhole"),
    /** RTN_UNREACHABLE: packets are dropped with ICMP host unreachable. */
    UNREACHABLE(7, "unreachable"),
    /** RTN_PROHIBIT: packets are dropped with ICMP communication administratively prohibited. */
    PROHIBIT(8, "prohibit"),
    /** RTN_THROW: the lookup goes on with the next policy rule. */
    THROW(9, "throw"),
    /** RTN_NAT: stateless NAT (obsolete). */
    NAT(10, "nat"),
    /** RTN_XRESOLVE: an external resolver (not implemented by Linux). */
    XRESOLVE(11, "xresolve");

    private final int number;
    private final String ipName;

    RouteType(int number, String ipName) {
        this.number = number;
        this.ipName = ipName;
    }

    /** {@return the RTN_* number} */
    public int number() {
        return number;
    }

    /** {@return the name ip prints and parses ({@code blackhole})} */
    public String ipName() {
        return ipName;
    }

    /**
     * {@return the type with that RTN_* number, or null}
     *
     * @param number an RTN_* number
     */
    public static RouteType of(int number) {
        for (RouteType t : values()) {
            if (t.number == number) {
                return t;
            }
        }
        return null;
    }

    /**
     * {@return the type ip calls {@code name}, or null}
     *
     * @param name ip's name of a type, e.g. {@code blackhole}
     */
    public static RouteType byIpName(String name) {
        for (RouteType t : values()) {
            if (t.ipName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
