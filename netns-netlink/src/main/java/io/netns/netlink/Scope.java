package io.netns.netlink;

/** Route and address scopes (RT_SCOPE_*) with the names {@code ip} uses. */
public enum Scope {
    /** RT_SCOPE_UNIVERSE: valid everywhere ({@code global}). */
    UNIVERSE(0, "global"),
    /** RT_SCOPE_SITE: valid within the site (IPv6). */
    SITE(200, "site"),
    /** RT_SCOPE_LINK: valid on the attached link only. */
    LINK(253, "link"),
    /** RT_SCOPE_HOST: valid inside this host only. */
    HOST(254, "host"),
    /** RT_SCOPE_NOWHERE: the destination does not exist. */
    NOWHERE(255, "nowhere");

    private final int number;
    private final String ipName;

    Scope(int number, String ipName) {
        this.number = number;
        this.ipName = ipName;
    }

    /** {@return the RT_SCOPE_* number} */
    public int number() {
        return number;
    }

    /** {@return the name ip prints ({@code global}, {@code link}, {@code host})} */
    public String ipName() {
        return ipName;
    }

    /**
     * {@return ip's name of a scope number: the known name or the number}
     *
     * @param number an RT_SCOPE_* number
     */
    public static String nameOf(int number) {
        for (Scope s : values()) {
            if (s.number == number) {
                return s.ipName;
            }
        }
        return Integer.toString(number);
    }

    /**
     * {@return the scope ip calls {@code name} (also {@code universe}), or null}
     *
     * @param name ip's name of a scope, e.g. {@code link}
     */
    public static Scope byIpName(String name) {
        if (name.equals("universe")) {
            return UNIVERSE;
        }
        for (Scope s : values()) {
            if (s.ipName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
