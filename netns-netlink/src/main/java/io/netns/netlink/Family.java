package io.netns.netlink;

import java.util.Optional;

/**
 * Address families of rtnetlink messages (AF_*), with the names {@code ip} uses.
 *
 * <p>An open value: {@link #of(int)} gives a value for any number, so a number this version does not
 * know (from a newer kernel) still decodes; {@link #toString()} prints what {@code ip} prints.
 *
 * @param number the AF_* number
 */
public record Family(int number) {
    /** No family: all of them (AF_UNSPEC). */
    public static final Family UNSPEC = new Family(0);
    /** IPv4 (AF_INET). */
    public static final Family INET = new Family(2);
    /** IPv6 (AF_INET6). */
    public static final Family INET6 = new Family(10);
    /** Bridge forwarding database entries (AF_BRIDGE). */
    public static final Family BRIDGE = new Family(7);
    /** MPLS routes (AF_MPLS). */
    public static final Family MPLS = new Family(28);
    /** IPv4 multicast routing (RTNL_FAMILY_IPMR): its default rules appear in a rule dump of every family. */
    public static final Family IPMR = new Family(128);
    /** IPv6 multicast routing (RTNL_FAMILY_IP6MR). */
    public static final Family IP6MR = new Family(129);

    private static final Family[] KNOWN = {UNSPEC, INET, INET6, BRIDGE, MPLS, IPMR, IP6MR};

    /**
     * {@return the value for {@code number}: a constant above, or an unnamed one}
     *
     * @param number the kernel's number
     */
    public static Family of(int number) {
        for (Family v : KNOWN) {
            if (v.number == number) {
                return v;
            }
        }
        return new Family(number);
    }

    /** {@return whether this version of the library has a name for the number} */
    public boolean isKnown() {
        return name() != null;
    }

    private String name() {
        return switch (number) {
            case 0 -> "unspec";
            case 2 -> "inet";
            case 10 -> "inet6";
            case 7 -> "bridge";
            case 28 -> "mpls";
            case 128 -> "ipmr";
            case 129 -> "ip6mr";
            default -> null;
        };
    }

    /**
     * {@return the value {@code ip} calls {@code word}, or a decimal number; empty if neither}
     *
     * @param word a name as ip prints it, or a number
     */
    public static Optional<Family> parse(String word) {
        for (Family v : KNOWN) {
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
