package io.netns.netlink;

/** Address families of rtnetlink requests, with the kernel's numbers. */
public enum Family {
    /** No family: all of them (AF_UNSPEC). */
    UNSPEC(0),
    /** IPv4 (AF_INET). */
    INET(2),
    /** IPv6 (AF_INET6). */
    INET6(10),
    /** Bridge forwarding database entries (AF_BRIDGE). */
    BRIDGE(7),
    /** MPLS routes (AF_MPLS). */
    MPLS(28),
    /** IPv4 multicast routing (RTNL_FAMILY_IPMR): its default rules appear in a rule dump of every family. */
    IPMR(128),
    /** IPv6 multicast routing (RTNL_FAMILY_IP6MR). */
    IP6MR(129);

    private final int number;

    Family(int number) {
        this.number = number;
    }

    /** {@return the AF_* number} */
    public int number() {
        return number;
    }

    /**
     * Looks up a family by its number.
     *
     * @param number an AF_* number
     * @return the family
     * @throws IllegalArgumentException for a family this library does not handle
     */
    public static Family of(int number) {
        Family f = ofOrNull(number);
        if (f == null) {
            throw new IllegalArgumentException("address family " + number);
        }
        return f;
    }

    static Family ofOrNull(int number) {
        for (Family f : values()) {
            if (f.number == number) {
                return f;
            }
        }
        return null;
    }
}
