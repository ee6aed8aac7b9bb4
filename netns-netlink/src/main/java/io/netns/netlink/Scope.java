package io.netns.netlink;

/** Route and address scopes (RT_SCOPE_*) with the names {@code ip} uses. */
public enum Scope {
    UNIVERSE(0, "global"), SITE(200, "site"), LINK(253, "link"), HOST(254, "host"), NOWHERE(255, "nowhere");

    private final int number;
    private final String ipName;

    Scope(int number, String ipName) {
        this.number = number;
        this.ipName = ipName;
    }

    /** @return the RT_SCOPE_* number */
    public int number() {
        return number;
    }

    /** @return the name ip prints ({@code global}, {@code link}, {@code host}) */
    public String ipName() {
        return ipName;
    }

    /** @return ip's name of a scope number: the known name or the number */
    public static String nameOf(int number) {
        for (Scope s : values()) {
            if (s.number == number) {
                return s.ipName;
            }
        }
        return Integer.toString(number);
    }

    /** @return the scope ip calls {@code name} (also {@code universe}), or null */
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
