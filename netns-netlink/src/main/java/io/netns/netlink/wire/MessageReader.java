// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.wire;

import io.netns.netlink.NetlinkDecodeException;

import java.lang.foreign.MemorySegment;

import static io.netns.netlink.wire.MessageWriter.U16;
import static io.netns.netlink.wire.MessageWriter.U32;

/**
 * A cursor over the netlink messages of one received buffer. {@link #next()} validates each header
 * against the bytes actually present, so a malformed buffer ends in {@link NetlinkDecodeException},
 * never in an out-of-bounds read or an endless loop (every step advances by at least 16 bytes).
 *
 * <p>The reader is reused: it allocates nothing per message.
 */
public final class MessageReader {
    /** The size of struct nlmsghdr (linux/netlink.h), where every message's payload starts. */
    public static final int HEADER = 16;

    private MemorySegment seg;
    private long end;
    private long next;
    private long start;
    private int length;
    private int type;
    private int flags;
    private int seq;
    private int pid;

    /** A reader with nothing to read; {@link #reset} gives it a buffer. */
    public MessageReader() {
    }

    /**
     * A reader over the first {@code length} bytes of {@code seg}, before its first message.
     *
     * @param seg the buffer
     * @param length how many bytes of it were received
     * @throws NetlinkDecodeException if {@code length} is negative or larger than the buffer
     */
    public MessageReader(MemorySegment seg, long length) {
        reset(seg, length);
    }

    /**
     * Points the reader at a new buffer, before its first message.
     *
     * @param seg the buffer
     * @param length how many bytes of it were received
     * @return this reader
     * @throws NetlinkDecodeException if {@code length} is negative or larger than the buffer
     */
    public MessageReader reset(MemorySegment seg, long length) {
        if (length < 0 || length > seg.byteSize()) {
            throw new NetlinkDecodeException("buffer of " + seg.byteSize() + " bytes cannot hold " + length);
        }
        this.seg = seg;
        this.end = length;
        this.next = 0;
        this.start = -1;
        return this;
    }

    /**
     * Moves to the next message; its header fields are then available from the getters.
     *
     * @return whether there was one: false when the buffer is exhausted
     * @throws NetlinkDecodeException if the next header is truncated or its length is impossible
     */
    public boolean next() {
        if (next >= end) {
            return false;
        }
        long remaining = end - next;
        if (remaining < HEADER) {
            throw new NetlinkDecodeException("truncated netlink header at offset " + next + ": " + remaining
                    + " bytes left, a header has 16");
        }
        int len = seg.get(U32, next);
        if (len < HEADER || len > remaining) {
            throw new NetlinkDecodeException("netlink message at offset " + next + " claims " + Integer.toUnsignedString(len)
                    + " bytes; " + remaining + " remain and a message has at least 16");
        }
        start = next;
        length = len;
        type = Short.toUnsignedInt(seg.get(U16, next + 4));
        flags = Short.toUnsignedInt(seg.get(U16, next + 6));
        seq = seg.get(U32, next + 8);
        pid = seg.get(U32, next + 12);
        next = Math.min(end, next + ((len + 3L) & ~3L));
        return true;
    }

    /** {@return the buffer being read, which the offsets of this reader index} */
    public MemorySegment segment() {
        return seg;
    }

    /** {@return the offset of the current message's header in the buffer} */
    public long start() {
        return start;
    }

    /** {@return the offset of the current message's payload (after the 16-byte header)} */
    public long payload() {
        return start + HEADER;
    }

    /** {@return the offset just past the current message (its padding excluded)} */
    public long end() {
        return start + length;
    }

    /** {@return the current message's nlmsg_len: its length in bytes, header included} */
    public int length() {
        return length;
    }

    /** {@return the current message's nlmsg_type: {@code RTM_*} ({@link Rtm}) or {@code NLMSG_*} ({@link Nlmsg})} */
    public int type() {
        return type;
    }

    /** {@return the current message's nlmsg_flags: {@code NLM_F_*} ({@link Nlmsg})} */
    public int flags() {
        return flags;
    }

    /** {@return the current message's nlmsg_seq: in an answer, the sequence number of the request} */
    public int seq() {
        return seq;
    }

    /** {@return the current message's nlmsg_pid: in an answer, the port id of the requesting socket} */
    public int pid() {
        return pid;
    }

    /**
     * Checks the payload holds a fixed struct of {@code size} bytes.
     *
     * @param size the struct size
     * @param what its name, for the message
     * @return the offset where the struct's attributes start
     * @throws NetlinkDecodeException if the payload is shorter than {@code size}
     */
    public long requirePayload(int size, String what) {
        if (length - HEADER < size) {
            throw new NetlinkDecodeException("message type " + type + " at offset " + start + " has "
                    + (length - HEADER) + " payload bytes, too few for " + what + " (" + size + ")");
        }
        return payload() + ((size + 3) & ~3);
    }
}
