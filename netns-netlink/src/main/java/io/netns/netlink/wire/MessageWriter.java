// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.wire;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Writes netlink messages into one reusable buffer: a header, a fixed struct, then attributes,
 * each padded to 4 bytes. Lengths of messages and nested attributes are patched when they end, so
 * nothing is copied twice and no intermediate array is built. Several messages may follow each
 * other in the buffer (a batch sent with one {@code sendmsg}).
 *
 * <p>The writer does no system call: its memory comes from a {@link Memory} the caller chooses.
 * {@link #onHeap(long)} writes into Java arrays (golden-byte tests, encoding benchmarks); a socket
 * supplies native memory it can hand to {@code send}. Not thread-safe; one writer per socket, used
 * under the socket's lock.
 */
public final class MessageWriter implements AutoCloseable {
    /** Where a writer's buffer lives: it asks for a first buffer, a bigger one, and gives it back. */
    public interface Memory {
        /**
         * {@return a new buffer of at least {@code bytes} bytes}
         *
         * @param bytes the size wanted
         */
        MemorySegment allocate(long bytes);

        /**
         * {@return a buffer of {@code bytes} bytes holding the old one's content}; the old one is released
         *
         * @param old the buffer to grow, from this memory
         * @param bytes the new size
         */
        MemorySegment grow(MemorySegment old, long bytes);

        /**
         * Gives a buffer back.
         *
         * @param buffer a buffer from this memory
         */
        void release(MemorySegment buffer);
    }

    /** Java heap memory: byte arrays, reclaimed by the garbage collector. */
    private static final Memory HEAP = new Memory() {
        @Override
        public MemorySegment allocate(long bytes) {
            return MemorySegment.ofArray(new byte[Math.toIntExact(bytes)]);
        }

        @Override
        public MemorySegment grow(MemorySegment old, long bytes) {
            MemorySegment n = allocate(bytes);
            n.copyFrom(old);
            return n;
        }

        @Override
        public void release(MemorySegment buffer) {
        }
    };

    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    static final ValueLayout.OfShort U16_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    static final ValueLayout.OfInt U32_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;

    private MemorySegment buf;
    private boolean closed;
    private long pos;
    private long messageStart = -1;

    private final Memory memory;

    /**
     * A writer over {@code memory}.
     *
     * @param memory where the buffer lives
     * @param initialCapacity bytes allocated up front; the buffer doubles when needed
     */
    public MessageWriter(Memory memory, long initialCapacity) {
        this.memory = memory;
        this.buf = memory.allocate(Math.max(64, initialCapacity));
    }

    /**
     * {@return a writer into Java heap memory, for encoding without a socket}
     *
     * @param initialCapacity bytes allocated up front; the buffer doubles when needed
     */
    public static MessageWriter onHeap(long initialCapacity) {
        return new MessageWriter(HEAP, initialCapacity);
    }

    /**
     * Forgets everything written, including a message begun and not ended; the buffer is kept.
     *
     * @return this writer
     */
    public MessageWriter reset() {
        pos = 0;
        messageStart = -1;
        return this;
    }

    /** {@return the bytes written so far: a view of the buffer, valid until the next write} */
    public MemorySegment written() {
        return buf.asSlice(0, pos);
    }

    /** {@return the number of bytes written so far, the offset the next write goes to} */
    public long position() {
        return pos;
    }

    /**
     * {@return the buffer itself, for reading back a message at an offset}; it may be larger than what
     * was written and is replaced when the writer grows it
     */
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
            buf = memory.grow(buf, size);
        }
    }

    /**
     * Starts a message: a 16-byte struct nlmsghdr (linux/netlink.h), aligned to 4 bytes, whose
     * nlmsg_len is patched by {@link #endMessage()}.
     *
     * @param type nlmsg_type: {@code RTM_*} ({@link Rtm}) or {@code NLMSG_*} ({@link Nlmsg})
     * @param flags nlmsg_flags: {@code NLM_F_*} ({@link Nlmsg})
     * @param seq nlmsg_seq, echoed by the kernel in its answers
     * @param pid nlmsg_pid, the sender's port id (0: the kernel assigns it)
     * @return the offset of the message in the buffer
     * @throws IllegalStateException if the previous message was not ended
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

    /**
     * Ends the message begun by {@link #beginMessage}: patches nlmsg_len and pads to 4 bytes.
     *
     * @return the message's length (nlmsg_len), header included, padding excluded
     * @throws IllegalStateException if no message was begun
     */
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

    /**
     * Writes one byte of a fixed struct, unaligned.
     *
     * @param v the value; its low 8 bits are written
     * @return this writer
     */
    public MessageWriter u8(int v) {
        ensure(1);
        buf.set(JAVA_BYTE, pos++, (byte) v);
        return this;
    }

    /**
     * Writes a 16-bit value of a fixed struct in host byte order, unaligned.
     *
     * @param v the value; its low 16 bits are written
     * @return this writer
     */
    public MessageWriter u16(int v) {
        ensure(2);
        buf.set(U16, pos, (short) v);
        pos += 2;
        return this;
    }

    /**
     * Writes a 32-bit value of a fixed struct in host byte order, unaligned.
     *
     * @param v the value, read as unsigned by the kernel where the field is unsigned
     * @return this writer
     */
    public MessageWriter u32(int v) {
        ensure(4);
        buf.set(U32, pos, v);
        pos += 4;
        return this;
    }

    /**
     * Writes a 64-bit value of a fixed struct in host byte order, unaligned.
     *
     * @param v the value, read as unsigned by the kernel where the field is unsigned
     * @return this writer
     */
    public MessageWriter u64(long v) {
        ensure(8);
        buf.set(U64, pos, v);
        pos += 8;
        return this;
    }

    /**
     * Writes zero bytes: padding or reserved fields of a fixed struct.
     *
     * @param n how many
     * @return this writer
     */
    public MessageWriter zeros(int n) {
        ensure(n);
        buf.asSlice(pos, n).fill((byte) 0);
        pos += n;
        return this;
    }

    /**
     * Writes raw bytes as they are, unaligned and not padded.
     *
     * @param b the bytes
     * @return this writer
     */
    public MessageWriter bytes(byte[] b) {
        ensure(b.length);
        MemorySegment.copy(b, 0, buf, JAVA_BYTE, pos, b.length);
        pos += b.length;
        return this;
    }

    /**
     * Writes a struct ifinfomsg (linux/rtnetlink.h), the fixed part of RTM_*LINK messages: ifi_family,
     * a pad byte, ifi_type, ifi_index, ifi_flags, ifi_change (16 bytes).
     *
     * @param family ifi_family: {@code AF_UNSPEC} (0) for links, {@code AF_BRIDGE} for bridge ports
     * @param type ifi_type: the device type, {@code ARPHRD_*} ({@link Arphrd}); 0 in requests
     * @param index ifi_index: the interface index, 0 for none (a new link, or one named by IFLA_IFNAME)
     * @param flags ifi_flags: {@code IFF_*} ({@link Iff})
     * @param change ifi_change: which of {@code flags} to change, a mask of {@code IFF_*}
     * @return this writer
     */
    public MessageWriter ifinfomsg(int family, int type, int index, int flags, int change) {
        return u8(family).u8(0).u16(type).u32(index).u32(flags).u32(change);
    }

    /**
     * Writes a struct ifaddrmsg (linux/if_addr.h), the fixed part of RTM_*ADDR messages: ifa_family,
     * ifa_prefixlen, ifa_flags, ifa_scope, ifa_index (8 bytes).
     *
     * @param family ifa_family: {@code AF_INET} or {@code AF_INET6}
     * @param prefixLength ifa_prefixlen: the prefix length of the address
     * @param flags ifa_flags: the low 8 bits of {@code IFA_F_*} ({@link Ifa}; IFA_FLAGS carries all 32)
     * @param scope ifa_scope: {@code RT_SCOPE_*} ({@link RtScope})
     * @param index ifa_index: the interface index of the address's link
     * @return this writer
     */
    public MessageWriter ifaddrmsg(int family, int prefixLength, int flags, int scope, int index) {
        return u8(family).u8(prefixLength).u8(flags).u8(scope).u32(index);
    }

    /**
     * Writes a struct rtmsg (linux/rtnetlink.h), the fixed part of RTM_*ROUTE messages: rtm_family,
     * rtm_dst_len, rtm_src_len, rtm_tos, rtm_table, rtm_protocol, rtm_scope, rtm_type, rtm_flags
     * (12 bytes).
     *
     * @param family rtm_family: {@code AF_INET}, {@code AF_INET6}...
     * @param dstLen rtm_dst_len: the destination prefix length
     * @param srcLen rtm_src_len: the source prefix length
     * @param tos rtm_tos: the TOS (DSCP) to match, 0 for any
     * @param table rtm_table: {@code RT_TABLE_*} ({@link RtTable}), or {@code RT_TABLE_UNSPEC} with the
     *     table in RTA_TABLE when it does not fit in 8 bits
     * @param protocol rtm_protocol: who installed the route, {@code RTPROT_*} ({@link RtProt})
     * @param scope rtm_scope: {@code RT_SCOPE_*} ({@link RtScope})
     * @param type rtm_type: {@code RTN_*} ({@link Rtn})
     * @param flags rtm_flags: {@code RTM_F_*} and {@code RTNH_F_*} ({@link Rtm}, {@link Rtnh})
     * @return this writer
     */
    public MessageWriter rtmsg(int family, int dstLen, int srcLen, int tos, int table, int protocol, int scope,
                               int type, int flags) {
        return u8(family).u8(dstLen).u8(srcLen).u8(tos).u8(table).u8(protocol).u8(scope).u8(type).u32(flags);
    }

    /**
     * Writes a struct ndmsg (linux/neighbour.h), the fixed part of RTM_*NEIGH messages: ndm_family,
     * ndm_pad1, ndm_pad2, ndm_ifindex, ndm_state, ndm_flags, ndm_type (12 bytes).
     *
     * @param family ndm_family: {@code AF_INET}, {@code AF_INET6}, or {@code AF_BRIDGE} for the FDB
     * @param ifindex ndm_ifindex: the interface index of the entry's link
     * @param state ndm_state: {@code NUD_*} ({@link Nud})
     * @param flags ndm_flags: {@code NTF_*} ({@link Ntf})
     * @param type ndm_type: {@code RTN_*} ({@link Rtn})
     * @return this writer
     */
    public MessageWriter ndmsg(int family, int ifindex, int state, int flags, int type) {
        return u8(family).u8(0).u16(0).u32(ifindex).u16(state).u8(flags).u8(type);
    }

    /**
     * Writes a struct fib_rule_hdr (linux/fib_rules.h), the fixed part of RTM_*RULE messages: family,
     * dst_len, src_len, tos, table, res1, res2, action, flags (12 bytes; the reserved bytes are 0).
     *
     * @param family {@code AF_INET} or {@code AF_INET6}
     * @param dstLen dst_len: the destination prefix length
     * @param srcLen src_len: the source prefix length
     * @param tos tos: the TOS to match, 0 for any
     * @param table table: {@code RT_TABLE_*} ({@link RtTable}), or {@code RT_TABLE_UNSPEC} with the table
     *     in FRA_TABLE when it does not fit in 8 bits
     * @param action action: {@code FR_ACT_*} ({@link FrAct})
     * @param flags flags: {@code FIB_RULE_*} ({@link Fra})
     * @return this writer
     */
    public MessageWriter fibRuleHdr(int family, int dstLen, int srcLen, int tos, int table, int action, int flags) {
        return u8(family).u8(dstLen).u8(srcLen).u8(tos).u8(table).u8(0).u8(0).u8(action).u32(flags);
    }

    /**
     * Writes a struct rtgenmsg (linux/rtnetlink.h), the fixed part of dump requests that need no
     * other: rtgen_family, padded to 4 bytes.
     *
     * @param family rtgen_family: {@code AF_UNSPEC} (0) for all families, {@code AF_INET}...
     * @return this writer
     */
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

    /**
     * Writes an attribute without a value (NLA_FLAG: present means true).
     *
     * @param type the attribute type (nla_type), flag bits included
     * @return this writer
     */
    public MessageWriter attrFlag(int type) {
        attrHeader(type, 0);
        return this;
    }

    /**
     * Writes an 8-bit attribute (NLA_U8), padded to 4 bytes.
     *
     * @param type the attribute type (nla_type), flag bits included
     * @param v the value; its low 8 bits are written
     * @return this writer
     */
    public MessageWriter attrU8(int type, int v) {
        attrHeader(type, 1);
        buf.set(JAVA_BYTE, pos++, (byte) v);
        align();
        return this;
    }

    /**
     * Writes a 16-bit attribute in host byte order (NLA_U16), padded to 4 bytes.
     *
     * @param type the attribute type (nla_type), flag bits included
     * @param v the value; its low 16 bits are written
     * @return this writer
     */
    public MessageWriter attrU16(int type, int v) {
        attrHeader(type, 2);
        buf.set(U16, pos, (short) v);
        pos += 2;
        align();
        return this;
    }

    /**
     * Writes a 16-bit attribute in network byte order (NLA_BE16: ports, VLAN protocols), padded to 4
     * bytes.
     *
     * @param type the attribute type (nla_type), flag bits included
     * @param v the value; its low 16 bits are written, most significant byte first
     * @return this writer
     */
    public MessageWriter attrU16Be(int type, int v) {
        attrHeader(type, 2);
        buf.set(U16_BE, pos, (short) v);
        pos += 2;
        align();
        return this;
    }

    /**
     * Writes a 32-bit attribute in host byte order (NLA_U32, or NLA_S32).
     *
     * @param type the attribute type (nla_type), flag bits included
     * @param v the value, read as unsigned by the kernel where the attribute is unsigned
     * @return this writer
     */
    public MessageWriter attrU32(int type, int v) {
        attrHeader(type, 4);
        buf.set(U32, pos, v);
        pos += 4;
        return this;
    }

    /**
     * Writes a 32-bit attribute in network byte order (NLA_BE32).
     *
     * @param type the attribute type (nla_type), flag bits included
     * @param v the value, written most significant byte first
     * @return this writer
     */
    public MessageWriter attrU32Be(int type, int v) {
        attrHeader(type, 4);
        buf.set(U32_BE, pos, v);
        pos += 4;
        return this;
    }

    /**
     * Writes a 64-bit attribute in host byte order (NLA_U64), unaligned (netlink aligns to 4 bytes
     * only).
     *
     * @param type the attribute type (nla_type), flag bits included
     * @param v the value, read as unsigned by the kernel where the attribute is unsigned
     * @return this writer
     */
    public MessageWriter attrU64(int type, long v) {
        attrHeader(type, 8);
        buf.set(U64, pos, v);
        pos += 8;
        return this;
    }

    /**
     * Writes an attribute holding raw bytes (NLA_BINARY: addresses, MACs, structs), padded to 4 bytes.
     *
     * @param type the attribute type (nla_type), flag bits included
     * @param b the value
     * @return this writer
     */
    public MessageWriter attrBytes(int type, byte[] b) {
        attrHeader(type, b.length);
        MemorySegment.copy(b, 0, buf, JAVA_BYTE, pos, b.length);
        pos += b.length;
        align();
        return this;
    }

    /**
     * Writes a string attribute without its NUL, as iproute2 sends IFLA_INFO_KIND (the kernel accepts
     * either form), padded to 4 bytes. ASCII only.
     *
     * @param type the attribute type (nla_type), flag bits included
     * @param s the value
     * @return this writer
     * @throws IllegalArgumentException if {@code s} is not ASCII
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

    /**
     * Writes a NUL-terminated string attribute (NLA_NUL_STRING: IFLA_IFNAME, IFLA_IFALIAS...) in
     * UTF-8, padded to 4 bytes.
     *
     * @param type the attribute type (nla_type), flag bits included
     * @param s the value, without a NUL of its own
     * @return this writer
     * @throws IllegalArgumentException if {@code s} holds a NUL or cannot be encoded as UTF-8 (an
     *         unpaired surrogate): it is refused rather than sent changed
     */
    public MessageWriter attrString(int type, String s) {
        Utf8.checkNoNul(s);
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (!ascii) {
            ByteBuffer utf8 = Utf8.strict(s);
            attrHeader(type, utf8.remaining() + 1);
            MemorySegment.copy(MemorySegment.ofBuffer(utf8), 0, buf, pos, utf8.remaining());
            pos += utf8.remaining();
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
     * @param type the attribute type (nla_type), with {@code NLA_F_NESTED} ({@link Nlmsg}) if wanted
     * @return the offset to hand to {@link #endNested(long)}
     */
    public long beginNested(int type) {
        attrHeader(type, 0);
        return pos - 4;
    }

    /**
     * Ends a nested attribute: patches its nla_len to cover everything written since, and pads to
     * 4 bytes.
     *
     * @param start the offset {@link #beginNested(int)} returned
     * @return this writer
     */
    public MessageWriter endNested(long start) {
        buf.set(U16, start, (short) (pos - start));
        align();
        return this;
    }

    /**
     * Overwrites a 16-bit value written earlier, in host byte order (a length known only at the end).
     * The position does not move.
     *
     * @param offset the value's offset in the buffer
     * @param v the value; its low 16 bits are written
     * @return this writer
     */
    public MessageWriter patchU16(long offset, int v) {
        buf.set(U16, offset, (short) v);
        return this;
    }

    /** Gives the buffer back to its {@link Memory}; the writer is unusable afterwards. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            MemorySegment b = buf;
            buf = MemorySegment.NULL;
            memory.release(b);
        }
    }
}
