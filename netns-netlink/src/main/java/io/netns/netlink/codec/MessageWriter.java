package io.netns.netlink.codec;

import io.netns.internal.sys.Memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Writes netlink messages into one reusable native buffer: a header, a fixed struct, then
 * attributes, each padded to 4 bytes. Lengths of messages and nested attributes are patched when
 * they end, so nothing is copied twice and no intermediate array is built. Several messages may
 * follow each other in the buffer (a batch sent with one {@code sendmsg}).
 *
 * <p>The buffer is plain C-heap memory (malloc/realloc/free): opening and closing a socket's
 * writer must be cheap, and closing a shared arena costs a handshake with every thread.
 * Not thread-safe; one writer per socket, used under the socket's lock.
 */
public final class MessageWriter implements AutoCloseable {
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    static final ValueLayout.OfShort U16_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    static final ValueLayout.OfInt U32_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;

    private MemorySegment buf;
    private boolean closed;
    private long pos;
    private long messageStart = -1;

    /**
     * @param initialCapacity bytes allocated up front; the buffer doubles when needed
     */
    public MessageWriter(long initialCapacity) {
        buf = Memory.malloc(Math.max(64, initialCapacity));
    }

    /** Forgets everything written; the buffer is kept. */
    public MessageWriter reset() {
        pos = 0;
        messageStart = -1;
        return this;
    }

    /** @return the bytes written so far (a view, valid until the next write) */
    public MemorySegment written() {
        return buf.asSlice(0, pos);
    }

    /** @return the number of bytes written so far */
    public long position() {
        return pos;
    }

    /** @return the buffer itself, for reading back a message at an offset */
    public MemorySegment buffer() {
        return buf;
    }

    private void ensure(long more) {
        long need = pos + more;
        if (need > buf.byteSize()) {
            long size = buf.byteSize();
            while (size < need) {
                size *= 2;
            }
            buf = Memory.realloc(buf, size);
        }
    }

    /**
     * Starts a message: a 16-byte nlmsghdr whose length is patched by {@link #endMessage()}.
     *
     * @return the offset of the message in the buffer
     */
    public long beginMessage(int type, int flags, int seq, int pid) {
        if (messageStart >= 0) {
            throw new IllegalStateException("previous message not ended");
        }
        align();
        ensure(16);
        messageStart = pos;
        buf.set(U32, pos, 0);
        buf.set(U16, pos + 4, (short) type);
        buf.set(U16, pos + 6, (short) flags);
        buf.set(U32, pos + 8, seq);
        buf.set(U32, pos + 12, pid);
        pos += 16;
        return messageStart;
    }

    /** Ends the message: patches nlmsg_len and pads to 4 bytes. @return its length */
    public int endMessage() {
        if (messageStart < 0) {
            throw new IllegalStateException("no message begun");
        }
        int len = (int) (pos - messageStart);
        buf.set(U32, messageStart, len);
        messageStart = -1;
        align();
        return len;
    }

    private void align() {
        long aligned = (pos + 3) & ~3L;
        if (aligned != pos) {
            ensure(aligned - pos);
            buf.asSlice(pos, aligned - pos).fill((byte) 0);
            pos = aligned;
        }
    }

    // ---------------------------------------------------------------- raw values (fixed structs)

    public MessageWriter u8(int v) {
        ensure(1);
        buf.set(JAVA_BYTE, pos++, (byte) v);
        return this;
    }

    public MessageWriter u16(int v) {
        ensure(2);
        buf.set(U16, pos, (short) v);
        pos += 2;
        return this;
    }

    public MessageWriter u32(int v) {
        ensure(4);
        buf.set(U32, pos, v);
        pos += 4;
        return this;
    }

    public MessageWriter u64(long v) {
        ensure(8);
        buf.set(U64, pos, v);
        pos += 8;
        return this;
    }

    public MessageWriter zeros(int n) {
        ensure(n);
        buf.asSlice(pos, n).fill((byte) 0);
        pos += n;
        return this;
    }

    public MessageWriter bytes(byte[] b) {
        ensure(b.length);
        MemorySegment.copy(b, 0, buf, JAVA_BYTE, pos, b.length);
        pos += b.length;
        return this;
    }

    /** struct ifinfomsg: family, pad, type, index, flags, change (16 bytes). */
    public MessageWriter ifinfomsg(int family, int type, int index, int flags, int change) {
        return u8(family).u8(0).u16(type).u32(index).u32(flags).u32(change);
    }

    /** struct ifaddrmsg: family, prefixlen, flags, scope, index (8 bytes). */
    public MessageWriter ifaddrmsg(int family, int prefixLength, int flags, int scope, int index) {
        return u8(family).u8(prefixLength).u8(flags).u8(scope).u32(index);
    }

