// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A namespace's whole ruleset as {@link Nftables#ruleset()} lists it: {@code nft list ruleset}.
 * The lists keep {@code nft}'s order: tables as the kernel keeps them; the sets, chains and rules
 * of each table in handle order.
 *
 * @param tables the tables
 * @param sets the named sets and maps (anonymous sets appear inline in their rules)
 * @param chains the chains
 * @param rules the rules
 */
public record Ruleset(List<Table> tables, List<NamedSet> sets, List<Chain> chains, List<Rule> rules) {
    /** The whole ruleset as the object of a command: {@code flush ruleset}. */
    public static final Scope ALL = new Scope(Optional.empty());

    /** Copies the lists. */
    public Ruleset {
        tables = List.copyOf(tables);
        sets = List.copyOf(sets);
        chains = List.copyOf(chains);
        rules = List.copyOf(rules);
    }

    /**
     * The ruleset, or the tables of one family, as a command's object ({@code flush ruleset},
     * {@code flush ruleset ip}).
     *
     * @param family one family, or empty for all
     */
    public record Scope(Optional<Family> family) implements NftObject {
        /** Checks the family is there. */
        public Scope {
            Objects.requireNonNull(family, "family");
        }

        @Override
        public Optional<Family> familyOf() {
            return family;
        }
    }

    /**
     * {@return the rules of one chain, in order}
     *
     * @param family the table's family
     * @param table the table
     * @param chain the chain
     */
    public List<Rule> rulesOf(Family family, String table, String chain) {
        return rules.stream().filter(r -> r.family() == family && r.table().equals(table) && r.chain().equals(chain))
                .toList();
    }
}
