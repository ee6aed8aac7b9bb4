// SPDX-License-Identifier: Apache-2.0
package io.netns;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;

/** Validation of namespace names, before anything is touched. */
final class Names {
    /** NAME_MAX of Linux file systems: the longest file name, in bytes. */
    static final int NAME_MAX = 255;
    /** U+FFFD REPLACEMENT CHARACTER. */
    private static final char REPLACEMENT = '\ufffd';

    private Names() {
    }

    /**
     * Accepts what {@code ip netns add} accepts (non-empty, no '/', not "." or "..", at most
     * NAME_MAX bytes) minus characters that only cause trouble: NUL, newlines and other control
     * characters, strings that are not valid Unicode, and U+FFFD, the replacement character. A name
     * is kept as its UTF-8 bytes; U+FFFD is what a decoder puts in place of bytes that are not
     * UTF-8 (the JVM decoding argv, a directory listing), so a name holding it almost surely stands
     * for other bytes, and using it would create or delete a different file than the one meant.
     */
    static String check(String name) {
        if (name == null) {
            throw new IllegalArgumentException("namespace name is null");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("namespace name is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("namespace name \"" + name + "\" is reserved");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/') {
                throw new IllegalArgumentException("namespace name must not contain '/': " + printable(name));
            }
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("namespace name must not contain control characters"
                        + " (NUL, newline...): " + printable(name));
            }
            if (c == REPLACEMENT) {
                throw new IllegalArgumentException("namespace name must not contain U+FFFD, the replacement"
                        + " character: it stands for bytes that were not valid UTF-8, and names are kept in UTF-8 ("
                        + "ip netns passes such bytes through: use ip for them): " + printable(name));
            }
        }
        int bytes;
        try {
            bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(name)).remaining();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("namespace name is not valid Unicode (unpaired surrogate): "
                    + printable(name));
        }
        if (bytes > NAME_MAX) {
            throw new IllegalArgumentException("namespace name is " + bytes + " bytes long, more than NAME_MAX ("
                    + NAME_MAX + ")");
        }
        return name;
    }

    /**
     * A name read from the run directory, decoded as strict UTF-8; null when the library cannot
     * address it (bytes that are not UTF-8, or a name {@link #check} refuses).
     */
    static String decode(byte[] raw) {
        String name;
        try {
            name = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        try {
            return check(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The name with control characters escaped, safe to put in a message. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == REPLACEMENT) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > 80) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }
}
