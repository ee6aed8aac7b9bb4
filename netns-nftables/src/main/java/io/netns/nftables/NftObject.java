// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables;

/**
 * What a command of a {@link Transaction} is about: a {@link Table}, a {@link Chain}, a
 * {@link Rule}, a {@link NamedSet}, the {@link SetElements} of a set, or the whole
 * {@link Ruleset#ALL ruleset} (for {@code flush ruleset}). The objects of libnftables JSON.
 */
public sealed interface NftObject permits Table, Chain, Rule, NamedSet, SetElements, Ruleset.Scope {
    /** {@return the family of the table it belongs to (the ruleset scope: empty for all families)} */
    java.util.Optional<Family> familyOf();
}
