// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;


import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * One output for both of ip's forms, like iproute2's {@code print_*()} helpers: every call names
 * a JSON key and a text format, so each object is described once and printed as text or as
 * {@code ip -j} JSON ({@link Json}). JSON objects are collected into one top-level array, printed by {@link #flush()}.
 */
public final class Printer {
    /** Where a value goes: both forms, JSON only or text only (iproute2's PRINT_ANY/JSON/FP). */
    public enum Mode { ANY, JSON, TEXT }

    private final boolean json;
    private final boolean pretty;
    private final PrintStream out;
    private final StringBuilder text = new StringBuilder();
    private final List<Object> root = Json.array();
    /** The open JSON containers: maps (objects) and lists (arrays). */
    private final Deque<Object> stack = new ArrayDeque<>();

    Printer(boolean json, boolean pretty, PrintStream out) {
        this.json = json;
        this.pretty = pretty;
        this.out = out;
        stack.push(root);
    }

    public boolean isJson() {
        return json;
    }

    private boolean jsonWanted(Mode m) {
        return json && m != Mode.TEXT;
    }

    private boolean textWanted(Mode m) {
        return !json && m != Mode.JSON;
    }

    @SuppressWarnings("unchecked")
    private void put(String key, Object v) {
        Object value = v == null ? Json.NULL : v;
        Object top = stack.peek();
        if (top instanceof Map<?, ?> o) {
            ((Map<String, Object>) o).put(key, value);
        } else {
            ((List<Object>) top).add(value);
        }
    }

    private void fmt(String format, Object value) {
        if (format != null) {
            text.append(format.contains("%") ? String.format(Locale.ROOT, format, value) : format);
        }
    }

    /** A string value. */
    public void str(Mode m, String key, String format, String value) {
        if (jsonWanted(m)) {
            put(key, value);
        } else if (textWanted(m)) {
            fmt(format, value);
        }
    }

    /** An integer value (u32 values are passed as long so they stay unsigned). */
    public void num(Mode m, String key, String format, long value) {
        if (jsonWanted(m)) {
            put(key, value);
        } else if (textWanted(m)) {
            fmt(format, value);
        }
    }

    /** A floating value (bridge timers). */
    public void dbl(Mode m, String key, String format, double value) {
        if (jsonWanted(m)) {
            put(key, value);
        } else if (textWanted(m)) {
            fmt(format, value);
        }
    }

    /** A boolean; a text format without {@code %} is printed as it is. */
    public void bool(Mode m, String key, String format, boolean value) {
        if (jsonWanted(m)) {
            put(key, value);
        } else if (textWanted(m)) {
            fmt(format, value ? "true" : "false");
        }
    }

    /** A key whose JSON value is null (ip's print_null: {@code "not": null}). */
    public void nul(Mode m, String key, String format, String textValue) {
        if (jsonWanted(m)) {
            put(key, Json.NULL);
        } else if (textWanted(m)) {
            fmt(format, textValue);
        }
    }

    /** Text only. */
    public void text(String s) {
        if (!json) {
            text.append(s);
        }
    }

    /** iproute2's print_nl(): a line break in text. */
    public void nl() {
        text("\n");
    }

    public void openObject(String key) {
        if (json) {
            Map<String, Object> o = Json.object();
            put(key, o);
            stack.push(o);
        }
    }

    public void closeObject() {
        if (json) {
            stack.pop();
        }
    }

    /** Opens a JSON array; in text, prints {@code textOpen} if given. */
    public void openArray(Mode m, String key, String textOpen) {
        if (jsonWanted(m)) {
            List<Object> a = Json.array();
            put(key, a);
            stack.push(a);
        } else if (textWanted(m) && textOpen != null) {
            text.append(textOpen);
        }
    }

    public void closeArray(Mode m, String textClose) {
        if (jsonWanted(m)) {
            stack.pop();
        } else if (textWanted(m) && textClose != null) {
            text.append(textClose);
        }
    }

    /** Writes what text was collected so far (streaming, for monitors). */
    public void flushText() {
        if (!json && !text.isEmpty()) {
            out.print(text);
            out.flush();
            text.setLength(0);
        }
    }

    /** Writes the text, or the JSON array of every object printed. */
    public void flush() {
        if (json) {
            out.println(Json.write(root, pretty));
            root.clear();
        } else {
            flushText();
        }
        out.flush();
    }
}
