// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.internal.NumberNames;

import java.util.Optional;

/**
 * Bonding modes (BOND_MODE_*), as {@code ip link} names them.
 *
 * <p>An open value: {@link #of(int)} gives a value for any number, so a number this version does not
 * know (from a newer kernel) still decodes; {@link #toString()} prints what {@code ip} prints.
 *
 * @param number the BOND_MODE_* number
 */
public record BondMode(int number) {
    /** Round robin. */
    public static final BondMode BALANCE_RR = new BondMode(0);
    /** One active port, the others standing by. */
    public static final BondMode ACTIVE_BACKUP = new BondMode(1);
    /** By hash of addresses. */
    public static final BondMode BALANCE_XOR = new BondMode(2);
    /** Every frame on every port. */
    public static final BondMode BROADCAST = new BondMode(3);
    /** IEEE 802.3ad dynamic link aggregation. */
    public static final BondMode LACP = new BondMode(4);
    /** Adaptive transmit load balancing. */
    public static final BondMode BALANCE_TLB = new BondMode(5);
    /** Adaptive load balancing. */
    public static final BondMode BALANCE_ALB = new BondMode(6);

    private static final NumberNames<BondMode> NAMES = NumberNames.of(BondMode::new, BondMode::number)
            .name(BALANCE_RR, "balance-rr")
            .name(ACTIVE_BACKUP, "active-backup")
            .name(BALANCE_XOR, "balance-xor")
            .name(BROADCAST, "broadcast")
            .name(LACP, "802.3ad")
            .name(BALANCE_TLB, "balance-tlb")
            .name(BALANCE_ALB, "balance-alb");

    /**
     * {@return the value for {@code number}: a constant above, or an unnamed one}
     *
     * @param number the kernel's number
     */
    public static BondMode of(int number) {
        return NAMES.of(number);
    }

    /**
     * {@return the value {@code ip} calls {@code word}, or a number; empty if neither}
     *
     * @param word a name as ip prints it, or a number
     */
    public static Optional<BondMode> parse(String word) {
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
