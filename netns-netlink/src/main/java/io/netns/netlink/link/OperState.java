// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link;

/** RFC 2863 operational state of a link (IFLA_OPERSTATE), as {@code ip link} shows it. */
public enum OperState {
    /** IF_OPER_UNKNOWN (0): the driver does not report a state. */
    UNKNOWN,
    /** IF_OPER_NOTPRESENT (1): a component of the device is missing. */
    NOTPRESENT,
    /** IF_OPER_DOWN (2): not operational, e.g. no carrier. */
    DOWN,
    /** IF_OPER_LOWERLAYERDOWN (3): down because a lower device (the parent, a veth peer) is down. */
    LOWERLAYERDOWN,
    /** IF_OPER_TESTING (4): in test mode. */
    TESTING,
    /** IF_OPER_DORMANT (5): up, but waiting for an external event (e.g. 802.1X). */
    DORMANT,
    /** IF_OPER_UP (6): operational. */
    UP;

    /**
     * Maps the kernel's number to a state.
     *
     * @param value the IF_OPER_* number
     * @return the state; unknown numbers map to {@link #UNKNOWN}
     */
    public static OperState of(int value) {
        OperState[] all = values();
        return value >= 0 && value < all.length ? all[value] : UNKNOWN;
    }
}
