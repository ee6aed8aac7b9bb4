// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An attribute this library does not interpret, kept byte for byte, so a newer kernel's additions
 * are never lost or fatal.
 *
 * @param type the attribute type (flag bits included, as received)
 * @param value the payload bytes
 */
public record RawAttribute(int type, byte[] value) {
    /** Copies the payload. */
    public RawAttribute {
        value = value.clone();
    }

    /** {@return a copy of the payload bytes} */
    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawAttribute r && r.type == type && Arrays.equals(r.value, value);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "RawAttribute[" + type + ": " + HexFormat.of().formatHex(value) + "]";
    }
}
