// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.netlink.RawAttribute;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.MessageWriter;

import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of one nest by type, for the printers of {@code ip -d}: ip prints fields in its
 * own order, not the kernel's, so they are looked up by type rather than walked once. Every value
 * is read by the wire layer's {@link AttrReader}; this class only remembers where each attribute
 * starts. The first attribute of a type wins, as in iproute2's {@code parse_rtattr}.
 */
public final class AttrIndex {
    /** No attributes. */
    public static final AttrIndex EMPTY = new AttrIndex(MemorySegment.NULL, Map.of(), "");

    private final MemorySegment seg;
    /** type -> {offset of the attribute header, header + value length} */
    private final Map<Integer, long[]> where;
    private final String context;

    private AttrIndex(MemorySegment seg, Map<Integer, long[]> where, String context) {
        this.seg = seg;
        this.where = where;
        this.context = context;
    }

    /** Indexes the attributes a reader walks (the reader is used up). */
    public static AttrIndex of(AttrReader r) {
        Map<Integer, long[]> m = new HashMap<>();
        while (r.next()) {
            m.putIfAbsent(r.type(), new long[]{r.valueOffset() - 4, r.valueLength() + 4L});
        }
        return new AttrIndex(r.segment(), m, r.context());
    }

    /**
     * Indexes attributes a typed record kept raw ({@code Link.unknown()}): they are written back
     * into one heap buffer with the wire layer's {@link MessageWriter}, then read like any other.
     */
    public static AttrIndex of(List<RawAttribute> raw, String context) {
        if (raw.isEmpty()) {
            return EMPTY;
        }
        MessageWriter w = MessageWriter.onHeap(256);
        for (RawAttribute a : raw) {
            w.attrBytes(a.type(), a.value());
        }
        MemorySegment written = w.written();
        return of(new AttrReader(written, 0, written.byteSize(), context));
    }

    /** Indexes the attributes in a nested payload (the bytes of a {@link RawAttribute}). */
    public static AttrIndex ofPayload(byte[] payload, String context) {
        MemorySegment s = MemorySegment.ofArray(payload);
        return of(new AttrReader(s, 0, payload.length, context));
    }

    /** {@return whether an attribute of that type is present} */
    public boolean has(int type) {
        return where.containsKey(type);
    }

    /**
     * {@return a reader positioned on the attribute of that type, for its typed getters}
     *
     * @throws IllegalStateException if there is none (callers check {@link #has(int)})
     */
    public AttrReader get(int type) {
        long[] at = where.get(type);
        if (at == null) {
            throw new IllegalStateException(context + ": no attribute " + type);
        }
        AttrReader r = new AttrReader(seg, at[0], at[0] + at[1], context);
        r.next();
        return r;
    }

    /** {@return the attributes nested in the one of that type; empty if it is absent} */
    public AttrIndex nested(int type) {
        return has(type) ? of(get(type).nested(Integer.toString(type))) : EMPTY;
    }

    /** {@return the u8 value} */
    public int u8(int type) {
        return get(type).u8();
    }

    /** {@return the u16 value} */
    public int u16(int type) {
        return get(type).u16();
    }

    /** {@return the big-endian u16 value (ports, protocols)} */
    public int u16Be(int type) {
        return get(type).u16Be();
    }

    /** {@return the u32 value, unsigned} */
    public long u32(int type) {
        return Integer.toUnsignedLong(get(type).u32());
    }

    /** {@return the u32 value as a signed int (uid/gid, where -1 means unset)} */
    public int s32(int type) {
        return get(type).u32();
    }

    /** {@return the u64 value} */
    public long u64(int type) {
        return get(type).u64();
    }

    /** {@return the NUL-terminated string value} */
    public String str(int type) {
        return get(type).string();
    }

    /** {@return a copy of the value} */
    public byte[] bytes(int type) {
        return get(type).bytes();
    }

    /** {@return the value as an IPv4 or IPv6 address} */
    public InetAddress ip(int type) {
        try {
            byte[] b = bytes(type);
            // 16 bytes stay IPv6 (an IPv4-mapped ::ffff:a.b.c.d too), as ip prints them
            return b.length == 16 ? Inet6Address.getByAddress(null, b, -1) : InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(context + ": attribute " + type + " is not an address", e);
        }
    }
}
