// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.internal;

import io.netns.netlink.MacAddress;
import io.netns.netlink.NetlinkDecodeException;
import io.netns.netlink.RawAttribute;
import io.netns.netlink.wire.AttrReader;

import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

/** What every family's decoder needs: fixed-struct fields, addresses, and keeping unknown attributes. */
public final class Decoding {
    private Decoding() {
    }

    /**
     * {@return the unsigned byte at {@code off}}
     *
     * @param s the message
     * @param off the offset
     */
    public static int u8(MemorySegment s, long off) {
        return Byte.toUnsignedInt(s.get(JAVA_BYTE, off));
    }

    /**
     * {@return the unsigned 16-bit value (host order) at {@code off}}
     *
     * @param s the message
     * @param off the offset
     */
    public static int u16(MemorySegment s, long off) {
        return Short.toUnsignedInt(s.get(JAVA_SHORT_UNALIGNED, off));
    }

    /**
     * {@return the 32-bit value (host order) at {@code off}}
     *
     * @param s the message
     * @param off the offset
     */
    public static int u32(MemorySegment s, long off) {
        return s.get(JAVA_INT_UNALIGNED, off);
    }

    /**
     * Keeps an attribute byte for byte.
     *
     * @param list the list so far, or null
     * @param a the reader positioned on the attribute
     * @return the list with it
     */
    public static List<RawAttribute> keep(List<RawAttribute> list, AttrReader a) {
        List<RawAttribute> l = list == null ? new ArrayList<>(4) : list;
        l.add(new RawAttribute(a.rawType(), a.bytes()));
        return l;
    }

    /**
     * {@return the kept attributes, immutable}
     *
     * @param list the list, or null for none
     */
    public static List<RawAttribute> done(List<RawAttribute> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /**
     * {@return the IPv4 or IPv6 address the attribute holds}
     *
     * @param a the reader positioned on the attribute
     */
    public static InetAddress ip(AttrReader a) {
        int n = a.valueLength();
        if (n != 4 && n != 16) {
            throw new NetlinkDecodeException(a.context() + ": attribute " + a.type() + " holds " + n
                    + " bytes, not an IPv4 (4) or IPv6 (16) address");
        }
        try {
            // Inet6Address keeps an IPv4-mapped address (::ffff:a.b.c.d) IPv6, as the kernel means it;
            // InetAddress.getByAddress would turn it into IPv4 and break its prefix length
            return n == 4 ? InetAddress.getByAddress(a.bytes()) : Inet6Address.getByAddress(null, a.bytes(), -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * {@return the link-layer address the attribute holds}
     *
     * @param a the reader positioned on the attribute
     */
    public static MacAddress mac(AttrReader a) {
        if (a.valueLength() == 0 || a.valueLength() > 32) {
            throw new NetlinkDecodeException(a.context() + ": link-layer address of " + a.valueLength() + " bytes");
        }
        return MacAddress.of(a.bytes());
    }

    /**
     * {@return the prefix length, checked against the address's family}
     *
     * @param len the length from the message's header
     * @param a the address
     * @param context where it was found, for the error
     */
    public static int prefixLength(int len, InetAddress a, String context) {
        if (len > (a instanceof Inet6Address ? 128 : 32)) {
            throw new NetlinkDecodeException(context + ": prefix length " + len + " for " + a.getHostAddress());
        }
        return len;
    }
}
