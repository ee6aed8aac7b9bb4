// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * The lookup rule of every open value type ({@code Scope}, {@code RouteType}, {@code MacvlanMode}
 * ...): a number always gives a value (a named constant, or an unnamed one for a number this
 * version does not know), a word gives one only if ip would accept it, and a value prints as ip
 * prints it. One table per type, so the types stay a list of constants.
 *
 * @param <T> the value type
 */
public final class NumberNames<T> {
    private final IntFunction<T> unnamed;
    private final ToIntFunction<T> number;
    private final Map<Integer, T> byNumber = new LinkedHashMap<>();
    private final Map<Integer, String> words = new LinkedHashMap<>();
    private final Map<String, T> byWord = new LinkedHashMap<>();
    private boolean ignoreCase;
    private IntFunction<String> other = Integer::toString;

    private NumberNames(IntFunction<T> unnamed, ToIntFunction<T> number) {
        this.unnamed = unnamed;
        this.number = number;
    }

    /**
     * {@return an empty table}
     *
     * @param unnamed makes the value of a number without a name
     * @param number the value's number
     * @param <T> the value type
     */
    public static <T> NumberNames<T> of(IntFunction<T> unnamed, ToIntFunction<T> number) {
        return new NumberNames<>(unnamed, number);
    }

    /**
     * {@return this table with {@code value} named {@code word}}
     *
     * @param value a constant
     * @param word what ip prints for it (the first word given for a number is the one printed)
     */
    public NumberNames<T> name(T value, String word) {
        byNumber.putIfAbsent(number.applyAsInt(value), value);
        words.putIfAbsent(number.applyAsInt(value), word);
        byWord.put(ignoreCase ? word.toLowerCase(java.util.Locale.ROOT) : word, value);
        return this;
    }

    /** {@return this table, matching words in any case (ip prints NUD states in capitals, reads them in lower case)} */
    public NumberNames<T> ignoringCase() {
        ignoreCase = true;
        return this;
    }

    /**
     * {@return this table, printing unnamed numbers with {@code format}}
     *
     * @param format prints a number without a name
     */
    public NumberNames<T> printingOthersAs(IntFunction<String> format) {
        other = format;
        return this;
    }

    /**
     * {@return the value of {@code n}: its constant, or an unnamed value}
     *
     * @param n the kernel's number
     */
    public T of(int n) {
        T v = byNumber.get(n);
        return v != null ? v : unnamed.apply(n);
    }

    /**
     * {@return the value ip calls {@code word}, or of a number written in decimal or hex; empty if neither}
     *
     * @param word a word as ip prints or reads it, or a number
     */
    public Optional<T> parse(String word) {
        T v = byWord.get(ignoreCase ? word.toLowerCase(java.util.Locale.ROOT) : word);
        if (v != null) {
            return Optional.of(v);
        }
        try {
            return Optional.of(of(Integer.decode(word)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * {@return the single-bit values set in {@code bits}, lowest bit first} (for flag types, whose
     * number is a bit)
     *
     * @param bits a flags word as the kernel sends it
     */
    public List<T> setIn(int bits) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            if ((bits & (1 << i)) != 0) {
                out.add(of(1 << i));
            }
        }
        return List.copyOf(out);
    }

    /**
     * {@return whether {@code n} has a name}
     *
     * @param n a number
     */
    public boolean isKnown(int n) {
        return words.containsKey(n);
    }

    /**
     * {@return ip's word for {@code n}, or the number}
     *
     * @param n a number
     */
    public String toString(int n) {
        String w = words.get(n);
        return w != null ? w : other.apply(n);
    }
}
