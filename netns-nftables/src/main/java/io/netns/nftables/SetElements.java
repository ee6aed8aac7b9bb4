// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables;

import io.netns.nftables.expr.Expression;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Elements of a named set or map, for {@code add element} and {@code delete element}. JSON
 * {@code {"element": {"family": "inet", "table": "t", "name": "blocked", "elem": ["198.18.0.9"]}}}.
 *
 * @param family the table's family
 * @param table the table's name
 * @param set the set's name
 * @param elements the elements
 */
public record SetElements(Family family, String table, String set, List<Expression> elements) implements NftObject {
    /** Checks the parts are there; copies the list. */
    public SetElements {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(set, "set");
        elements = List.copyOf(elements);
    }

    @Override
    public Optional<Family> familyOf() {
        return Optional.of(family);
    }
}
