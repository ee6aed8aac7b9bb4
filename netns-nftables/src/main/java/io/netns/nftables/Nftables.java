// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables;

import io.netns.NetworkNamespace;
import io.netns.nftables.internal.JsonObjects;
import io.netns.nftables.internal.Session;

import java.util.List;
import java.util.Objects;

/**
 * The nf_tables ruleset of one network namespace: its firewall and NAT rules, read and changed
 * over one NETLINK_NETFILTER socket, with no {@code nft} process.
 *
 * <pre>{@code
 * try (Nftables nft = Nftables.open(router)) {
 *     nft.apply("""
 *         {"nftables": [{"add": {"table": {"family": "inet", "name": "filter"}}}]}""");
 *     System.out.println(nft.rulesetJson());                 // as nft -j list ruleset prints it
 *     try (Recipe masq = nft.masquerade("up0", "198.18.1.0/24")) {
 *         // inside's 198.18.1.0/24 reaches the upstream namespace as the router's address
 *     }                                                     // removed again
 * }
 * }</pre>
 *
 * <p><b>Atomicity.</b> {@link #apply(String)} and {@link #apply(Transaction)} send the whole
 * transaction as one batch (NFNL_MSG_BATCH_BEGIN ... END), which the kernel commits entirely or not
 * at all. The batch carries the ruleset generation it was built against (NFT_MSG_GETGEN,
 * NFNL_BATCH_GENID): if another process changed the ruleset meanwhile the kernel refuses it with
 * ERESTART and it is rebuilt (up to five times), so rule positions by {@code index} and set types
 * read for the batch are never stale. Listings are taken again when the generation changed while
 * dumping.
 *
 * <p><b>Errors.</b> JSON that is not a valid command document, or values that do not fit
 * ({@code "ip saddr" == "lo"}), are refused with {@link IllegalArgumentException} before anything is
 * sent, naming the command. A refusal by the kernel is an {@link NftablesException} naming the
 * command, with the errno and the kernel's extended-ack text; nothing was applied.
 *
 * <p><b>Threads.</b> The socket is opened by a thread briefly inside the namespace (the caller's
 * thread never moves) and then used from any thread; calls are serialised. Close the handle to
 * close the socket; it does not own the namespace.
 */
public final class Nftables implements AutoCloseable {
    private final Session session;
    private final NetworkNamespace namespace;

    private Nftables(NetworkNamespace namespace) {
        this.namespace = namespace;
        this.session = new Session(namespace);
    }

    /**
     * Opens the nf_tables socket of {@code namespace}.
     *
     * @param namespace the namespace ({@code Netns.current()} for the caller's)
     * @return the handle
     */
    public static Nftables open(NetworkNamespace namespace) {
        return new Nftables(Objects.requireNonNull(namespace, "namespace"));
    }

    /** {@return the namespace this handle works in} */
    public NetworkNamespace namespace() {
        return namespace;
    }

    /**
     * Applies a libnftables JSON command document as one atomic transaction: {@code nft -j -f FILE}.
     * Objects without a command (a listing fed back) are added; the metainfo object is ignored.
     *
     * @param json {@code {"nftables": [{"add": {"table": {...}}}, {"add": {"rule": {...}}}, ...]}}
     * @throws IllegalArgumentException if the document is not valid (nothing was sent)
     * @throws NftablesException if the kernel refused a command (nothing was applied)
     */
    public void apply(String json) {
        session.apply(JsonObjects.commands(Objects.requireNonNull(json, "json")));
    }

    /**
     * Applies a transaction atomically: {@code nft -f FILE}.
     *
     * @param transaction the commands
     * @throws IllegalArgumentException if a command cannot be encoded (nothing was sent)
     * @throws NftablesException if the kernel refused a command (nothing was applied)
     */
    public void apply(Transaction transaction) {
        session.apply(transaction.commands());
    }

    /**
     * {@return the ruleset as {@code nft -j list ruleset} prints it}: the same objects, keys,
     * order and values (without the trailing newline {@code nft} prints). Kernel expressions this
     * version cannot express as statements appear as {@code {"raw": ...}} statements, byte for byte.
     */
    public String rulesetJson() {
        return JsonObjects.rulesetJson(ruleset());
    }

    /** {@return the ruleset, typed: {@code nft list ruleset}} */
    public Ruleset ruleset() {
        return session.ruleset();
    }

