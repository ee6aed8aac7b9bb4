// SPDX-License-Identifier: Apache-2.0
package io.netns.cli.link.kind;

import io.netns.cli.AttrIndex;
import io.netns.cli.Printer;
import io.netns.cli.Printer.Mode;

/** The print_* idioms the kinds' printers share, over one IFLA_INFO_DATA: a field is printed only if present. */
final class DataPrinter {
    private final Printer p;
    private final AttrIndex d;

    DataPrinter(Printer p, AttrIndex d) {
        this.p = p;
        this.d = d;
    }

    static String onOff(boolean b) {
        return b ? "on" : "off";
    }

    /** A u8 flag printed as ip's print_on_off: JSON boolean, text "key on|off". */
    void onOff(int type, String key, String text) {
        if (d.has(type)) {
            boolean v = d.u8(type) != 0;
            p.bool(Mode.JSON, key, null, v);
            p.text(text + " " + onOff(v) + " ");
        }
    }

    void u64(int type, String key, String fmt) {
        if (d.has(type)) {
            p.num(Mode.ANY, key, fmt, d.u64(type));
        }
    }

    void u32(int type, String key, String fmt) {
        if (d.has(type)) {
            p.num(Mode.ANY, key, fmt, d.u32(type));
        }
    }

    void u16(int type, String key, String fmt) {
        if (d.has(type)) {
            p.num(Mode.ANY, key, fmt, d.u16(type));
        }
    }

    void u8(int type, String key, String fmt) {
        if (d.has(type)) {
            p.num(Mode.ANY, key, fmt, d.u8(type));
        }
    }

    /** A u64 in centiseconds, printed as seconds (bridge timers). */
    void timer(int type, String key, String fmt) {
        if (d.has(type)) {
            p.dbl(Mode.ANY, key, fmt, d.u64(type) / 100.0);
        }
    }

    /** A u8 that ip prints only when set: a JSON true, a bare word in text. */
    void boolFlag(int type, String key, String text) {
        if (d.has(type) && d.u8(type) != 0) {
            p.bool(Mode.ANY, key, text, true);
        }
    }

    /** struct ifla_bridge_id: two priority bytes and a MAC, {@code 8000.76:51:...}. */
    void bridgeId(int type, String key, String fmt) {
        if (d.has(type)) {
            byte[] b = d.bytes(type);
            // ip writes the MAC of a bridge id without zero padding (8000.8e:86:89:6:8e:9b)
            StringBuilder mac = new StringBuilder();
            for (int i = 2; i < 8; i++) {
                mac.append(i > 2 ? ":" : "").append(Integer.toHexString(b[i] & 0xff));
            }
            String id = String.format("%02x%02x.%s", b[0] & 0xff, b[1] & 0xff, mac);
            p.str(Mode.ANY, key, fmt, id);
        }
    }

    /** A u16 mask as ip's group_fwd_mask: {@code 0} or {@code 0x...}. */
    static String mask(int mask) {
        return mask == 0 ? "0" : "0x" + Integer.toHexString(mask);
    }
}
