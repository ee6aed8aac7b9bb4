// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables;

import java.util.Objects;
import java.util.Optional;

/**
 * A chain of a table: a base chain (one with a {@link Hook}: packets enter it at a netfilter
 * hook) or a regular chain (reached by {@code jump} and {@code goto}). JSON
 * {@code {"chain": {"family": "inet", "table": "t", "name": "input", "handle": 1, "type": "filter",
 * "hook": "input", "prio": 0, "policy": "accept"}}}.
 *
 * @param family the table's family
 * @param table the table's name
 * @param name the chain's name
 * @param handle the kernel's handle; 0 in a command
 * @param hook for a base chain: where and how it is attached
 * @param comment a comment, kept in the chain's user data
 */
public record Chain(Family family, String table, String name, long handle, Optional<Hook> hook,
                    Optional<String> comment) implements NftObject {
    /** Checks the parts are there. */
    public Chain {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(comment, "comment");
    }

    /**
     * Where a base chain is attached.
     *
     * @param type {@code filter}, {@code nat} or {@code route}
     * @param hook {@code prerouting}, {@code input}, {@code forward}, {@code output},
     *     {@code postrouting}; {@code ingress} or {@code egress} for netdev
     * @param prio the priority: lower runs first ({@code filter} is 0, {@code srcnat} 100,
     *     {@code dstnat} -100 ...)
     * @param policy {@code accept} or {@code drop}: the verdict when no rule decided
     * @param device for netdev chains (and inet ingress): the device
     */
    public record Hook(String type, String hook, int prio, String policy, Optional<String> device) {
        /** Checks the parts are there. */
        public Hook {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(hook, "hook");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(device, "device");
        }
    }

    /**
     * {@return a regular chain to add: {@code nft add chain FAMILY TABLE NAME}}
     *
     * @param family the table's family
     * @param table the table
     * @param name the chain
     */
    public static Chain regular(Family family, String table, String name) {
        return new Chain(family, table, name, 0, Optional.empty(), Optional.empty());
    }

    /**
     * {@return a base chain to add:
     * {@code nft add chain FAMILY TABLE NAME '{ type TYPE hook HOOK priority PRIO; policy POLICY; }'}}
     *
     * @param family the table's family
     * @param table the table
     * @param name the chain
     * @param type {@code filter}, {@code nat} or {@code route}
     * @param hook the hook
     * @param prio the priority
     * @param policy {@code accept} or {@code drop}
     */
    public static Chain base(Family family, String table, String name, String type, String hook, int prio,
                             String policy) {
        return new Chain(family, table, name, 0, Optional.of(new Hook(type, hook, prio, policy, Optional.empty())),
                Optional.empty());
    }

    @Override
    public Optional<Family> familyOf() {
        return Optional.of(family);
    }
}
