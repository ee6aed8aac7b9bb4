// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.internal.NumberNames;

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

    private static final NumberNames<Family> NAMES = NumberNames.of(Family::new, Family::number)
            .name(UNSPEC, "unspec")
            .name(INET, "inet")
            .name(INET6, "inet6")
            .name(BRIDGE, "bridge")
            .name(MPLS, "mpls")
            .name(IPMR, "ipmr")
            .name(IP6MR, "ip6mr");

    /**
     * {@return the value for {@code number}: a constant above, or an unnamed one}
     *
     * @param number the kernel's number
     */
    public static Family of(int number) {
        return NAMES.of(number);
    }

    /**
     * {@return the value {@code ip} calls {@code word}, or a number; empty if neither}
     *
     * @param word a name as ip prints it, or a number
     */
    public static Optional<Family> parse(String word) {
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
