package io.netns.cli;


import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads attributes the library keeps raw ({@code unknown()} lists, nested IFLA_LINKINFO data):
 * the details {@code ip -d} prints that the typed records do not carry.
 */
final class Attrs {
    /** NLA_TYPE_MASK: the nested and byte-order flag bits are not part of the type. */
    private static final int TYPE_MASK = 0x3fff;

    private final Map<Integer, byte[]> byType;

    private Attrs(Map<Integer, byte[]> byType) {
        this.byType = byType;
    }

    static Attrs of(List<RawAttribute> raw) {
        Map<Integer, byte[]> m = new HashMap<>();
        for (RawAttribute a : raw) {
            m.putIfAbsent(a.type() & TYPE_MASK, a.value());
        }
        return new Attrs(m);
    }

    /** Parses a run of netlink attributes (a nested attribute's payload). */
    static Attrs parse(byte[] buf) {
        Map<Integer, byte[]> m = new HashMap<>();
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
        int pos = 0;
        while (pos + 4 <= buf.length) {
            int len = Short.toUnsignedInt(b.getShort(pos));
            int type = Short.toUnsignedInt(b.getShort(pos + 2)) & TYPE_MASK;
            if (len < 4 || pos + len > buf.length) {
                break;
            }
            byte[] v = new byte[len - 4];
            System.arraycopy(buf, pos + 4, v, 0, v.length);
            m.putIfAbsent(type, v);
            pos += (len + 3) & ~3;
        }
        return new Attrs(m);
    }

    static final Attrs EMPTY = new Attrs(Map.of());

    boolean has(int type) {
        return byType.containsKey(type);
    }

    byte[] bytes(int type) {
        return byType.get(type);
    }

    Attrs nested(int type) {
        byte[] v = byType.get(type);
        return v == null ? EMPTY : parse(v);
    }

    private ByteBuffer buf(int type) {
        return ByteBuffer.wrap(byType.get(type)).order(ByteOrder.nativeOrder());
    }

    int u8(int type) {
        return Byte.toUnsignedInt(byType.get(type)[0]);
    }

    int u16(int type) {
        return Short.toUnsignedInt(buf(type).getShort(0));
    }

    int u16be(int type) {
        byte[] v = byType.get(type);
        return (Byte.toUnsignedInt(v[0]) << 8) | Byte.toUnsignedInt(v[1]);
    }

    long u32(int type) {
        return Integer.toUnsignedLong(buf(type).getInt(0));
    }

    int s32(int type) {
        return buf(type).getInt(0);
    }

    long u64(int type) {
        return buf(type).getLong(0);
    }

    String str(int type) {
        byte[] v = byType.get(type);
        int n = 0;
        while (n < v.length && v[n] != 0) {
            n++;
        }
        return new String(v, 0, n, StandardCharsets.UTF_8);
    }

    InetAddress ip(int type) {
        try {
            return InetAddress.getByAddress(byType.get(type));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Colon-separated hex bytes (ll_addr_n2a). */
    static String mac(byte[] b, int from, int len) {
        StringBuilder sb = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < len; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex.toHexDigits(b[from + i]));
        }
        return sb.toString();
    }
}
