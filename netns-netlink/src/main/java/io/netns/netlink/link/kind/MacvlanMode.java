package io.netns.netlink.link.kind;

import java.util.Optional;

/**
 * Modes of a macvlan or macvtap device (MACVLAN_MODE_*), as {@code ip link} names them.
 *
 * <p>An open value: {@link #of(int)} gives a value for any number, so a number this version does not
 * know (from a newer kernel) still decodes; {@link #toString()} prints what {@code ip} prints.
 *
 * @param number the MACVLAN_MODE_* number
 */
public record MacvlanMode(int number) {
    /** Private: no traffic between macvlans of one parent. */
    public static final MacvlanMode PRIVATE = new MacvlanMode(1);
    /** VEPA: traffic between macvlans goes through the external switch. */
    public static final MacvlanMode VEPA = new MacvlanMode(2);
    /** Bridge: macvlans of one parent talk directly. */
    public static final MacvlanMode BRIDGE = new MacvlanMode(4);
    /** Passthru: one macvlan owns the parent. */
    public static final MacvlanMode PASSTHRU = new MacvlanMode(8);
    /** Source: accepts frames by source address. */
    public static final MacvlanMode SOURCE = new MacvlanMode(16);

    private static final MacvlanMode[] KNOWN = {PRIVATE, VEPA, BRIDGE, PASSTHRU, SOURCE};

    /**
     * {@return the value for {@code number}: a constant above, or an unnamed one}
     *
     * @param number the kernel's number
     */
    public static MacvlanMode of(int number) {
        for (MacvlanMode v : KNOWN) {
            if (v.number == number) {
                return v;
            }
        }
        return new MacvlanMode(number);
    }

    /** {@return whether this version of the library has a name for the number} */
    public boolean isKnown() {
        return name() != null;
    }

    private String name() {
        return switch (number) {
            case 1 -> "private";
            case 2 -> "vepa";
            case 4 -> "bridge";
            case 8 -> "passthru";
            case 16 -> "source";
            default -> null;
        };
    }

    /**
     * {@return the value {@code ip} calls {@code word}, or a decimal number; empty if neither}
     *
     * @param word a name as ip prints it, or a number
     */
    public static Optional<MacvlanMode> parse(String word) {
        for (MacvlanMode v : KNOWN) {
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
