// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.cli.Printer.Mode;
import io.netns.netlink.Family;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.address.Address;

import static io.netns.netlink.wire.Ifa.*;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Prints one address as ip's print_addrinfo does (an element of {@code addr_info}). */
public final class AddrPrinter {
    private static final long FOREVER = 0xffffffffL;

    /** IFA_F_* flags in ip's order, with their names (IFA_F_PERMANENT is printed as "dynamic" when absent). */
    private static final int[] FLAG_BITS = {IFA_F_SECONDARY, IFA_F_NODAD, IFA_F_OPTIMISTIC, IFA_F_DADFAILED,
            IFA_F_HOMEADDRESS, IFA_F_DEPRECATED, IFA_F_TENTATIVE, IFA_F_PERMANENT, IFA_F_MANAGETEMPADDR,
            IFA_F_NOPREFIXROUTE, IFA_F_MCAUTOJOIN, IFA_F_STABLE_PRIVACY};
    private static final String[] FLAG_NAMES = {"secondary", "nodad", "optimistic", "dadfailed", "home", "deprecated",
            "tentative", "permanent", "mngtmpaddr", "noprefixroute", "autojoin", "stable-privacy"};

    private AddrPrinter() {
    }

    /** An address as ip writes it (inet_ntop: IPv6 compressed), through the library's formatting. */
    public static String format(InetAddress a) {
        return new IpPrefix(a, a instanceof Inet6Address ? 128 : 32).toString();
    }

    /**
     * Prints the address into the current object or line.
     *
     * @param linkPrefix in monitor output, the {@code "N: dev"} text before the address (null otherwise)
     */
    static void print(Printer p, Address a, String linkPrefix) {
        if (linkPrefix != null) {
            p.text(linkPrefix);
        }
        p.str(Mode.ANY, "family", "    %s ", a.family().equals(Family.INET6) ? "inet6" : "inet");
        InetAddress local = a.local().or(a::address).orElseThrow();
        p.str(Mode.ANY, "local", "%s", format(local));
        if (a.local().isPresent() && a.address().isPresent() && !a.local().equals(a.address())) {
            p.str(Mode.ANY, "address", " peer %s", format(a.address().get()));
        }
        p.num(Mode.ANY, "prefixlen", "/%d ", a.prefixLength());
        a.broadcast().ifPresent(b -> p.str(Mode.ANY, "broadcast", "brd %s ", format(b)));
        p.str(Mode.ANY, "scope", "scope %s ", a.scope().toString());
        flags(p, a);
        a.label().ifPresent(l -> p.str(Mode.ANY, "label", "%s", l));
        // the kernel always sends IFA_CACHEINFO; the record says -1 for "forever"
        p.nl();
        p.text("       valid_lft ");
        lifetime(p, "valid_life_time", a.validLifetime());
        p.text(" preferred_lft ");
        lifetime(p, "preferred_life_time", a.preferredLifetime());
        p.text("\n");
    }

    private static void lifetime(Printer p, String key, long value) {
        if (value == -1) {
            p.num(Mode.JSON, key, null, FOREVER);
            p.text("forever");
        } else {
            p.num(Mode.ANY, key, "%dsec", value);
        }
    }

    /** print_ifa_flags. */
    private static void flags(Printer p, Address a) {
        int flags = a.flags();
        for (int i = 0; i < FLAG_BITS.length; i++) {
            int bit = FLAG_BITS[i];
            if (bit == IFA_F_PERMANENT) {
                if ((flags & bit) == 0) {
                    p.bool(Mode.ANY, "dynamic", "dynamic ", true);
                }
            } else if ((flags & bit) != 0) {
                if (bit == IFA_F_TEMPORARY && a.family().equals(Family.INET6)) {
                    p.bool(Mode.ANY, "temporary", "temporary ", true);
                } else {
                    p.text(FLAG_NAMES[i] + " ");
                    p.bool(Mode.JSON, FLAG_NAMES[i], null, true);
                }
            }
            flags &= ~bit;
        }
        if (flags != 0) {
            p.str(Mode.JSON, "ifa_flags", null, String.format("%02x", flags));
            p.text(String.format("flags %02x ", flags));
        }
    }
}
