// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP literal parsing and formatting, never through DNS. */
public final class IpText {
    public static final InetAddress ANY4 = of(new byte[4]);
    public static final InetAddress ANY6 = of(new byte[16]);

    private IpText() {
    }

    /** {@return the address of 4 or 16 bytes; 16 bytes stay IPv6 even when IPv4-mapped} */
    public static InetAddress of(byte[] raw) {
        try {
            // InetAddress.getByAddress would make ::ffff:a.b.c.d an Inet4Address: ip and the kernel keep it IPv6
            return raw.length == 16 ? Inet6Address.getByAddress(null, raw, -1) : InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + raw.length);
        }
    }

    /**
     * Parses an address as {@code ip} does ({@link IpLiteral}): IPv6 when it has a ':' (an IPv4-mapped
     * {@code ::ffff:a.b.c.d} stays IPv6), else IPv4 with ip's short and octal/hex forms. Host names,
     * scope ids and brackets are refused.
     *
     * @throws IllegalArgumentException where ip refuses the text
     */
    public static InetAddress parse(String text) {
        byte[] b = IpLiteral.address(java.util.Objects.requireNonNull(text, "text"));
        if (b == null) {
            throw new IllegalArgumentException("not an IP address as ip reads it: \"" + text + "\"");
        }
        return of(b);
    }

    /**
     * Parses a prefix length as {@code ip} does: {@code strtoul} base 0 ({@code 24}, {@code 0x18},
     * {@code 030}) or a dotted netmask ({@code 255.255.255.0}).
     *
     * @return the length, or -1 where ip refuses the text (not range-checked against a family)
     */
    public static int parsePrefixLength(String text) {
        return IpLiteral.prefixLength(text);
    }

    /** ip's spelling: dotted quad, or RFC 5952 compressed IPv6. */
    public static String format(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        // an IPv4-mapped Inet6Address (decoded from the kernel) prints as ::ffff:a.b.c.d, as inet_ntop does
        byte[] b = a.getAddress();
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // IPv4-mapped ::ffff:a.b.c.d as ip prints it
        boolean mapped = w[0] == 0 && w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0 && w[5] == 0xffff;
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        int words = mapped ? 6 : 8;
        for (int i = 0; i < words; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += Math.min(bestLen, words - i) - 1;
                continue;
            }
            sb.append(Integer.toHexString(w[i]));
            if (i < words - 1) {
                sb.append(':');
            }
        }
        if (mapped) {
            if (sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.').append(b[14] & 0xff).append('.')
                    .append(b[15] & 0xff);
        }
        return sb.toString();
    }
}
