package io.netns.netlink.link.kind;

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

    private static final VlanProtocol[] KNOWN = {IEEE_802_1Q, IEEE_802_1AD};

    /**
     * {@return the value for {@code number}: a constant above, or an unnamed one}
     *
     * @param number the kernel's number
     */
    public static VlanProtocol of(int number) {
        for (VlanProtocol v : KNOWN) {
            if (v.number == number) {
                return v;
            }
        }
        return new VlanProtocol(number);
    }

    /** {@return whether this version of the library has a name for the number} */
    public boolean isKnown() {
        return name() != null;
    }

    private String name() {
        return switch (number) {
            case 33024 -> "802.1Q";
            case 34984 -> "802.1ad";
            default -> null;
        };
    }

    /**
     * {@return the value {@code ip} calls {@code word}, or a decimal number; empty if neither}
     *
     * @param word a name as ip prints it, or a number
     */
    public static Optional<VlanProtocol> parse(String word) {
        for (VlanProtocol v : KNOWN) {
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
        return n != null ? n : String.format("0x%04x", number);
    }
}
