// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table: the container of chains and sets of one family. JSON
 * {@code {"table": {"family": "inet", "name": "filter", "handle": 1}}}.
 *
 * @param family its family
 * @param name its name
 * @param handle the kernel's handle; 0 in a command, where it is not needed
 * @param flags {@code dormant} (its chains see no packets)
 * @param comment a comment, kept in the table's user data
 */
public record Table(Family family, String name, long handle, List<String> flags, Optional<String> comment)
        implements NftObject {
    /** Checks the parts are there; copies the flags. */
    public Table {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(name, "name");
        flags = List.copyOf(flags);
        Objects.requireNonNull(comment, "comment");
    }

    /**
     * {@return a table to add: {@code nft add table FAMILY NAME}}
     *
     * @param family its family
     * @param name its name
     */
    public static Table of(Family family, String name) {
        return new Table(family, name, 0, List.of(), Optional.empty());
    }

    @Override
    public Optional<Family> familyOf() {
        return Optional.of(family);
    }
}
