package io.netns.netlink;

/** Route types (rtm_type, RTN_*) with the names {@code ip route} uses. */
public enum RouteType {
    UNSPEC(0, "none"), UNICAST(1, "unicast"), LOCAL(2, "local"), BROADCAST(3, "broadcast"),
    ANYCAST(4, "anycast"), MULTICAST(5, "multicast"), BLACKHOLE(6, "blackhole"),
    UNREACHABLE(7, "unreachable"), PROHIBIT(8, "prohibit"), THROW(9, "throw"), NAT(10, "nat"),
    XRESOLVE(11, "xresolve");

    private final int number;
    private final String ipName;

    RouteType(int number, String ipName) {
        this.number = number;
        this.ipName = ipName;
    }

    /** @return the RTN_* number */
    public int number() {
        return number;
    }

    /** @return the name ip prints and parses ({@code blackhole}) */
    public String ipName() {
        return ipName;
    }

    /** @return the type with that RTN_* number, or null */
    public static RouteType of(int number) {
        for (RouteType t : values()) {
            if (t.number == number) {
                return t;
            }
        }
        return null;
    }

    /** @return the type ip calls {@code name}, or null */
    public static RouteType byIpName(String name) {
        for (RouteType t : values()) {
            if (t.ipName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
