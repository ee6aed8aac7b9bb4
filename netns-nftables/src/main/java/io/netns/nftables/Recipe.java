// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables;

import io.netns.Errno;
import io.netns.nftables.expr.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * What a recipe of {@link Nftables} ({@link Nftables#masquerade masquerade},
 * {@link Nftables#partition partition} ...) added: a table of its own, and possibly a forwarding
 * sysctl it turned on. {@link #close()} (or {@link #heal()}) removes exactly that: it deletes the
 * table and restores the sysctl to what it was. Each rule of the table counts what it matched:
 * {@link #counters()}.
 */
public final class Recipe implements AutoCloseable {
    private final Nftables nft;
    private final Family family;
    private final String table;
    private final Runnable restore;
    private boolean closed;

    Recipe(Nftables nft, Family family, String table, Runnable restore) {
        this.nft = nft;
        this.family = family;
        this.table = table;
        this.restore = restore;
    }

    /** {@return the family of the recipe's table} */
    public Family family() {
        return family;
    }

    /** {@return the name of the recipe's table: {@code netns_masquerade_1f3a9c2b} ...} */
    public String table() {
        return table;
    }

    /** {@return the recipe's rules as the kernel lists them now: {@code nft -a list table FAMILY TABLE}} */
    public List<Rule> rules() {
        return nft.ruleset().rules().stream().filter(r -> r.family() == family && r.table().equals(table)).toList();
    }

    /**
     * {@return the counter of each of the recipe's rules, in the order of {@link #rules()}}: packets
     * and bytes matched so far
     */
    public List<Statement.Counter> counters() {
        List<Statement.Counter> out = new ArrayList<>();
        for (Rule r : rules()) {
            for (Statement s : r.statements()) {
                if (s instanceof Statement.Counter c) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** {@return the packets all of the recipe's rules matched so far} */
    public long packets() {
        return counters().stream().mapToLong(Statement.Counter::packets).sum();
    }

    /** Removes what the recipe added (the name the partition recipe uses for {@link #close()}). */
    public void heal() {
        close();
    }

    /**
     * Deletes the recipe's table ({@code nft delete table FAMILY TABLE}; already gone is fine) and
     * restores the sysctl it changed. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            nft.apply(Transaction.create().delete(Table.of(family, table)));
        } catch (NftablesException e) {
            if (e.errno() != Errno.ENOENT) {
                throw e;
            }
        } finally {
            restore.run();
        }
    }

    @Override
    public String toString() {
        return "Recipe[" + family + " " + table + "]";
    }
}
