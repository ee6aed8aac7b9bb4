// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The kernel's rules for device names, checked before any request is sent. A name is sent as its
 * UTF-8 bytes, and the kernel's {@code dev_valid_name} judges those bytes: 1 to 15 of them, not
 * {@code .} or {@code ..}, and none of {@code /}, {@code :} or a byte its {@code isspace()} calls
 * whitespace. That {@code isspace()} reads a Latin-1 table: 0x09-0x0D, 0x20 and 0xA0. So a
 * character whose UTF-8 form holds 0xA0 ({@code à} is C3 A0, NBSP is C2 A0) is refused, while
 * U+2000 and other Unicode spaces and the control characters outside 0x09-0x0D are accepted.
 * {@code %} is refused too: the kernel treats {@code name%d} as a template and picks the number
 * itself, so the library would not know the device's name.
 */
public final class LinkNames {
    /** IFNAMSIZ - 1: a name has at most 15 bytes. */
    public static final int MAX_BYTES = 15;

    private LinkNames() {
    }

    /**
     * Checks a device name.
     *
     * @param name the name
     * @return the name
     * @throws IllegalArgumentException if the kernel would refuse it, it is a {@code %d} template,
     *         or it cannot be encoded as UTF-8
     */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a link name must not be empty");
        }
        byte[] bytes = utf8("link name", name);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("link name \"" + name + "\" has " + bytes.length
                    + " bytes in UTF-8; the kernel allows at most 15 (IFNAMSIZ 16 with the NUL)");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("link name \"" + name + "\" is reserved");
        }
        if (name.indexOf('%') >= 0) {
            throw new IllegalArgumentException("link name \"" + name + "\" contains '%': the kernel reads it as a "
                    + "template (name%d: it picks the number), which this library does not support; choose the name");
        }
        for (int i = 0; i < name.length(); i = name.offsetByCodePoints(i, 1)) {
            int c = name.codePointAt(i);
            if (c == '/' || c == ':' || c == ' ' || c >= 0x09 && c <= 0x0d) {
                throw new IllegalArgumentException("link name \"" + name.replaceAll("\\p{Cntrl}", "?")
                        + "\" must not contain '/', ':' or whitespace");
            }
            String ch = new String(Character.toChars(c));
            for (byte b : ch.getBytes(StandardCharsets.UTF_8)) {
                if (b == (byte) 0xa0) {
                    throw new IllegalArgumentException(String.format("link name \"%s\" contains U+%04X, whose UTF-8 "
                            + "form has the byte 0xA0, which the kernel's isspace() counts as whitespace "
                            + "(dev_valid_name would refuse it with EINVAL)", name, c));
                }
            }
        }
        return name;
    }

    /**
     * {@return the UTF-8 bytes of a string sent to the kernel}, refusing what UTF-8 cannot encode
     * (an unpaired surrogate would otherwise go out as {@code ?}) and NUL (the kernel reads a
     * string up to its first NUL)
     *
     * @param what what the string is, for the message ("link name", "alias" ...)
     * @param s the string
     * @throws IllegalArgumentException if {@code s} holds a NUL or an unpaired surrogate
     */
    public static byte[] utf8(String what, String s) {
        int nul = s.indexOf('\0');
        if (nul >= 0) {
            throw new IllegalArgumentException(what + " must not contain NUL (at index " + nul
                    + "): the kernel would read only what precedes it");
        }
        CharsetEncoder e = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer b = e.encode(CharBuffer.wrap(s));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException x) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1));
                if (paired) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new IllegalArgumentException(String.format("%s holds an unpaired surrogate U+%04X at index "
                            + "%d, which UTF-8 cannot encode", what, (int) c, i));
                }
            }
            throw new IllegalArgumentException(what + " cannot be encoded as UTF-8", x);
        }
    }
}
