// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.internal.NumberNames;

import java.util.Optional;

/**
 * Route and address scopes (RT_SCOPE_*) with the names {@code ip} uses.
 *
 * <p>An open value: {@link #of(int)} gives a value for any number, so a number this version does not
 * know (from a newer kernel) still decodes; {@link #toString()} prints what {@code ip} prints.
 *
 * @param number the RT_SCOPE_* number
 */
public record Scope(int number) {
    /** RT_SCOPE_UNIVERSE: valid everywhere ({@code global}). */
    public static final Scope UNIVERSE = new Scope(0);
    /** RT_SCOPE_SITE: valid within the site (IPv6). */
    public static final Scope SITE = new Scope(200);
    /** RT_SCOPE_LINK: valid on the attached link only. */
    public static final Scope LINK = new Scope(253);
    /** RT_SCOPE_HOST: valid inside this host only. */
    public static final Scope HOST = new Scope(254);
    /** RT_SCOPE_NOWHERE: the destination does not exist. */
    public static final Scope NOWHERE = new Scope(255);

    private static final NumberNames<Scope> NAMES = NumberNames.of(Scope::new, Scope::number)
            .name(UNIVERSE, "global")
            .name(SITE, "site")
            .name(LINK, "link")
            .name(HOST, "host")
            .name(NOWHERE, "nowhere")
            .name(UNIVERSE, "universe");

    /**
     * {@return the value for {@code number}: a constant above, or an unnamed one}
     *
     * @param number the kernel's number
     */
    public static Scope of(int number) {
        return NAMES.of(number);
    }

    /**
     * {@return the value {@code ip} calls {@code word}, or a number; empty if neither}
     *
     * @param word a name as ip prints it, or a number
     */
    public static Optional<Scope> parse(String word) {
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
