// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A link-layer address: 6 bytes for Ethernet, other lengths for other link types. Printed and
 * parsed as {@code ip} does: lowercase hex bytes separated by colons.
 */
public final class MacAddress {
    private final byte[] bytes;

    private MacAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Makes an address of the given bytes.
     *
     * @param bytes the address bytes (copied)
     * @return the address
     * @throws IllegalArgumentException if there are not 1 to 32 bytes
     */
    public static MacAddress of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0 || bytes.length > 32) {
            throw new IllegalArgumentException("a link-layer address has 1..32 bytes, not " + bytes.length);
        }
        return new MacAddress(bytes.clone());
    }

    /**
     * Parses {@code 02:00:00:00:00:01} (colons or dashes between two-digit hex bytes).
     *
     * @param text the address
     * @return the address
     * @throws IllegalArgumentException if it is not of that form
     */
    public static MacAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.split("[:-]", -1);
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 2 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("not a link-layer address: \"" + text + "\"");
            }
            b[i] = (byte) Integer.parseInt(p, 16);
        }
        return of(b);
    }

    /** {@return a copy of the bytes} */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@return the number of bytes} */
    public int length() {
        return bytes.length;
    }

    byte[] raw() {
        return bytes;
    }

    /** {@return whether this Ethernet address is locally administered and unicast, as a generated one must be} */
    public boolean isLocallyAdministeredUnicast() {
        return (bytes[0] & 0x02) != 0 && (bytes[0] & 0x01) == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex.toHexDigits(bytes[i]));
        }
        return sb.toString();
    }
}
