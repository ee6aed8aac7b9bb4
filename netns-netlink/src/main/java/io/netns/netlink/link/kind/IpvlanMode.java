// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.internal.NumberNames;

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

    private static final NumberNames<IpvlanMode> NAMES = NumberNames.of(IpvlanMode::new, IpvlanMode::number)
            .name(L2, "l2")
            .name(L3, "l3")
            .name(L3S, "l3s");

    /**
     * {@return the value for {@code number}: a constant above, or an unnamed one}
     *
     * @param number the kernel's number
     */
    public static IpvlanMode of(int number) {
        return NAMES.of(number);
    }

    /**
     * {@return the value {@code ip} calls {@code word}, or a number; empty if neither}
     *
     * @param word a name as ip prints it, or a number
     */
    public static Optional<IpvlanMode> parse(String word) {
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
