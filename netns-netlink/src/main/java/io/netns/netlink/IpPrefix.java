// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.internal.IpText;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IP address with a prefix length, as {@code ip} writes them: {@code 198.18.0.1/24},
 * {@code fd42:6e73::1/64}, or a bare address meaning a host prefix (/32 or /128).
 *
 * <p>The address is kept as given (host bits are not cleared): {@code 198.18.0.1/24} is an interface
 * address; use {@link #network()} for the network it belongs to.
 *
 * @param address the address, never resolved through DNS
 * @param prefixLength 0..32 for IPv4, 0..128 for IPv6
 */
public record IpPrefix(InetAddress address, int prefixLength) {

    /** Validates the prefix length against the address family. */
    public IpPrefix {
        Objects.requireNonNull(address, "address");
        int max = maxLength(address);
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is out of range 0.." + max
                    + " for " + address.getHostAddress());
        }
    }

    /**
     * Parses {@code ADDRESS[/LEN]} exactly as {@code ip} does ({@code get_prefix}); without a length
     * the prefix is a host prefix. Also accepts {@code default} (IPv4 0.0.0.0/0) like {@code ip route}.
     *
     * <p>ip's forms, which differ from {@link InetAddress#ofLiteral}: {@code 198.18.1/24} is
     * 198.18.1.0/24 (missing parts are zero), {@code 198.18.0.010} is 198.18.0.8 (a leading 0 means
     * octal, {@code 0x} hex), a bare 32-bit number is refused, {@code ::ffff:198.18.0.1/96} stays IPv6,
     * and the length may be {@code 0x18}, {@code 030} or a netmask such as {@code 255.255.255.0}.
     *
     * @param text the prefix
     * @return the parsed prefix
     * @throws IllegalArgumentException if it is not an IPv4/IPv6 literal with a valid length
     */
    public static IpPrefix parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.equals("default") || text.equals("all") || text.equals("any")) {
            return new IpPrefix(IpText.ANY4, 0);
        }
        int slash = text.indexOf('/');
        InetAddress addr = IpText.parse(slash < 0 ? text : text.substring(0, slash));
        if (slash < 0) {
            return new IpPrefix(addr, maxLength(addr));
        }
        int len = IpText.parsePrefixLength(text.substring(slash + 1));
        if (len < 0 || len > maxLength(addr)) {
            throw new IllegalArgumentException("invalid prefix length in \"" + text + "\": a number 0.."
                    + maxLength(addr) + " or a netmask is expected");
        }
        return new IpPrefix(addr, len);
    }

    /**
     * The default route's destination for a family: {@code 0.0.0.0/0} or {@code ::/0}.
     *
     * @param family {@link Family#INET} or {@link Family#INET6}
     * @return the zero-length prefix
     */
    public static IpPrefix any(Family family) {
        return new IpPrefix(Family.INET6.equals(family) ? IpText.ANY6 : IpText.ANY4, 0);
    }

    /** {@return the address family} */
    public Family family() {
        return address instanceof Inet6Address ? Family.INET6 : Family.INET;
    }

    /** {@return whether this is the zero-length prefix (a default route's destination)} */
    public boolean isDefault() {
        return prefixLength == 0;
    }

    /** {@return the network: the address with its host bits cleared} */
    public IpPrefix network() {
        byte[] b = address.getAddress();
        for (int i = 0; i < b.length; i++) {
            int bitsLeft = prefixLength - i * 8;
            if (bitsLeft <= 0) {
                b[i] = 0;
            } else if (bitsLeft < 8) {
                b[i] &= (byte) (0xff << (8 - bitsLeft));
            }
        }
        return new IpPrefix(IpText.of(b), prefixLength);
    }

    /** {@return {@code address/length} as ip prints it; a host prefix prints without its length} */
    @Override
    public String toString() {
        String a = IpText.format(address);
        return prefixLength == maxLength(address) ? a : a + "/" + prefixLength;
    }

    static int maxLength(InetAddress a) {
        return a instanceof Inet4Address ? 32 : 128;
    }
}
