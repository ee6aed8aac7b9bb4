// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the CLI prints, without a JSON library: objects (insertion-ordered, a key set twice
 * keeps its first place), arrays, strings, numbers, booleans and null, written compactly as
 * {@code ip -j} does, or indented as {@code ip -j -p} (the layout Jackson's default pretty
 * printer gave before: objects one entry a line, arrays on one line).
 */
final class Json {
    /** JSON's null (a Java null cannot be told from "absent" in a map). */
    static final Object NULL = new Object();

    private Json() {
    }

    static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    static List<Object> array() {
        return new ArrayList<>();
    }

    /** {@return the value as JSON text} */
    static String write(Object value, boolean pretty) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, pretty, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, boolean pretty, int level) {
        switch (v) {
            case Map<?, ?> m -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    if (pretty) {
                        newline(sb, level + 1);
                    }
                    string(sb, (String) e.getKey());
                    sb.append(pretty ? " : " : ":");
                    write(sb, e.getValue(), pretty, level + 1);
                }
                if (pretty) {
                    if (m.isEmpty()) {
                        sb.append(' ');
                    } else {
                        newline(sb, level);
                    }
                }
                sb.append('}');
            }
            case List<?> l -> {
                sb.append('[');
                boolean first = true;
                for (Object o : l) {
                    sb.append(first ? (pretty ? " " : "") : (pretty ? ", " : ","));
                    first = false;
                    write(sb, o, pretty, level);
                }
                if (pretty) {
                    sb.append(' ');
                }
                sb.append(']');
            }
            case String s -> string(sb, s);
            case Boolean b -> sb.append(b.booleanValue());
            case Long n -> sb.append(n.longValue());
            case Double d -> sb.append(d.doubleValue());
            default -> {
                if (v != NULL) {
                    throw new IllegalArgumentException("not a JSON value: " + v);
                }
                sb.append("null");
            }
        }
    }

    private static void newline(StringBuilder sb, int level) {
        sb.append('\n');
        sb.append("  ".repeat(level));
    }

    /** A string with JSON's escapes: quote, backslash and control characters. */
    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
