// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.internal.NumberNames;

import java.util.Optional;

/**
 * VLAN tag protocols (ETH_P_8021Q, ETH_P_8021AD), as {@code ip link} names them.
 *
 * <p>An open value: {@link #of(int)} gives a value for any number, so a number this version does not
 * know (from a newer kernel) still decodes; {@link #toString()} prints what {@code ip} prints.
 *
 * @param number the EtherType
 */
public record VlanProtocol(int number) {
    /** ETH_P_8021Q (0x8100): a customer VLAN tag. */
    public static final VlanProtocol IEEE_802_1Q = new VlanProtocol(33024);
    /** ETH_P_8021AD (0x88a8): a service VLAN tag (QinQ). */
    public static final VlanProtocol IEEE_802_1AD = new VlanProtocol(34984);

    private static final NumberNames<VlanProtocol> NAMES = NumberNames.of(VlanProtocol::new, VlanProtocol::number)
            .printingOthersAs(n -> String.format("0x%04x", n))
            .name(IEEE_802_1Q, "802.1Q")
            .name(IEEE_802_1AD, "802.1ad");

    /**
     * {@return the value for {@code number}: a constant above, or an unnamed one}
     *
     * @param number the kernel's number
     */
    public static VlanProtocol of(int number) {
        return NAMES.of(number);
    }

    /**
     * {@return the value {@code ip} calls {@code word}, or a number; empty if neither}
     *
     * @param word a name as ip prints it, or a number
     */
    public static Optional<VlanProtocol> parse(String word) {
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
