package io.netns.netlink.link.kind;

import java.util.Optional;

/**
 * Modes of an ipvlan device (IPVLAN_MODE_*), as {@code ip link} names them.
 *
 * <p>An open value: {@link #of(int)} gives a value for any number, so a number this version does not
 * know (from a newer kernel) still decodes; {@link #toString()} prints what {@code ip} prints.
 *
 * @param number the IPVLAN_MODE_* number
 */
public record IpvlanMode(int number) {
    /** L2: the parent switches frames. */
    public static final IpvlanMode L2 = new IpvlanMode(0);
    /** L3: the parent routes packets. */
    public static final IpvlanMode L3 = new IpvlanMode(1);
    /** L3S: L3 with netfilter hooks. */
    public static final IpvlanMode L3S = new IpvlanMode(2);

    private static final IpvlanMode[] KNOWN = {L2, L3, L3S};

    /**
     * {@return the value for {@code number}: a constant above, or an unnamed one}
     *
     * @param number the kernel's number
     */
    public static IpvlanMode of(int number) {
        for (IpvlanMode v : KNOWN) {
            if (v.number == number) {
                return v;
            }
        }
        return new IpvlanMode(number);
    }

    /** {@return whether this version of the library has a name for the number} */
    public boolean isKnown() {
        return name() != null;
    }

    private String name() {
        return switch (number) {
            case 0 -> "l2";
            case 1 -> "l3";
            case 2 -> "l3s";
            default -> null;
        };
    }

    /**
     * {@return the value {@code ip} calls {@code word}, or a decimal number; empty if neither}
     *
     * @param word a name as ip prints it, or a number
     */
    public static Optional<IpvlanMode> parse(String word) {
        for (IpvlanMode v : KNOWN) {
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
