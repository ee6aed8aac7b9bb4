// SPDX-License-Identifier: Apache-2.0
/**
 * nf_tables of a network namespace: {@link io.netns.nftables.Nftables#open} a handle, then
 * {@link io.netns.nftables.Nftables#apply(String) apply} libnftables JSON or a
 * {@link io.netns.nftables.Transaction}, {@link io.netns.nftables.Nftables#rulesetJson() list} the
 * ruleset, {@link io.netns.nftables.Nftables#monitor() watch} its changes, or use a recipe
 * ({@link io.netns.nftables.Nftables#masquerade masquerade},
 * {@link io.netns.nftables.Nftables#forwardPort forwardPort},
 * {@link io.netns.nftables.Nftables#partition partition} ...).
 *
 * <p>Conventions: values are immutable records; absent parts are {@link java.util.Optional}s;
 * the objects and their JSON are those of libnftables-json(5); every operation's documentation
 * names the {@code nft} command it replaces.
 */
package io.netns.nftables;
