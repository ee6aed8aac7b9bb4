// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;


import io.netns.netlink.Scope;
import io.netns.netlink.route.RouteProtocol;
import io.netns.netlink.route.RouteType;

import java.util.Map;
import java.util.Optional;

/** The names iproute2 prints and parses for numbers: tables, scopes, types, link types, errno texts. */
final class IpNames {
    private IpNames() {
    }

    /** rtnl_rttable_n2a without /etc/iproute2/rt_tables: local, main, default, unspec, else the number. */
    static String table(long id) {
        return switch ((int) id) {
            case 255 -> "local";
            case 254 -> "main";
            case 253 -> "default";
            case 0 -> "unspec";
            default -> Long.toString(id);
        };
    }

    /** rtnl_rttable_a2n: a name or a number; -1 if neither. */
    static long parseTable(String s) {
        return switch (s) {
            case "local" -> 255;
            case "main" -> 254;
            case "default" -> 253;
            case "unspec" -> 0;
            case "all" -> 0;
            default -> {
                try {
                    long v = Args.number(s);
                    yield v < 0 || v > 0xffffffffL ? -1 : v;
                } catch (NumberFormatException e) {
                    yield -1;
                }
            }
        };
    }

    /** rtnl_rtscope_a2n: global/universe, site, link, host, nowhere or a number 0..255. */
    static Optional<Scope> parseScope(String s) {
        Optional<Scope> named = Scope.parse(s).filter(sc -> sc.toString().equals(s) || s.equals("universe"));
        if (named.isPresent()) {
            return named;
        }
        try {
            long v = Args.number(s);
            return v >= 0 && v <= 255 ? Optional.of(Scope.of((int) v)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** rtnl_rtprot_a2n: a protocol name, or a decimal number 0..255. */
    static Optional<RouteProtocol> parseProtocol(String s) {
        Optional<RouteProtocol> named = RouteProtocol.parse(s).filter(p -> p.toString().equals(s) && p.isKnown());
        if (named.isPresent()) {
            return named;
        }
        try {
            int n = Integer.parseInt(s);
            return n >= 0 && n < 256 ? Optional.of(RouteProtocol.of(n)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A route type by its name only (unicast, blackhole, ...), as the route and rule parsers take it. */
    static Optional<RouteType> routeTypeNamed(String s) {
        return RouteType.parse(s).filter(t -> t.isKnown() && t.toString().equals(s));
    }

    /** rtnl_group_n2a without /etc/iproute2/group: 0 is "default". */
    static String group(long g) {
        return g == 0 ? "default" : Long.toString(g);
    }

    private static final String[] OPER_STATES = {"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING",
            "DORMANT", "UP"};

    static String operState(int s) {
        return s >= 0 && s < OPER_STATES.length ? OPER_STATES[s] : null;
    }

    private static final String[] LINK_MODES = {"DEFAULT", "DORMANT", "TESTING"};

    static String linkMode(int m) {
        return m >= 0 && m < LINK_MODES.length ? LINK_MODES[m] : null;
    }

    private static final Map<Integer, String> LINK_TYPES = Map.ofEntries(
            Map.entry(0, "netrom"), Map.entry(1, "ether"), Map.entry(2, "eether"), Map.entry(3, "ax25"),
            Map.entry(4, "pronet"), Map.entry(5, "chaos"), Map.entry(6, "ieee802"), Map.entry(7, "arcnet"),
            Map.entry(8, "atalk"), Map.entry(15, "dlci"), Map.entry(19, "atm"), Map.entry(23, "metricom"),
            Map.entry(24, "ieee1394"), Map.entry(27, "eui64"), Map.entry(32, "infiniband"),
            Map.entry(256, "slip"), Map.entry(257, "cslip"), Map.entry(258, "slip6"), Map.entry(259, "cslip6"),
            Map.entry(260, "rsrvd"), Map.entry(264, "adapt"), Map.entry(270, "rose"), Map.entry(271, "x25"),
            Map.entry(272, "hwx25"), Map.entry(280, "can"), Map.entry(512, "ppp"), Map.entry(513, "cisco"),
            Map.entry(516, "lapb"), Map.entry(517, "ddcmp"), Map.entry(518, "rawhdlc"), Map.entry(768, "ipip"),
            Map.entry(769, "tunnel6"), Map.entry(770, "frad"), Map.entry(771, "skip"), Map.entry(772, "loopback"),
            Map.entry(773, "localtlk"), Map.entry(774, "fddi"), Map.entry(775, "bif"), Map.entry(776, "sit"),
            Map.entry(777, "ip/ddp"), Map.entry(778, "gre"), Map.entry(779, "pimreg"), Map.entry(780, "hippi"),
            Map.entry(781, "ash"), Map.entry(782, "econet"), Map.entry(783, "irda"), Map.entry(784, "fcpp"),
            Map.entry(785, "fcal"), Map.entry(786, "fcpl"), Map.entry(787, "fcfb0"), Map.entry(800, "tr"),
            Map.entry(801, "tr+rif"), Map.entry(802, "ieee802.11"), Map.entry(803, "ieee802.11/prism"),
            Map.entry(804, "ieee802.11/radiotap"), Map.entry(820, "ieee802.15.4"), Map.entry(821, "ieee802.15.4/monitor"),
            Map.entry(823, "gre6"), Map.entry(824, "netlink"), Map.entry(825, "6lowpan"),
            Map.entry(65534, "none"), Map.entry(65535, "void"));

    /** ll_type_n2a: the {@code link/...} name of an ARPHRD_* number. */
    static String linkType(int t) {
        String s = LINK_TYPES.get(t);
        return s != null ? s : "[" + t + "]";
    }

    private static final Map<Integer, String> STRERROR = Map.ofEntries(
            Map.entry(1, "Operation not permitted"), Map.entry(2, "No such file or directory"),
            Map.entry(3, "No such process"), Map.entry(4, "Interrupted system call"),
            Map.entry(5, "Input/output error"), Map.entry(6, "No such device or address"),
            Map.entry(7, "Argument list too long"), Map.entry(9, "Bad file descriptor"),
            Map.entry(11, "Resource temporarily unavailable"), Map.entry(12, "Cannot allocate memory"),
            Map.entry(13, "Permission denied"), Map.entry(16, "Device or resource busy"),
            Map.entry(17, "File exists"), Map.entry(18, "Invalid cross-device link"), Map.entry(19, "No such device"),
            Map.entry(20, "Not a directory"), Map.entry(21, "Is a directory"), Map.entry(22, "Invalid argument"),
            Map.entry(23, "Too many open files in system"), Map.entry(24, "Too many open files"),
            Map.entry(28, "No space left on device"), Map.entry(34, "Numerical result out of range"),
            Map.entry(36, "File name too long"), Map.entry(39, "Directory not empty"),
            Map.entry(61, "No data available"), Map.entry(67, "Link has been severed"),
            Map.entry(71, "Protocol error"), Map.entry(75, "Value too large for defined data type"),
            Map.entry(76, "Name not unique on network"), Map.entry(90, "Message too long"),
            Map.entry(92, "Protocol not available"), Map.entry(93, "Protocol not supported"),
            Map.entry(95, "Operation not supported"), Map.entry(97, "Address family not supported by protocol"),
            Map.entry(98, "Address already in use"), Map.entry(99, "Cannot assign requested address"),
            Map.entry(100, "Network is down"), Map.entry(101, "Network is unreachable"),
            Map.entry(105, "No buffer space available"), Map.entry(110, "Connection timed out"),
            Map.entry(111, "Connection refused"), Map.entry(113, "No route to host"),
            Map.entry(114, "Operation already in progress"), Map.entry(115, "Operation now in progress"));

    /** glibc's strerror text, which ip prints after "RTNETLINK answers:". */
    static String strerror(int errno) {
        String s = STRERROR.get(errno);
        return s != null ? s : "Unknown error " + errno;
    }
}
