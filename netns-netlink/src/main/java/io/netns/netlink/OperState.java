package io.netns.netlink;

/** RFC 2863 operational state of a link (IFLA_OPERSTATE), as {@code ip link} shows it. */
public enum OperState {
    UNKNOWN, NOTPRESENT, DOWN, LOWERLAYERDOWN, TESTING, DORMANT, UP;

    /**
     * @param value the IF_OPER_* number
     * @return the state; unknown numbers map to {@link #UNKNOWN}
     */
    public static OperState of(int value) {
        OperState[] all = values();
        return value >= 0 && value < all.length ? all[value] : UNKNOWN;
    }
}
