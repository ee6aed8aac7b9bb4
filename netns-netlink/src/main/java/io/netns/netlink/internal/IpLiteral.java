// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.internal;

/**
 * Addresses and prefix lengths read exactly as iproute2 reads them ({@code lib/utils.c}:
 * {@code get_addr_1}, {@code get_addr_ipv4}, {@code get_prefix_1}, {@code get_netmask}), so that the
 * library and the CLI accept the same strings as {@code ip} and mean the same address by them.
 *
 * <p>Why not {@link java.net.InetAddress#ofLiteral}: it reads BSD short forms the other way round
 * ({@code 198.18.1} is 198.18.0.1 there, 198.18.1.0 for ip), reads {@code 010} as ten (ip: octal, 8),
 * accepts a bare 32-bit number (ip refuses it) and turns {@code ::ffff:a.b.c.d} into IPv4 (ip keeps it
 * IPv6). Anything with a ':' is IPv6 and goes through glibc's strict {@code inet_pton}; the rest is
 * IPv4, up to four parts of {@code strtoul(.., 0)} (decimal, 0-octal, 0x-hex), missing parts zero.
 */
final class IpLiteral {
    private IpLiteral() {
    }

    /** {@return the 4 or 16 address bytes, or null where ip refuses the text} */
    static byte[] address(String text) {
        return text.indexOf(':') >= 0 ? inet6(text) : inet4(text);
    }

    /**
     * {@code get_netmask}: a number ({@code strtoul} base 0, the whole text) or a contiguous dotted
     * netmask such as {@code 255.255.255.0}.
     *
     * @return the prefix length, or -1 where ip refuses the text (the caller checks the family's maximum)
     */
    static int prefixLength(String text) {
        long[] n = strtoul(text, 0);
        if (n[1] != 0 && n[1] == text.length() && n[0] <= 0xffff_ffffL) {
            return n[0] > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n[0];
        }
        if (text.indexOf(':') >= 0) {
            return -1;
        }
        byte[] mask = inet4(text);
        if (mask == null) {
            return -1;
        }
        int m = ((mask[0] & 0xff) << 24) | ((mask[1] & 0xff) << 16) | ((mask[2] & 0xff) << 8) | (mask[3] & 0xff);
        int host = ~m;
        // a netmask's host part is 2^n - 1
        return (host & (host + 1)) != 0 ? -1 : Integer.bitCount(m);
    }

    /** {@code get_addr_ipv4}: 1 to 4 parts, each {@code strtoul(.., 0)} ≤ 255, missing trailing parts 0. */
    private static byte[] inet4(String text) {
        byte[] b = new byte[4];
        int at = 0;
        for (int i = 0; i < 4; i++) {
            long[] n = strtoul(text, at);
            if (n[1] == at || n[0] > 255) {
                return null;
            }
            b[i] = (byte) n[0];
            int end = (int) n[1];
            if (end == text.length()) {
                return b;
            }
            if (i == 3 || text.charAt(end) != '.') {
                return null;
            }
            at = end + 1;
        }
        return null;
    }

    /**
     * C's {@code strtoul(text + from, &end, 0)} in the C locale: leading white space, an optional sign,
     * then hex after {@code 0x}, octal after {@code 0}, else decimal.
     *
     * @return {value clamped to 2^40 (anything that large is refused by every caller), end index};
     *         the end is {@code from} when no digit was read
     */
    private static long[] strtoul(String s, int from) {
        int i = from;
        while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (i < s.length() && s.charAt(i) == '0') {
            if (i + 2 < s.length() && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                    && Character.digit(s.charAt(i + 2), 16) >= 0 && s.charAt(i + 2) < 128) {
                base = 16;
                i += 2;
            } else {
                base = 8;
            }
        }
        long value = 0;
        int digits = 0;
        while (i < s.length() && s.charAt(i) < 128 && Character.digit(s.charAt(i), base) >= 0) {
            value = Math.min(value * base + Character.digit(s.charAt(i), base), 1L << 40);
            digits++;
            i++;
        }
        if (digits == 0) {
            return new long[]{0, from};
        }
        // -N is 2^64 - N for strtoul: refused by every caller unless N is 0
        return new long[]{negative && value != 0 ? 1L << 40 : value, i};
    }

    /** glibc's {@code inet_pton6}: hex groups of 1-4 digits, one "::", an optional dotted quad at the end. */
    private static byte[] inet6(String s) {
        byte[] b = new byte[16];
        int n = s.length();
        int i = 0;
        if (n == 0) {
            return null;
        }
        if (s.charAt(0) == ':') {
            if (n < 2 || s.charAt(1) != ':') {
                return null;
            }
            i = 1;
        }
        int tp = 0;
        int colon = -1;
        int token = i;
        int digits = 0;
        int value = 0;
        while (i < n) {
            char c = s.charAt(i++);
            int d = c < 128 ? Character.digit(c, 16) : -1;
            if (d >= 0) {
                if (digits == 4) {
                    return null;
                }
                value = (value << 4) | d;
                digits++;
                continue;
            }
            if (c == ':') {
                token = i;
                if (digits == 0) {
                    if (colon >= 0) {
                        return null;
                    }
                    colon = tp;
                    continue;
                }
                if (i == n || tp + 2 > 16) {
                    return null;
                }
                b[tp++] = (byte) (value >> 8);
                b[tp++] = (byte) value;
                digits = 0;
                value = 0;
                continue;
            }
            if (c == '.' && tp + 4 <= 16 && dottedQuad(s, token, b, tp)) {
                tp += 4;
                digits = 0;
                break;
            }
            return null;
        }
        if (digits > 0) {
            if (tp + 2 > 16) {
                return null;
            }
            b[tp++] = (byte) (value >> 8);
            b[tp++] = (byte) value;
        }
        if (colon >= 0) {
            if (tp == 16) {
                return null;
            }
            int moved = tp - colon;
            System.arraycopy(b, colon, b, 16 - moved, moved);
            java.util.Arrays.fill(b, colon, 16 - moved, (byte) 0);
            tp = 16;
        }
        return tp == 16 ? b : null;
    }

    /** glibc's {@code inet_pton4} (inside an IPv6 literal): exactly four decimal parts, no leading zeros. */
    private static boolean dottedQuad(String s, int from, byte[] out, int at) {
        int[] part = new int[4];
        int octets = 0;
        boolean sawDigit = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (sawDigit && part[octets - 1] == 0) {
                    return false;
                }
                if (!sawDigit) {
                    if (++octets > 4) {
                        return false;
                    }
                    sawDigit = true;
                }
                part[octets - 1] = part[octets - 1] * 10 + (c - '0');
                if (part[octets - 1] > 255) {
                    return false;
                }
            } else if (c == '.' && sawDigit) {
                if (octets == 4) {
                    return false;
                }
                sawDigit = false;
            } else {
                return false;
            }
        }
        if (octets < 4) {
            return false;
        }
        for (int k = 0; k < 4; k++) {
            out[at + k] = (byte) part[k];
        }
        return true;
    }
}
