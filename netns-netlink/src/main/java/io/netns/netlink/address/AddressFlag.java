// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.address;

import java.util.ArrayList;
import java.util.List;

/**
 * Address flags (IFA_F_*) with the words {@code ip addr} prints.
 *
 * <p>An open value: {@link #of(int)} gives a value for any bit, so a flag this version does not know
 * still decodes; {@link #toString()} prints the word {@code ip} prints.
 *
 * @param bit the flag's bit mask
 */
public record AddressFlag(int bit) {
    /** IFA_F_SECONDARY (IPv4; IFA_F_TEMPORARY for IPv6): not the first address of its prefix. */
    public static final AddressFlag SECONDARY = new AddressFlag(0x1);
    /** IFA_F_NODAD: no duplicate address detection. */
    public static final AddressFlag NODAD = new AddressFlag(0x2);
    /** IFA_F_OPTIMISTIC: usable during DAD. */
    public static final AddressFlag OPTIMISTIC = new AddressFlag(0x4);
    /** IFA_F_DADFAILED: DAD found a duplicate. */
    public static final AddressFlag DADFAILED = new AddressFlag(0x8);
    /** IFA_F_HOMEADDRESS: a Mobile IPv6 home address. */
    public static final AddressFlag HOMEADDRESS = new AddressFlag(0x10);
    /** IFA_F_DEPRECATED: past its preferred lifetime. */
    public static final AddressFlag DEPRECATED = new AddressFlag(0x20);
    /** IFA_F_TENTATIVE: DAD pending. */
    public static final AddressFlag TENTATIVE = new AddressFlag(0x40);
    /** IFA_F_PERMANENT: configured, not autoconfigured (ip prints nothing for it but "dynamic" when absent). */
    public static final AddressFlag PERMANENT = new AddressFlag(0x80);
    /** IFA_F_MANAGETEMPADDR: manages temporary addresses. */
    public static final AddressFlag MANAGETEMPADDR = new AddressFlag(0x100);
    /** IFA_F_NOPREFIXROUTE: no route to the prefix. */
    public static final AddressFlag NOPREFIXROUTE = new AddressFlag(0x200);
    /** IFA_F_MCAUTOJOIN: joins the multicast group. */
    public static final AddressFlag MCAUTOJOIN = new AddressFlag(0x400);
    /** IFA_F_STABLE_PRIVACY: a stable privacy address. */
    public static final AddressFlag STABLE_PRIVACY = new AddressFlag(0x800);

    private static final AddressFlag[] KNOWN = {SECONDARY, NODAD, OPTIMISTIC, DADFAILED, HOMEADDRESS, DEPRECATED, TENTATIVE, PERMANENT, MANAGETEMPADDR, NOPREFIXROUTE, MCAUTOJOIN, STABLE_PRIVACY};

    /**
     * {@return the flag of one bit: a constant above, or an unnamed one}
     *
     * @param bit a single bit
     */
    public static AddressFlag of(int bit) {
        for (AddressFlag f : KNOWN) {
            if (f.bit == bit) {
                return f;
            }
        }
        return new AddressFlag(bit);
    }

    /**
     * {@return the flags set in {@code bits}, lowest bit first}
     *
     * @param bits a flags word as the kernel sends it
     */
    public static List<AddressFlag> setIn(int bits) {
        List<AddressFlag> out = new ArrayList<>();
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
            case 0x1 -> "secondary";
            case 0x2 -> "nodad";
            case 0x4 -> "optimistic";
            case 0x8 -> "dadfailed";
            case 0x10 -> "home";
            case 0x20 -> "deprecated";
            case 0x40 -> "tentative";
            case 0x80 -> "permanent";
            case 0x100 -> "mngtmpaddr";
            case 0x200 -> "noprefixroute";
            case 0x400 -> "autojoin";
            case 0x800 -> "stable-privacy";
            default -> "0x" + Integer.toHexString(bit);
        };
    }
}
