// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import java.util.Arrays;
import java.util.List;

/** A cursor over the words of a command line, with iproute2's helpers (NEXT_ARG, matches). */
public final class Args {
    private final List<String> words;
    private int pos;

    Args(List<String> words) {
        this.words = words;
    }

    public static Args of(String... words) {
        return new Args(Arrays.asList(words));
    }

    /**
     * iproute2's {@code matches(word, keyword)}: the word is the keyword or a prefix of it, which
     * is how {@code ip a s} means {@code ip address show}.
     */
    public static boolean matches(String word, String keyword) {
        return !word.isEmpty() && word.length() <= keyword.length() && keyword.startsWith(word);
    }

    public boolean has() {
        return pos < words.size();
    }

    public int remaining() {
        return words.size() - pos;
    }

    /** The current word (callers check {@link #has()}). */
    public String peek() {
        return words.get(pos);
    }

    /** Returns the current word and moves past it. */
    public String take() {
        return words.get(pos++);
    }

    /** Moves past the keyword and its value and returns the value, or fails as ip's NEXT_ARG() does. */
    public String value() {
        pos++;
        if (!has()) {
            throw CliException.incomplete();
        }
        return words.get(pos++);
    }

    /**
     * NEXT_ARG() as ip's option loops use it: moves onto the keyword's value and returns it,
     * leaving the cursor there for the loop's closing {@link #take()}.
     */
    public String nextArg() {
        pos++;
        if (!has()) {
            throw CliException.incomplete();
        }
        return words.get(pos);
    }

    /** {@link #nextArg()} for an option ip accepts once: a second value is ip's duparg error. */
    public String nextArgOnce(String key, boolean alreadySet) {
        String v = nextArg();
        if (alreadySet) {
            throw CliException.duparg(key, v);
        }
        return v;
    }

    /** Moves back one word (to re-read a word another parser should see). */
    public void back() {
        pos--;
    }

    /** The words not read yet. */
    public List<String> rest() {
        return words.subList(pos, words.size());
    }

    /** Parses ip's get_unsigned / get_integer: decimal, 0x hex or 0 octal. */
    public static long number(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            throw new NumberFormatException(s);
        }
        boolean neg = t.startsWith("-");
        if (neg) {
            t = t.substring(1);
        }
        long v;
        if (t.startsWith("0x") || t.startsWith("0X")) {
            v = Long.parseLong(t.substring(2), 16);
        } else if (t.length() > 1 && t.startsWith("0")) {
            v = Long.parseLong(t.substring(1), 8);
        } else {
            v = Long.parseLong(t);
        }
        return neg ? -v : v;
    }

    /** An unsigned 32-bit number, or {@code invarg(msg, word)}. */
    public static long u32(String s, String msg) {
        try {
            long v = number(s);
            if (v < 0 || v > 0xffffffffL) {
                throw new NumberFormatException(s);
            }
            return v;
        } catch (NumberFormatException e) {
            throw CliException.invarg(msg, s);
        }
    }
}
