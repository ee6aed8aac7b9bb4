package io.netns.netlink.route;

import java.util.Optional;

/**
 * Route protocols (rtm_protocol, RTPROT_*) with the names of iproute2's rt_protos table.
 *
 * <p>An open value: {@link #of(int)} gives a value for any number, so a number this version does not
 * know (from a newer kernel) still decodes; {@link #toString()} prints what {@code ip} prints.
 *
 * @param number the RTPROT_* number
 */
public record RouteProtocol(int number) {
    /** RTPROT_UNSPEC: unknown. */
    public static final RouteProtocol UNSPEC = new RouteProtocol(0);
    /** RTPROT_REDIRECT: installed by an ICMP redirect. */
    public static final RouteProtocol REDIRECT = new RouteProtocol(1);
    /** RTPROT_KERNEL: installed by the kernel itself, e.g. the route to an address's prefix. */
    public static final RouteProtocol KERNEL = new RouteProtocol(2);
    /** RTPROT_BOOT: installed during boot, and the default of {@code ip route add}. */
    public static final RouteProtocol BOOT = new RouteProtocol(3);
    /** RTPROT_STATIC: installed by the administrator to override routing daemons. */
    public static final RouteProtocol STATIC = new RouteProtocol(4);
    /** RTPROT_GATED. */
    public static final RouteProtocol GATED = new RouteProtocol(8);
    /** RTPROT_RA: router advertisements. */
    public static final RouteProtocol RA = new RouteProtocol(9);
    /** RTPROT_MRT. */
    public static final RouteProtocol MRT = new RouteProtocol(10);
    /** RTPROT_ZEBRA. */
    public static final RouteProtocol ZEBRA = new RouteProtocol(11);
    /** RTPROT_BIRD. */
    public static final RouteProtocol BIRD = new RouteProtocol(12);
    /** RTPROT_DNROUTED. */
    public static final RouteProtocol DNROUTED = new RouteProtocol(13);
    /** RTPROT_XORP. */
    public static final RouteProtocol XORP = new RouteProtocol(14);
    /** RTPROT_NTK. */
    public static final RouteProtocol NTK = new RouteProtocol(15);
    /** RTPROT_DHCP: installed by a DHCP client. */
    public static final RouteProtocol DHCP = new RouteProtocol(16);
    /** RTPROT_KEEPALIVED. */
    public static final RouteProtocol KEEPALIVED = new RouteProtocol(18);
    /** RTPROT_BABEL. */
    public static final RouteProtocol BABEL = new RouteProtocol(42);
    /** RTPROT_OPENR. */
    public static final RouteProtocol OPENR = new RouteProtocol(99);
    /** RTPROT_BGP. */
    public static final RouteProtocol BGP = new RouteProtocol(186);
    /** RTPROT_ISIS. */
    public static final RouteProtocol ISIS = new RouteProtocol(187);
    /** RTPROT_OSPF. */
    public static final RouteProtocol OSPF = new RouteProtocol(188);
    /** RTPROT_RIP. */
    public static final RouteProtocol RIP = new RouteProtocol(189);
    /** RTPROT_EIGRP. */
    public static final RouteProtocol EIGRP = new RouteProtocol(192);

    private static final RouteProtocol[] KNOWN = {UNSPEC, REDIRECT, KERNEL, BOOT, STATIC, GATED, RA, MRT, ZEBRA, BIRD, DNROUTED, XORP, NTK, DHCP, KEEPALIVED, BABEL, OPENR, BGP, ISIS, OSPF, RIP, EIGRP};

    /**
     * {@return the value for {@code number}: a constant above, or an unnamed one}
     *
     * @param number the kernel's number
     */
    public static RouteProtocol of(int number) {
        for (RouteProtocol v : KNOWN) {
            if (v.number == number) {
                return v;
            }
        }
        return new RouteProtocol(number);
    }

    /** {@return whether this version of the library has a name for the number} */
    public boolean isKnown() {
        return name() != null;
    }

    private String name() {
        return switch (number) {
            case 0 -> "unspec";
            case 1 -> "redirect";
            case 2 -> "kernel";
            case 3 -> "boot";
            case 4 -> "static";
            case 8 -> "gated";
            case 9 -> "ra";
            case 10 -> "mrt";
            case 11 -> "zebra";
            case 12 -> "bird";
            case 13 -> "dnrouted";
            case 14 -> "xorp";
            case 15 -> "ntk";
            case 16 -> "dhcp";
            case 18 -> "keepalived";
            case 42 -> "babel";
            case 99 -> "openr";
            case 186 -> "bgp";
            case 187 -> "isis";
            case 188 -> "ospf";
            case 189 -> "rip";
            case 192 -> "eigrp";
            default -> null;
        };
    }

    /**
     * {@return the value {@code ip} calls {@code word}, or a decimal number; empty if neither}
     *
     * @param word a name as ip prints it, or a number
     */
    public static Optional<RouteProtocol> parse(String word) {
        for (RouteProtocol v : KNOWN) {
            if (v.name().equals(word)) {
                return Optional.of(v);
            }
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
