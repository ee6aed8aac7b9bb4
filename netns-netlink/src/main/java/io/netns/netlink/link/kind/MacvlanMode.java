// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.internal.NumberNames;

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

    private static final NumberNames<MacvlanMode> NAMES = NumberNames.of(MacvlanMode::new, MacvlanMode::number)
            .name(PRIVATE, "private")
            .name(VEPA, "vepa")
            .name(BRIDGE, "bridge")
            .name(PASSTHRU, "passthru")
            .name(SOURCE, "source");

    /**
     * {@return the value for {@code number}: a constant above, or an unnamed one}
     *
     * @param number the kernel's number
     */
    public static MacvlanMode of(int number) {
        return NAMES.of(number);
    }

    /**
     * {@return the value {@code ip} calls {@code word}, or a number; empty if neither}
     *
     * @param word a name as ip prints it, or a number
     */
    public static Optional<MacvlanMode> parse(String word) {
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
