package io.netns.netlink.link.kind;

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

    private static final BondMode[] KNOWN = {BALANCE_RR, ACTIVE_BACKUP, BALANCE_XOR, BROADCAST, LACP, BALANCE_TLB, BALANCE_ALB};

    /**
     * {@return the value for {@code number}: a constant above, or an unnamed one}
     *
     * @param number the kernel's number
     */
    public static BondMode of(int number) {
        for (BondMode v : KNOWN) {
            if (v.number == number) {
                return v;
            }
        }
        return new BondMode(number);
    }

    /** {@return whether this version of the library has a name for the number} */
    public boolean isKnown() {
        return name() != null;
    }

    private String name() {
        return switch (number) {
            case 0 -> "balance-rr";
            case 1 -> "active-backup";
            case 2 -> "balance-xor";
            case 3 -> "broadcast";
            case 4 -> "802.3ad";
            case 5 -> "balance-tlb";
            case 6 -> "balance-alb";
            default -> null;
        };
    }

    /**
     * {@return the value {@code ip} calls {@code word}, or a decimal number; empty if neither}
     *
     * @param word a name as ip prints it, or a number
     */
    public static Optional<BondMode> parse(String word) {
        for (BondMode v : KNOWN) {
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
