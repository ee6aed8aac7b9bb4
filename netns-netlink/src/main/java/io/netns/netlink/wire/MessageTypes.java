// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.wire;

/** Names of netlink message types, for errors and logs ("RTM_NEWLINK"). */
public final class MessageTypes {
    private MessageTypes() {
    }

    private static final String[] RTM = new String[128];

    static {
        for (var f : Rtm.class.getFields()) {
            if (f.getName().startsWith("RTM_") && !f.getName().startsWith("RTM_F_") && f.getType() == int.class) {
                try {
                    int v = f.getInt(null);
                    if (v >= 0 && v < RTM.length && RTM[v] == null) {
                        RTM[v] = f.getName();
                    }
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /**
     * {@return the name of a message type: {@code "RTM_NEWLINK"}, {@code "NLMSG_ERROR"}..., or
     * {@code "message type N"} for a type without a name}
     *
     * @param type an nlmsg_type
     */
    public static String name(int type) {
        return switch (type) {
            case Nlmsg.NLMSG_NOOP -> "NLMSG_NOOP";
            case Nlmsg.NLMSG_ERROR -> "NLMSG_ERROR";
            case Nlmsg.NLMSG_DONE -> "NLMSG_DONE";
            case Nlmsg.NLMSG_OVERRUN -> "NLMSG_OVERRUN";
            default -> type >= 0 && type < RTM.length && RTM[type] != null ? RTM[type] : "message type " + type;
        };
    }
}
