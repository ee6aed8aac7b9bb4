// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables;

/**
 * A change of the ruleset, as {@code nft monitor} reports it: a table, chain, rule or set added or
 * deleted, the new generation after each committed transaction, or the loss of events.
 */
public sealed interface NftEvent {
    /** Whether something was added or deleted. */
    enum Action {
        /** Added ({@code add ...} in {@code nft monitor}). */
        NEW,
        /** Deleted ({@code delete ...}). */
        DEL
    }

    /**
     * A table was added or deleted.
     *
     * @param action added or deleted
     * @param table the table
     */
    record TableEvent(Action action, Table table) implements NftEvent {
    }

    /**
     * A chain was added or deleted.
     *
     * @param action added or deleted
     * @param chain the chain
     */
    record ChainEvent(Action action, Chain chain) implements NftEvent {
    }

    /**
     * A rule was added or deleted.
     *
     * @param action added or deleted
     * @param rule the rule, its statements lifted as in a listing
     */
    record RuleEvent(Action action, Rule rule) implements NftEvent {
    }

    /**
     * A named set or map was added or deleted (anonymous sets appear inside their rules).
     *
     * @param action added or deleted
     * @param set the set, without elements
     */
    record SetEvent(Action action, NamedSet set) implements NftEvent {
    }

    /**
     * Elements of a named set were added or deleted.
     *
     * @param action added or deleted
     * @param elements the elements, typed by the set when the monitor saw it created, else raw numbers
     */
    record ElementEvent(Action action, SetElements elements) implements NftEvent {
    }

    /**
     * A transaction was committed: the ruleset's new generation (NFT_MSG_NEWGEN).
     *
     * @param id the generation id
     */
    record Generation(int id) implements NftEvent {
    }

    /** The kernel dropped events because the monitor was not read fast enough (ENOBUFS): list the ruleset again. */
    record Overrun() implements NftEvent {
    }

    /**
     * A notification that could not be decoded.
     *
     * @param messageType its nlmsg_type
     * @param error why
     */
    record Undecodable(int messageType, RuntimeException error) implements NftEvent {
    }
}
