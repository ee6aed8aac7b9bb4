// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables;

import io.netns.nftables.internal.JsonObjects;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Commands applied together by {@link Nftables#apply(Transaction)}: all or none (one
 * nf_tables batch). The typed form of a libnftables JSON command document; {@link #toJson()}
 * and {@link #fromJson(String)} convert.
 *
 * <pre>{@code
 * nft.apply(Transaction.create()
 *         .add(Table.of(Family.INET, "filter"))
 *         .add(Chain.base(Family.INET, "filter", "input", "filter", "input", 0, "drop"))
 *         .add(Rule.of(Family.INET, "filter", "input", Match.eq(new Meta("iifname"), Value.of("lo")),
 *                 Verdict.accept())));
 * }</pre>
 *
 * Not thread-safe; build it on one thread.
 */
public final class Transaction {
    /** The command verbs of libnftables JSON. */
    public enum Verb {
        /** {@code add}: create, or leave alone if it exists (a rule: append, or add after the rule {@link Rule#handle()}). */
        ADD,
        /** {@code create}: create; fail with EEXIST if it exists. */
        CREATE,
        /** {@code insert}: a rule at the start of its chain, or before the rule {@link Rule#handle()}. */
        INSERT,
        /** {@code replace}: the rule {@link Rule#handle()} by this one. */
        REPLACE,
        /** {@code delete}: remove; fail with ENOENT if absent. */
        DELETE,
        /** {@code flush}: empty a chain, a table, a set, or the whole ruleset. */
        FLUSH;

        /** {@return the JSON spelling: {@code add}, {@code create} ...} */
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One command.
     *
     * @param verb what to do
     * @param object what to do it to
     */
    public record Command(Verb verb, NftObject object) {
        /** Checks the verb suits the object. */
        public Command {
            Objects.requireNonNull(verb, "verb");
            Objects.requireNonNull(object, "object");
            boolean ok = switch (verb) {
                case ADD, CREATE -> !(object instanceof Ruleset.Scope);
                case INSERT, REPLACE -> object instanceof Rule;
                case DELETE -> !(object instanceof Ruleset.Scope);
                case FLUSH -> !(object instanceof Rule) && !(object instanceof SetElements);
            };
            if (!ok) {
                throw new IllegalArgumentException(verb.json() + " does not apply to a "
                        + object.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    private final List<Command> commands = new ArrayList<>();

    private Transaction() {
    }

    /** {@return an empty transaction} */
    public static Transaction create() {
        return new Transaction();
    }

    /**
     * {@return the transaction of a libnftables JSON command document (the input of {@code nft -j -f})}
     *
     * @param json {@code {"nftables": [{"add": {"table": {...}}}, ...]}}
     * @throws IllegalArgumentException if the document is not valid, saying which command and where
     */
    public static Transaction fromJson(String json) {
        Transaction t = new Transaction();
        t.commands.addAll(JsonObjects.commands(json));
        return t;
    }

    /**
     * Adds a command.
     *
     * @param verb what to do
     * @param object what to do it to
     * @return this transaction
     */
    public Transaction command(Verb verb, NftObject object) {
        commands.add(new Command(verb, object));
        return this;
    }

    /**
     * {@return this, with {@code nft add OBJECT}}
     *
     * @param object a table, chain, rule, set or elements
     */
    public Transaction add(NftObject object) {
        return command(Verb.ADD, object);
    }

    /**
     * {@return this, with {@code nft create OBJECT}}
     *
     * @param object a table, chain, set or elements
     */
    public Transaction create(NftObject object) {
        return command(Verb.CREATE, object);
    }

    /**
     * {@return this, with {@code nft insert rule ...}}
     *
     * @param rule the rule
     */
    public Transaction insert(Rule rule) {
        return command(Verb.INSERT, rule);
    }

    /**
     * {@return this, with {@code nft replace rule ... handle H}}
     *
     * @param rule the rule, with the handle of the one it replaces
     */
    public Transaction replace(Rule rule) {
        return command(Verb.REPLACE, rule);
    }

    /**
     * {@return this, with {@code nft delete OBJECT}}
     *
     * @param object a table, chain, rule (by handle), set or elements
     */
    public Transaction delete(NftObject object) {
        return command(Verb.DELETE, object);
    }

    /**
     * {@return this, with {@code nft flush OBJECT}}
     *
     * @param object the ruleset ({@link Ruleset#ALL}), a table, chain or set
     */
    public Transaction flush(NftObject object) {
        return command(Verb.FLUSH, object);
    }

    /** {@return the commands, in order} */
    public List<Command> commands() {
        return List.copyOf(commands);
    }

    /** {@return the commands as a libnftables JSON document, the input {@code nft -j -f} takes} */
    public String toJson() {
        return JsonObjects.commandsJson(commands);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
