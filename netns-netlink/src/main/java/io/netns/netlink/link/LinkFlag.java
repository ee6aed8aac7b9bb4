// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link;

import io.netns.netlink.internal.NumberNames;

import java.util.List;

/**
 * Device flags (IFF_*) as {@code ip link} prints them between angle brackets.
 *
 * <p>An open value: {@link #of(int)} gives a value for any bit, so a flag this version does not know
 * still decodes; {@link #toString()} prints the word {@code ip} prints.
 *
 * @param bit the flag's bit mask
 */
public record LinkFlag(int bit) {
    /** IFF_UP: administratively up. */
    public static final LinkFlag UP = new LinkFlag(0x1);
    /** IFF_BROADCAST: has a broadcast address. */
    public static final LinkFlag BROADCAST = new LinkFlag(0x2);
    /** IFF_DEBUG. */
    public static final LinkFlag DEBUG = new LinkFlag(0x4);
    /** IFF_LOOPBACK: a loopback device. */
    public static final LinkFlag LOOPBACK = new LinkFlag(0x8);
    /** IFF_POINTOPOINT: a point-to-point link. */
    public static final LinkFlag POINTOPOINT = new LinkFlag(0x10);
    /** IFF_NOTRAILERS. */
    public static final LinkFlag NOTRAILERS = new LinkFlag(0x20);
    /** IFF_RUNNING: operationally up (RFC 2863 up). */
    public static final LinkFlag RUNNING = new LinkFlag(0x40);
    /** IFF_NOARP: no ARP. */
    public static final LinkFlag NOARP = new LinkFlag(0x80);
    /** IFF_PROMISC: receives every frame. */
    public static final LinkFlag PROMISC = new LinkFlag(0x100);
    /** IFF_ALLMULTI: receives every multicast frame. */
    public static final LinkFlag ALLMULTI = new LinkFlag(0x200);
    /** IFF_MASTER: a load-balancing master. */
    public static final LinkFlag MASTER = new LinkFlag(0x400);
    /** IFF_SLAVE: a load-balancing slave. */
    public static final LinkFlag SLAVE = new LinkFlag(0x800);
    /** IFF_MULTICAST: supports multicast. */
    public static final LinkFlag MULTICAST = new LinkFlag(0x1000);
    /** IFF_PORTSEL. */
    public static final LinkFlag PORTSEL = new LinkFlag(0x2000);
    /** IFF_AUTOMEDIA. */
    public static final LinkFlag AUTOMEDIA = new LinkFlag(0x4000);
    /** IFF_DYNAMIC: addresses may change. */
    public static final LinkFlag DYNAMIC = new LinkFlag(0x8000);
    /** IFF_LOWER_UP: has carrier. */
    public static final LinkFlag LOWER_UP = new LinkFlag(0x10000);
    /** IFF_DORMANT. */
    public static final LinkFlag DORMANT = new LinkFlag(0x20000);
    /** IFF_ECHO. */
    public static final LinkFlag ECHO = new LinkFlag(0x40000);

    private static final NumberNames<LinkFlag> NAMES = NumberNames.of(LinkFlag::new, LinkFlag::bit)
            .printingOthersAs(b -> "0x" + Integer.toHexString(b))
            .name(UP, "UP")
            .name(BROADCAST, "BROADCAST")
            .name(DEBUG, "DEBUG")
            .name(LOOPBACK, "LOOPBACK")
            .name(POINTOPOINT, "POINTOPOINT")
            .name(NOTRAILERS, "NOTRAILERS")
            .name(RUNNING, "RUNNING")
            .name(NOARP, "NOARP")
            .name(PROMISC, "PROMISC")
            .name(ALLMULTI, "ALLMULTI")
            .name(MASTER, "MASTER")
            .name(SLAVE, "SLAVE")
            .name(MULTICAST, "MULTICAST")
            .name(PORTSEL, "PORTSEL")
            .name(AUTOMEDIA, "AUTOMEDIA")
            .name(DYNAMIC, "DYNAMIC")
            .name(LOWER_UP, "LOWER_UP")
            .name(DORMANT, "DORMANT")
            .name(ECHO, "ECHO");

    /**
     * {@return the flag of one bit: a constant above, or an unnamed one}
     *
     * @param bit a single bit
     */
    public static LinkFlag of(int bit) {
        return NAMES.of(bit);
    }

    /**
     * {@return the flags set in {@code bits}, lowest bit first}
     *
     * @param bits a flags word as the kernel sends it
     */
    public static List<LinkFlag> setIn(int bits) {
        return NAMES.setIn(bits);
    }

    /**
     * {@return whether this flag is set in {@code bits}}
     *
     * @param bits a flags word as the kernel sends it
     */
    public boolean isSetIn(int bits) {
        return (bits & bit) == bit;
    }

    /** {@return ip's word for the flag, or its bit in hexadecimal} */
    @Override
    public String toString() {
        return NAMES.toString(bit);
    }
}
