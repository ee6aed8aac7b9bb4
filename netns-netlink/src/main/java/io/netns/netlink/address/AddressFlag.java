// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.address;

import io.netns.netlink.internal.NumberNames;

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

    private static final NumberNames<AddressFlag> NAMES = NumberNames.of(AddressFlag::new, AddressFlag::bit)
            .printingOthersAs(b -> "0x" + Integer.toHexString(b))
            .name(SECONDARY, "secondary")
            .name(NODAD, "nodad")
            .name(OPTIMISTIC, "optimistic")
            .name(DADFAILED, "dadfailed")
            .name(HOMEADDRESS, "home")
            .name(DEPRECATED, "deprecated")
            .name(TENTATIVE, "tentative")
            .name(PERMANENT, "permanent")
            .name(MANAGETEMPADDR, "mngtmpaddr")
            .name(NOPREFIXROUTE, "noprefixroute")
            .name(MCAUTOJOIN, "autojoin")
            .name(STABLE_PRIVACY, "stable-privacy");

    /**
     * {@return the flag of one bit: a constant above, or an unnamed one}
     *
     * @param bit a single bit
     */
    public static AddressFlag of(int bit) {
        return NAMES.of(bit);
    }

    /**
     * {@return the flags set in {@code bits}, lowest bit first}
     *
     * @param bits a flags word as the kernel sends it
     */
    public static List<AddressFlag> setIn(int bits) {
        return NAMES.setIn(bits);
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
        return NAMES.toString(bit);
    }
}
