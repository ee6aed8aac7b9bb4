// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables;

import io.netns.nftables.expr.Expression;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A named set or map of a table. JSON {@code {"set": {"family": "inet", "name": "blocked",
 * "table": "t", "type": "ipv4_addr", "handle": 3, "flags": ["interval"], "elem": [...]}}}, or
 * {@code {"map": {..., "map": "verdict", ...}}} for a map.
 *
 * @param family the table's family
 * @param table the table's name
 * @param name the set's name
 * @param handle the kernel's handle; 0 in a command
 * @param type the key's type ({@code ipv4_addr}, {@code ipv6_addr}, {@code inet_service},
 *     {@code inet_proto}, {@code ether_addr}, {@code ifname}, {@code mark} ...); several for a
 *     concatenation ({@code ipv4_addr . inet_service})
 * @param map for a map: the value's type ({@code verdict}, {@code ipv4_addr}, {@code mark} ...)
 * @param flags {@code constant}, {@code interval}, {@code timeout}
 * @param timeout for {@code timeout} sets: the elements' default lifetime in seconds
 * @param gcInterval the garbage collection interval in seconds
 * @param size the maximum number of elements
 * @param policy {@code performance} or {@code memory}
 * @param elements the elements: values, {@link Expression.Prefix}es and {@link Expression.Range}s
 *     (in {@code interval} sets), {@link Expression.MapEntry}s (in maps)
 * @param comment a comment, kept in the set's user data
 */
public record NamedSet(Family family, String table, String name, long handle, List<String> type,
                       Optional<String> map, List<String> flags, OptionalLong timeout, OptionalLong gcInterval,
                       OptionalLong size, Optional<String> policy, List<Expression> elements,
                       Optional<String> comment) implements NftObject {
    /** Checks the parts are there; copies the lists. */
    public NamedSet {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        type = List.copyOf(type);
        if (type.isEmpty()) {
            throw new IllegalArgumentException("a set needs a key type");
        }
        Objects.requireNonNull(map, "map");
        flags = List.copyOf(flags);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(gcInterval, "gcInterval");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(policy, "policy");
        elements = List.copyOf(elements);
        Objects.requireNonNull(comment, "comment");
    }

    /**
     * {@return a set to add: {@code nft add set FAMILY TABLE NAME '{ type TYPE; flags FLAGS; elements = { ... } }'}}
     *
     * @param family the table's family
     * @param table the table
     * @param name the set
     * @param type the key's type
     * @param flags the flags
     * @param elements the first elements
     */
    public static NamedSet of(Family family, String table, String name, String type, List<String> flags,
                              List<Expression> elements) {
        return new NamedSet(family, table, name, 0, List.of(type), Optional.empty(), flags, OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), elements, Optional.empty());
    }

    /** {@return whether this is a map} */
    public boolean isMap() {
        return map.isPresent();
    }

    @Override
    public Optional<Family> familyOf() {
        return Optional.of(family);
    }
}
