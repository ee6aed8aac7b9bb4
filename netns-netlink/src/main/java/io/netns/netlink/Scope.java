package io.netns.netlink;

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

    private static final Scope[] KNOWN = {UNIVERSE, SITE, LINK, HOST, NOWHERE};

    /**
     * {@return the value for {@code number}: a constant above, or an unnamed one}
     *
     * @param number the kernel's number
     */
    public static Scope of(int number) {
        for (Scope v : KNOWN) {
            if (v.number == number) {
                return v;
            }
        }
        return new Scope(number);
    }

    /** {@return whether this version of the library has a name for the number} */
    public boolean isKnown() {
        return name() != null;
    }

    private String name() {
        return switch (number) {
            case 0 -> "global";
            case 200 -> "site";
            case 253 -> "link";
            case 254 -> "host";
            case 255 -> "nowhere";
            default -> null;
        };
    }

    /**
     * {@return the value {@code ip} calls {@code word}, or a decimal number; empty if neither}
     *
     * @param word a name as ip prints it, or a number
     */
    public static Optional<Scope> parse(String word) {
        for (Scope v : KNOWN) {
            if (v.name().equals(word)) {
                return Optional.of(v);
            }
        }
        if (word.equals("universe")) {
            return Optional.of(UNIVERSE);
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
