// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables;

import io.netns.nftables.expr.Statement;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule of a chain: statements run in order until one decides. JSON
 * {@code {"rule": {"family": "inet", "table": "t", "chain": "input", "handle": 4, "expr": [...]}}}.
 *
 * @param family the table's family
 * @param table the table's name
 * @param chain the chain's name
 * @param handle the kernel's handle: in a listing the rule's own; in an add or insert command the
 *     rule to add after or insert before (0: at the end, or the start); in replace and delete the
 *     rule meant
 * @param statements the statements (JSON {@code "expr"})
 * @param comment a comment, kept in the rule's user data
 */
public record Rule(Family family, String table, String chain, long handle, List<Statement> statements,
                   Optional<String> comment) implements NftObject {
    /** Checks the parts are there; copies the statements. */
    public Rule {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(chain, "chain");
        statements = List.copyOf(statements);
        Objects.requireNonNull(comment, "comment");
    }

    /**
     * {@return a rule to add at the end of a chain: {@code nft add rule FAMILY TABLE CHAIN STATEMENTS...}}
     *
     * @param family the table's family
     * @param table the table
     * @param chain the chain
     * @param statements the statements
     */
    public static Rule of(Family family, String table, String chain, Statement... statements) {
        return new Rule(family, table, chain, 0, List.of(statements), Optional.empty());
    }

    /**
     * {@return this rule with {@code handle}}
     *
     * @param handle the handle
     */
    public Rule withHandle(long handle) {
        return new Rule(family, table, chain, handle, statements, comment);
    }

    /**
     * {@return this rule with a comment}
     *
     * @param text the comment
     */
    public Rule withComment(String text) {
        return new Rule(family, table, chain, handle, statements, Optional.of(text));
    }

    @Override
    public Optional<Family> familyOf() {
        return Optional.of(family);
    }
}
