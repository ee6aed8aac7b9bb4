// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.route;

import io.netns.netlink.internal.NumberNames;

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

    private static final NumberNames<RouteProtocol> NAMES = NumberNames.of(RouteProtocol::new, RouteProtocol::number)
            .name(UNSPEC, "unspec")
            .name(REDIRECT, "redirect")
            .name(KERNEL, "kernel")
            .name(BOOT, "boot")
            .name(STATIC, "static")
            .name(GATED, "gated")
            .name(RA, "ra")
            .name(MRT, "mrt")
            .name(ZEBRA, "zebra")
            .name(BIRD, "bird")
            .name(DNROUTED, "dnrouted")
            .name(XORP, "xorp")
            .name(NTK, "ntk")
            .name(DHCP, "dhcp")
            .name(KEEPALIVED, "keepalived")
            .name(BABEL, "babel")
            .name(OPENR, "openr")
            .name(BGP, "bgp")
            .name(ISIS, "isis")
            .name(OSPF, "ospf")
            .name(RIP, "rip")
            .name(EIGRP, "eigrp");

    /**
     * {@return the value for {@code number}: a constant above, or an unnamed one}
     *
     * @param number the kernel's number
     */
    public static RouteProtocol of(int number) {
        return NAMES.of(number);
    }

    /**
     * {@return the value {@code ip} calls {@code word}, or a number; empty if neither}
     *
     * @param word a name as ip prints it, or a number
     */
    public static Optional<RouteProtocol> parse(String word) {
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
