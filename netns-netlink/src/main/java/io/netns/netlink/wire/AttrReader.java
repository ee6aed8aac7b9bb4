// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.wire;

import io.netns.netlink.NetlinkDecodeException;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static io.netns.netlink.wire.MessageWriter.U16;
import static io.netns.netlink.wire.MessageWriter.U16_BE;
import static io.netns.netlink.wire.MessageWriter.U32;
import static io.netns.netlink.wire.MessageWriter.U32_BE;
import static io.netns.netlink.wire.MessageWriter.U64;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * A cursor over the attributes (struct nlattr / rtattr) between two offsets. Every attribute
 * length is checked against the bytes present, and every typed getter against the attribute's
 * size, so a malformed buffer ends in {@link NetlinkDecodeException} naming where: the context
 * given at construction plus the attribute type.
 */
public final class AttrReader {
    private static final int TYPE_MASK = 0x3fff;

    private final MemorySegment seg;
    private final long end;
    private final String context;
    private long pos;
    private int type;
    private long value;
    private int valueLength;
    private int rawType;

    /**
     * A reader over the attributes from {@code start} to {@code end}, before the first one.
     *
     * @param seg the buffer
     * @param start offset of the first attribute
     * @param end offset just past the last one
     * @param context what is being decoded, for messages ("RTM_NEWLINK")
     * @throws NetlinkDecodeException if the range lies outside the buffer
     */
    public AttrReader(MemorySegment seg, long start, long end, String context) {
        if (start < 0 || end > seg.byteSize() || start > end + 3) {
            throw new NetlinkDecodeException(context + ": attribute range " + start + ".." + end + " outside the "
                    + seg.byteSize() + "-byte buffer");
        }
        this.seg = seg;
        this.pos = start;
        this.end = end;
        this.context = context;
    }

    /**
     * Moves to the next attribute; its type and value are then available from the getters.
     *
     * @return whether there was one: false when there is none left
     * @throws NetlinkDecodeException if its header is truncated or its length overruns the range
     */
    public boolean next() {
        if (end - pos < 4) {
            return false; // trailing padding
        }
        int len = Short.toUnsignedInt(seg.get(U16, pos));
        if (len < 4 || len > end - pos) {
            throw new NetlinkDecodeException(context + ": attribute at offset " + pos + " claims " + len
                    + " bytes; " + (end - pos) + " remain and an attribute has at least 4");
        }
        rawType = Short.toUnsignedInt(seg.get(U16, pos + 2));
        type = rawType & TYPE_MASK;
        value = pos + 4;
        valueLength = len - 4;
        pos = Math.min(end, pos + ((len + 3L) & ~3L));
        return true;
    }

    /** {@return the current attribute's nla_type without the NLA_F_NESTED / NLA_F_NET_BYTEORDER bits} */
    public int type() {
        return type;
    }

    /** {@return the current attribute's nla_type as sent, flag bits included} */
    public int rawType() {
        return rawType;
    }

    /** {@return the offset of the current attribute's value in the buffer (after its 4-byte header)} */
    public long valueOffset() {
        return value;
    }

    /** {@return the length of the current attribute's value in bytes: nla_len less the header, padding excluded} */
    public int valueLength() {
        return valueLength;
    }

    /** {@return the buffer being read, which the offsets of this reader index} */
    public MemorySegment segment() {
        return seg;
    }

    private void need(int size, String what) {
        if (valueLength < size) {
            throw new NetlinkDecodeException(context + ": attribute " + type + " has " + valueLength
                    + " bytes, too few for " + what);
        }
    }

    /**
     * {@return the current attribute's value as an unsigned 8-bit integer (NLA_U8)}
     *
     * @throws NetlinkDecodeException if the value has fewer than 1 byte
     */
    public int u8() {
        need(1, "u8");
        return Byte.toUnsignedInt(seg.get(JAVA_BYTE, value));
    }

