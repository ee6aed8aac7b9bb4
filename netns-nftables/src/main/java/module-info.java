// SPDX-License-Identifier: Apache-2.0
/**
 * nf_tables from Java: firewall and NAT rules of any network namespace, without an {@code nft}
 * process. libnftables JSON in and out ({@code nft -j -f}, {@code nft -j list ruleset}), atomic
 * transactions, a typed model, change events, and recipes (masquerade, port forwarding,
 * partitions). Start with {@link io.netns.nftables.Nftables}. Builds on the socket layer of
 * {@code io.netns.netlink} (NETLINK_NETFILTER); it calls no native code itself.
 */
module io.netns.nftables {
    requires transitive io.netns;
    requires transitive io.netns.netlink;

    exports io.netns.nftables;
    exports io.netns.nftables.expr;
}