    /**
     * {@return the rules of one chain, in order: {@code nft -a list chain FAMILY TABLE CHAIN}}
     *
     * @param family the family
     * @param table the table
     * @param chain the chain
     */
    public List<Rule> rules(Family family, String table, String chain) {
        return ruleset().rulesOf(family, table, chain);
    }

    /**
     * {@return the ruleset's generation id}: it changes with every committed transaction
     * (NFT_MSG_GETGEN, what {@code nft} reads before it builds a batch)
     */
    public int generation() {
        return session.generation();
    }

    /**
     * Subscribes to the namespace's ruleset changes: {@code nft monitor}.
     *
     * @return the monitor; close it
     */
    public NftMonitor monitor() {
        return NftMonitor.open(namespace);
    }

    // ------------------------------------------------------------------ recipes

    /**
     * Source NAT for a prefix leaving through an interface, and IPv4 (or IPv6) forwarding on:
     * {@code sysctl -w net.ipv4.ip_forward=1} and
     * {@code nft add rule ip netns_masq_N postrouting ip saddr PREFIX oifname IFACE counter masquerade}
     * in a table of its own.
     *
     * @param outInterface the interface towards the outside
     * @param fromPrefix the inside prefix ({@code 198.18.1.0/24}, or an IPv6 prefix)
     * @return the recipe; closing it deletes its table and restores the forwarding sysctl it changed
     */
    public Recipe masquerade(String outInterface, String fromPrefix) {
        return Recipes.masquerade(this, outInterface, fromPrefix);
    }

    /**
     * Destination NAT of a port to an inside address, and forwarding on:
     * {@code nft add rule ip netns_fwd_N prerouting tcp dport PORT counter dnat to ADDR:TOPORT}.
     *
     * @param proto {@code tcp} or {@code udp}
     * @param port the port connections arrive at
     * @param toAddress where they are sent (IPv4 or IPv6)
     * @param toPort the port there
     * @return the recipe; closing it deletes its table and restores the forwarding sysctl it changed
     */
    public Recipe forwardPort(String proto, int port, String toAddress, int toPort) {
        return Recipes.forwardPort(this, proto, port, toAddress, toPort);
    }

    /**
     * Drops every packet to or from the prefixes, in all directions (input, output, forward):
     * {@code nft add rule inet netns_isolate_N filter ip saddr PREFIX counter drop} ...
     *
     * @param prefixes addresses or prefixes ({@code 198.18.2.0/24}, {@code fd42:6e73::/48})
     * @return the recipe; closing it lets the traffic through again
     */
    public Recipe isolate(String... prefixes) {
        return Recipes.isolate(this, List.of(prefixes));
    }

    /**
     * Drops every packet between two prefixes, both ways, whether forwarded or to and from this
     * namespace: {@code nft add rule inet netns_partition_N filter ip saddr A ip daddr B counter drop}
     * and the reverse.
     *
     * @param a one side ({@code 198.18.1.0/24})
     * @param b the other side
     * @return the partition; {@link Recipe#heal()} (or close) removes it
     */
    public Recipe partition(String a, String b) {
        return Recipes.partition(this, a, b);
    }

    /**
     * Drops a random share of the packets this namespace receives (before routing, so forwarded
     * ones too): {@code nft add rule inet netns_droprandom_N prerouting numgen random mod 100 < PERCENT counter drop}.
     *
     * @param percent 1 to 100
     * @return the recipe; closing it stops the loss
     */
    public Recipe dropRandom(int percent) {
        return Recipes.dropRandom(this, percent);
    }

    /**
     * Limits the packets this namespace receives to a rate, dropping the rest:
     * {@code nft add rule inet netns_limit_N prerouting limit rate over RATE/second burst BURST packets counter drop}.
     *
     * @param packetsPerSecond the rate let through
     * @param burst the burst let through above it
     * @return the recipe; closing it lifts the limit
     */
    public Recipe limit(long packetsPerSecond, int burst) {
        return Recipes.limit(this, packetsPerSecond, burst);
    }

    /** Closes the socket. The namespace handle is not closed. Idempotent. */
    @Override
    public void close() {
        session.close();
    }

    @Override
    public String toString() {
        return "Nftables[" + namespace + "]";
    }
}
