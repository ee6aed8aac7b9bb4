package io.netns.netlink;

/** Route protocols (rtm_protocol, RTPROT_*) with the names of iproute2's rt_protos table. */
public final class RouteProtocol {
    private RouteProtocol() {
    }

    /** RTPROT_UNSPEC: unknown. */
    public static final int UNSPEC = 0;
    /** RTPROT_REDIRECT: installed by an ICMP redirect (not used by current IPv4 kernels). */
    public static final int REDIRECT = 1;
    /** RTPROT_KERNEL: installed by the kernel itself, e.g. the route to an address's prefix. */
    public static final int KERNEL = 2;
    /** RTPROT_BOOT: installed during boot, and the default of {@code ip route add}. */
    public static final int BOOT = 3;
    /** RTPROT_STATIC: installed by the administrator to override routing daemons. */
    public static final int STATIC = 4;
    /** RTPROT_DHCP: installed by a DHCP client. */
    public static final int DHCP = 16;

    private static final String[] NAMES = new String[256];

    static {
        NAMES[0] = "unspec";
        NAMES[1] = "redirect";
        NAMES[2] = "kernel";
        NAMES[3] = "boot";
        NAMES[4] = "static";
        NAMES[8] = "gated";
        NAMES[9] = "ra";
        NAMES[10] = "mrt";
        NAMES[11] = "zebra";
        NAMES[12] = "bird";
        NAMES[13] = "dnrouted";
        NAMES[14] = "xorp";
        NAMES[15] = "ntk";
        NAMES[16] = "dhcp";
        NAMES[18] = "keepalived";
        NAMES[42] = "babel";
        NAMES[99] = "openr";
        NAMES[186] = "bgp";
        NAMES[187] = "isis";
        NAMES[188] = "ospf";
        NAMES[189] = "rip";
        NAMES[192] = "eigrp";
    }

    /**
     * {@return ip's name for a protocol number, or the number in decimal}
     *
     * @param protocol an RTPROT_* number
     */
    public static String nameOf(int protocol) {
        return protocol >= 0 && protocol < 256 && NAMES[protocol] != null ? NAMES[protocol] : Integer.toString(protocol);
    }

    /**
     * {@return the number for ip's name or a decimal number; -1 if neither}
     *
     * @param name a name from iproute2's rt_protos table (e.g. {@code static}) or a number in 0..255
     */
    public static int parse(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (name.equals(NAMES[i])) {
                return i;
            }
        }
        try {
            int n = Integer.parseInt(name);
            return n >= 0 && n < 256 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