    /**
     * {@return the current attribute's value as an unsigned 16-bit integer in host byte order (NLA_U16)}
     *
     * @throws NetlinkDecodeException if the value has fewer than 2 bytes
     */
    public int u16() {
        need(2, "u16");
        return Short.toUnsignedInt(seg.get(U16, value));
    }

    /**
     * {@return the current attribute's value as an unsigned 16-bit integer in network byte order
     * (NLA_BE16: ports, VLAN protocols)}
     *
     * @throws NetlinkDecodeException if the value has fewer than 2 bytes
     */
    public int u16Be() {
        need(2, "be16");
        return Short.toUnsignedInt(seg.get(U16_BE, value));
    }

    /**
     * {@return the current attribute's value as a 32-bit integer in host byte order (NLA_U32, NLA_S32)};
     * an unsigned value above {@link Integer#MAX_VALUE} comes back negative
     *
     * @throws NetlinkDecodeException if the value has fewer than 4 bytes
     */
    public int u32() {
        need(4, "u32");
        return seg.get(U32, value);
    }

    /**
     * {@return the current attribute's value as a 32-bit integer in network byte order (NLA_BE32)};
     * an unsigned value above {@link Integer#MAX_VALUE} comes back negative
     *
     * @throws NetlinkDecodeException if the value has fewer than 4 bytes
     */
    public int u32Be() {
        need(4, "be32");
        return seg.get(U32_BE, value);
    }

    /**
     * {@return the current attribute's value as a 64-bit integer in host byte order (NLA_U64)};
     * an unsigned value above {@link Long#MAX_VALUE} comes back negative
     *
     * @throws NetlinkDecodeException if the value has fewer than 8 bytes
     */
    public long u64() {
        need(8, "u64");
        return seg.get(U64, value);
    }

    /**
     * {@return the current attribute's value, which may be 4 or 8 bytes (kernel counters), as an
     * unsigned 32-bit or a 64-bit integer in host byte order}
     *
     * @throws NetlinkDecodeException if the value has fewer than 4 bytes
     */
    public long u32or64() {
        return valueLength >= 8 ? u64() : Integer.toUnsignedLong(u32());
    }

    /** {@return the current attribute's value up to its first NUL (or its end), decoded as UTF-8} */
    public String string() {
        int n = 0;
        while (n < valueLength && seg.get(JAVA_BYTE, value + n) != 0) {
            n++;
        }
        boolean ascii = true;
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            byte b = seg.get(JAVA_BYTE, value + i);
            if (b < 0) {
                ascii = false;
                break;
            }
            chars[i] = (char) b;
        }
        if (ascii) {
            return new String(chars);
        }
        byte[] bytes = new byte[n];
        MemorySegment.copy(seg, JAVA_BYTE, value, bytes, 0, n);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** {@return a copy of the current attribute's value} */
    public byte[] bytes() {
        byte[] b = new byte[valueLength];
        MemorySegment.copy(seg, JAVA_BYTE, value, b, 0, valueLength);
        return b;
    }

    /**
     * {@return a reader over the attributes nested in the current one}; its context is this reader's
     * plus {@code "/" + what}
     *
     * @param what the nested attribute's name, for messages ("IFLA_LINKINFO")
     */
    public AttrReader nested(String what) {
        return new AttrReader(seg, value, value + valueLength, context + "/" + what);
    }

    /**
     * {@return a reader over the attributes that follow a fixed struct of {@code structSize} bytes
     * (padded to 4) inside the current one}; its context is this reader's plus {@code "/" + what}
     *
     * @param structSize the size of the struct the value starts with
     * @param what the struct's name, for messages
     * @throws NetlinkDecodeException if the value is shorter than {@code structSize}
     */
    public AttrReader nestedAfter(int structSize, String what) {
        need(structSize, what);
        long start = value + ((structSize + 3) & ~3);
        return new AttrReader(seg, Math.min(start, value + valueLength), value + valueLength, context + "/" + what);
    }

    /** {@return what is being decoded, as given at construction ("RTM_NEWLINK/IFLA_LINKINFO")} */
    public String context() {
        return context;
    }
}
