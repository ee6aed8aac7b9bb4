// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link;

import java.util.ArrayList;
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

    private static final LinkFlag[] KNOWN = {UP, BROADCAST, DEBUG, LOOPBACK, POINTOPOINT, NOTRAILERS, RUNNING, NOARP, PROMISC, ALLMULTI, MASTER, SLAVE, MULTICAST, PORTSEL, AUTOMEDIA, DYNAMIC, LOWER_UP, DORMANT, ECHO};

    /**
     * {@return the flag of one bit: a constant above, or an unnamed one}
     *
     * @param bit a single bit
     */
    public static LinkFlag of(int bit) {
        for (LinkFlag f : KNOWN) {
            if (f.bit == bit) {
                return f;
            }
        }
        return new LinkFlag(bit);
    }

    /**
     * {@return the flags set in {@code bits}, lowest bit first}
     *
     * @param bits a flags word as the kernel sends it
     */
    public static List<LinkFlag> setIn(int bits) {
        List<LinkFlag> out = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            if ((bits & (1 << i)) != 0) {
                out.add(of(1 << i));
            }
        }
        return List.copyOf(out);
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
        return switch (bit) {
            case 0x1 -> "UP";
            case 0x2 -> "BROADCAST";
            case 0x4 -> "DEBUG";
            case 0x8 -> "LOOPBACK";
            case 0x10 -> "POINTOPOINT";
            case 0x20 -> "NOTRAILERS";
            case 0x40 -> "RUNNING";
            case 0x80 -> "NOARP";
            case 0x100 -> "PROMISC";
            case 0x200 -> "ALLMULTI";
            case 0x400 -> "MASTER";
            case 0x800 -> "SLAVE";
            case 0x1000 -> "MULTICAST";
            case 0x2000 -> "PORTSEL";
            case 0x4000 -> "AUTOMEDIA";
            case 0x8000 -> "DYNAMIC";
            case 0x10000 -> "LOWER_UP";
            case 0x20000 -> "DORMANT";
            case 0x40000 -> "ECHO";
            default -> "0x" + Integer.toHexString(bit);
        };
    }
}