    /** struct rtmsg: family, dst_len, src_len, tos, table, protocol, scope, type, flags (12 bytes). */
    public MessageWriter rtmsg(int family, int dstLen, int srcLen, int tos, int table, int protocol, int scope,
                               int type, int flags) {
        return u8(family).u8(dstLen).u8(srcLen).u8(tos).u8(table).u8(protocol).u8(scope).u8(type).u32(flags);
    }

    /** struct ndmsg: family, pad1, pad2, ifindex, state, flags, type (12 bytes). */
    public MessageWriter ndmsg(int family, int ifindex, int state, int flags, int type) {
        return u8(family).u8(0).u16(0).u32(ifindex).u16(state).u8(flags).u8(type);
    }

    /** struct fib_rule_hdr: family, dst_len, src_len, tos, table, res1, res2, action, flags (12 bytes). */
    public MessageWriter fibRuleHdr(int family, int dstLen, int srcLen, int tos, int table, int action, int flags) {
        return u8(family).u8(dstLen).u8(srcLen).u8(tos).u8(table).u8(0).u8(0).u8(action).u32(flags);
    }

    /** struct rtgenmsg: family, padded to 4 bytes. */
    public MessageWriter rtgenmsg(int family) {
        return u8(family).zeros(3);
    }

    // ---------------------------------------------------------------- attributes

    private void attrHeader(int type, int payloadLength) {
        align();
        ensure(4 + payloadLength + 3);
        buf.set(U16, pos, (short) (4 + payloadLength));
        buf.set(U16, pos + 2, (short) type);
        pos += 4;
    }

    public MessageWriter attrFlag(int type) {
        attrHeader(type, 0);
        return this;
    }

    public MessageWriter attrU8(int type, int v) {
        attrHeader(type, 1);
        buf.set(JAVA_BYTE, pos++, (byte) v);
        align();
        return this;
    }

    public MessageWriter attrU16(int type, int v) {
        attrHeader(type, 2);
        buf.set(U16, pos, (short) v);
        pos += 2;
        align();
        return this;
    }

    /** A 16-bit value in network byte order (ports, VLAN protocols). */
    public MessageWriter attrU16Be(int type, int v) {
        attrHeader(type, 2);
        buf.set(U16_BE, pos, (short) v);
        pos += 2;
        align();
        return this;
    }

    public MessageWriter attrU32(int type, int v) {
        attrHeader(type, 4);
        buf.set(U32, pos, v);
        pos += 4;
        return this;
    }

    public MessageWriter attrU32Be(int type, int v) {
        attrHeader(type, 4);
        buf.set(U32_BE, pos, v);
        pos += 4;
        return this;
    }

    public MessageWriter attrU64(int type, long v) {
        attrHeader(type, 8);
        buf.set(U64, pos, v);
        pos += 8;
        return this;
    }

    public MessageWriter attrBytes(int type, byte[] b) {
        attrHeader(type, b.length);
        MemorySegment.copy(b, 0, buf, JAVA_BYTE, pos, b.length);
        pos += b.length;
        align();
        return this;
    }

    /**
     * A string without its NUL, as iproute2 sends IFLA_INFO_KIND (the kernel accepts either form).
     * ASCII only.
     */
    public MessageWriter attrStringNoNul(int type, String s) {
        int n = s.length();
        attrHeader(type, n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                throw new IllegalArgumentException("not ASCII: " + s);
            }
            buf.set(JAVA_BYTE, pos++, (byte) c);
        }
        align();
        return this;
    }

    /** A NUL-terminated string (IFLA_IFNAME, IFLA_IFALIAS...): ASCII written directly, else UTF-8. */
    public MessageWriter attrString(int type, String s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (!ascii) {
            byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            attrHeader(type, utf8.length + 1);
            MemorySegment.copy(utf8, 0, buf, JAVA_BYTE, pos, utf8.length);
            pos += utf8.length;
        } else {
            attrHeader(type, n + 1);
            for (int i = 0; i < n; i++) {
                buf.set(JAVA_BYTE, pos++, (byte) s.charAt(i));
            }
        }
        buf.set(JAVA_BYTE, pos++, (byte) 0);
        align();
        return this;
    }

    /**
     * Starts a nested attribute; its length is patched by {@link #endNested(long)}. Pass
     * {@code type | NLA_F_NESTED} where the kernel wants the flag (rtnetlink's classic nests,
     * IFLA_LINKINFO for instance, are sent without it, as iproute2 does).
     *
     * @return the offset to hand to {@link #endNested(long)}
     */
    public long beginNested(int type) {
        attrHeader(type, 0);
        return pos - 4;
    }

    /** Ends a nested attribute begun at {@code start}. */
    public MessageWriter endNested(long start) {
        buf.set(U16, start, (short) (pos - start));
        align();
        return this;
    }

    /** Overwrites a 16-bit value written earlier (a length known only at the end). */
    public MessageWriter patchU16(long offset, int v) {
        buf.set(U16, offset, (short) v);
        return this;
    }

    /** Frees the buffer. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            MemorySegment b = buf;
            buf = MemorySegment.NULL;
            Memory.free(b);
        }
    }
}
