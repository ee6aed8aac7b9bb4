// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.MessageWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests iproute2 6.1 sent, captured with strace (src/test/resources/golden, annotated field
 * by field), and the two checks every golden test makes: our encoding equals ip's bytes, and our
 * decoder reads ip's bytes back as the value we meant. Heap memory only: no native code, no root.
 */
public final class GoldenFixtures {
    /** Our sequence number; ip's differs (a timestamp) and is ignored. */
    public static final int SEQ = 0x12345678;

    private GoldenFixtures() {
    }

    /**
     * {@return the bytes of fixture {@code name}: hex with "#" comments and whitespace ignored}
     *
     * @param name the file name without {@code .hex}
     */
    public static byte[] bytes(String name) {
        try (InputStream in = GoldenFixtures.class.getResourceAsStream("/golden/" + name + ".hex")) {
            assertThat(in).as("golden file " + name).isNotNull();
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                int hash = line.indexOf('#');
                hex.append((hash < 0 ? line : line.substring(0, hash)).replaceAll("\\s", ""));
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Encodes with {@code encode} into heap memory and compares with fixture {@code name}, all but
     * the sequence number.
     *
     * @param name the fixture
     * @param encode writes one message with sequence number {@link #SEQ}
     */
    public static void assertEncodesAs(String name, Consumer<MessageWriter> encode) {
        try (MessageWriter w = MessageWriter.onHeap(256)) {
            encode.accept(w);
            byte[] expected = bytes(name);
            byte[] actual = w.written().toArray(ValueLayout.JAVA_BYTE);
            System.arraycopy(expected, 8, actual, 8, 4); // ip's seq is a timestamp
            assertThat(HexFormat.of().formatHex(actual)).as(name).isEqualTo(HexFormat.of().formatHex(expected));
        }
    }

    /**
     * {@return a reader positioned on the message of fixture {@code name}}
     *
     * @param name the fixture
     */
    public static MessageReader reader(String name) {
        byte[] b = bytes(name);
        MessageReader r = new MessageReader(MemorySegment.ofArray(b), b.length);
        assertThat(r.next()).as(name + " holds a message").isTrue();
        return r;
    }
}
