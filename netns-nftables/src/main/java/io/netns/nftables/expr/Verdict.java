// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.expr;

import java.util.Objects;
import java.util.Optional;

/**
 * A verdict: {@code accept}, {@code drop}, {@code continue}, {@code return}, {@code jump CHAIN},
 * {@code goto CHAIN}. A statement of a rule, and the value of a verdict map's element. JSON
 * {@code {"accept": null}}, {@code {"jump": {"target": "CHAIN"}}}.
 *
 * @param kind {@code accept}, {@code drop}, {@code continue}, {@code return}, {@code jump} or {@code goto}
 * @param target the chain of {@code jump} and {@code goto}, empty for the others
 */
public record Verdict(String kind, Optional<String> target) implements Statement, Expression {
    /** Checks the kind, and that exactly {@code jump} and {@code goto} have a target. */
    public Verdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        switch (kind) {
            case "accept", "drop", "continue", "return" -> {
                if (target.isPresent()) {
                    throw new IllegalArgumentException(kind + " takes no target chain");
                }
            }
            case "jump", "goto" -> {
                if (target.isEmpty()) {
                    throw new IllegalArgumentException(kind + " needs a target chain");
                }
            }
            default -> throw new IllegalArgumentException("not a verdict: " + kind
                    + " (accept, drop, continue, return, jump, goto)");
        }
    }

    /** {@return {@code accept}} */
    public static Verdict accept() {
        return new Verdict("accept", Optional.empty());
    }

    /** {@return {@code drop}} */
    public static Verdict drop() {
        return new Verdict("drop", Optional.empty());
    }

    /** {@return {@code return}} */
    public static Verdict ret() {
        return new Verdict("return", Optional.empty());
    }

    /** {@return {@code continue}} */
    public static Verdict cont() {
        return new Verdict("continue", Optional.empty());
    }

    /**
     * {@return {@code jump CHAIN}}
     *
     * @param chain the chain
     */
    public static Verdict jump(String chain) {
        return new Verdict("jump", Optional.of(chain));
    }

    /**
     * {@return {@code goto CHAIN}}
     *
     * @param chain the chain
     */
    public static Verdict goTo(String chain) {
        return new Verdict("goto", Optional.of(chain));
    }
}
