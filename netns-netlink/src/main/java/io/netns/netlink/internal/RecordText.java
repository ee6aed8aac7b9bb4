package io.netns.netlink.internal;

import java.lang.reflect.RecordComponent;
import java.util.List;

/** Renders a value record for logs: every component, but the raw attribute list only as a count. */
public final class RecordText {
    private RecordText() {
    }

    public static String of(Record r) {
        StringBuilder sb = new StringBuilder(r.getClass().getSimpleName()).append('[');
        RecordComponent[] cs = r.getClass().getRecordComponents();
        for (int i = 0; i < cs.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(cs[i].getName()).append('=');
            try {
                Object v = cs[i].getAccessor().invoke(r);
                if (cs[i].getName().equals("unknown") && v instanceof List<?> l) {
                    sb.append(l.size()).append(" undecoded attribute(s)");
                } else {
                    sb.append(v);
                }
            } catch (ReflectiveOperationException e) {
                sb.append('?');
            }
        }
        return sb.append(']').toString();
    }
}
