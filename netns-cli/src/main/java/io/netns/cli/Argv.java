// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line as the bytes the kernel passed, not as the JVM decoded them. The JVM decodes
 * argv with {@code sun.jnu.encoding} (the locale's: ASCII under {@code LC_ALL=C}) and puts U+FFFD
 * in place of bytes it cannot decode, so {@code netns netns add $'x\xff'} would name a file with
 * other bytes than {@code ip netns add $'x\xff'}, and {@code blé} under the C locale would come
 * out as {@code bl\uFFFD\uFFFD}. The library keeps names as UTF-8; this class reads
 * {@code /proc/self/cmdline} and decodes each argument as strict UTF-8, so every valid UTF-8 name
 * reaches the library byte for byte whatever the locale, and an argument that is not UTF-8 is
 * refused with a message instead of being replaced by another name.
 */
final class Argv {
    private Argv() {
    }

    /**
     * The program's arguments decoded from their bytes as UTF-8; {@code args} itself when
     * {@code /proc/self/cmdline} does not end with them (the launcher rewrote them, or this is
     * not the JVM's main).
     *
     * @throws CliException (exit 255) for an argument whose bytes are not valid UTF-8
     */
    static String[] exact(String[] args) {
        byte[] cmdline;
        try (InputStream in = Files.newInputStream(Path.of("/proc/self/cmdline"))) {
            cmdline = in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return args;
        }
        String jnu = System.getProperty("sun.jnu.encoding");
        Charset platform;
        try {
            platform = jnu == null ? Charset.defaultCharset() : Charset.forName(jnu);
        } catch (RuntimeException e) {
            return args;
        }
        return exact(args, cmdline, platform);
    }

    /** As {@link #exact(String[])} for a given cmdline (NUL-terminated words) and launcher charset. */
    static String[] exact(String[] args, byte[] cmdline, Charset platform) {
        List<byte[]> words = split(cmdline);
        if (words.size() < args.length) {
            return args;
        }
        List<byte[]> mine = words.subList(words.size() - args.length, words.size());
        for (int i = 0; i < args.length; i++) {
            // the launcher made each argument with new String(bytes, sun.jnu.encoding)
            if (!new String(mine.get(i), platform).equals(args[i])) {
                return args;
            }
        }
        String[] exact = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            byte[] raw = mine.get(i);
            try {
                exact[i] = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(raw)).toString();
            } catch (CharacterCodingException e) {
                throw new CliException(CliException.USAGE, "Invalid argument \"" + escaped(raw) + "\": not valid"
                        + " UTF-8. netns keeps namespace names (and reads every argument) as UTF-8, byte for byte;"
                        + " ip netns passes other bytes through, use ip for such a name.");
            }
        }
        return exact;
    }

    private static List<byte[]> split(byte[] cmdline) {
        List<byte[]> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                byte[] w = new byte[i - start];
                System.arraycopy(cmdline, start, w, 0, w.length);
                words.add(w);
                start = i + 1;
            }
        }
        return words;
    }

    /** Printable ASCII as is, every other byte as {@code \xNN} (as bash's $'...' writes it). */
    static String escaped(byte[] raw) {
        StringBuilder sb = new StringBuilder();
        for (byte b : raw) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }
}
