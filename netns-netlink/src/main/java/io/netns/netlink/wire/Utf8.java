// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** Strings as the kernel gets them: UTF-8 that is refused, never silently changed, when it cannot be sent as given. */
final class Utf8 {
    private Utf8() {
    }

    /** The UTF-8 bytes of {@code s}; an unpaired surrogate is refused (String.getBytes would send '?'). */
    static ByteBuffer strict(String s) {
        try {
            return StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(s)); // REPORTs, never replaces
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not encodable as UTF-8 (an unpaired surrogate?): " + s, e);
        }
    }

    /** Refuses a NUL inside a string: the kernel would read only what precedes it. */
    static void checkNoNul(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a string attribute must not contain NUL: " + s.replace('\0', '?'));
        }
    }
}
