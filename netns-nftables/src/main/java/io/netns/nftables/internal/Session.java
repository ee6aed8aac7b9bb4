// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import io.netns.Errno;
import io.netns.NetnsException;
import io.netns.NetworkNamespace;
import io.netns.netlink.internal.Exchange;
import io.netns.netlink.internal.NetlinkSocket;
import io.netns.netlink.wire.ErrorMessage;
import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.MessageWriter;
import io.netns.netlink.wire.Nlmsg;
import io.netns.nftables.Family;
import io.netns.nftables.NamedSet;
import io.netns.nftables.NftablesException;
import io.netns.nftables.Rule;
import io.netns.nftables.Ruleset;
import io.netns.nftables.Transaction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.netns.nftables.internal.Nft.*;

/**
 * One NETLINK_NETFILTER socket of a namespace and what is done with it: the generation id
 * (NFT_MSG_GETGEN), dumps (through netns-netlink's {@link Exchange}), and batches: a whole
 * transaction in one datagram, BATCH_BEGIN carrying the generation it was built against, the
 * kernel's answers read back and matched to commands by sequence number.
 */
public final class Session implements AutoCloseable {
    /** How often a transaction is rebuilt when the ruleset changed under it (ERESTART). */
    static final int RESTARTS = 5;
    /** How often a listing is taken again when the generation changed while dumping. */
    static final int LIST_ATTEMPTS = 5;

    private final NetworkNamespace namespace;
    private final Exchange exchange;
    private final MessageWriter staging = MessageWriter.onHeap(16 * 1024);
    private final LinkNames names;

    /**
     * Opens a socket in {@code ns}, from a thread briefly inside it (the caller's thread never moves).
     *
     * @param ns the namespace
     */
    public Session(NetworkNamespace ns) {
        this.namespace = ns;
        this.exchange = new Exchange(ns, NetlinkSocket.openBuffered(ns, NETLINK_NETFILTER, NetlinkSocket.SOCKET_BUFFER));
        this.names = new LinkNames(ns);
    }

    /** {@return the namespace} */
    public NetworkNamespace namespace() {
        return namespace;
    }

    // ------------------------------------------------------------------ interface names

    /** {@return interface names and indexes of the namespace, asked once each per call} */
    public Values.Links links() {
        Map<String, Integer> byName = new HashMap<>();
        Map<Integer, Optional<String>> byIndex = new HashMap<>();
        return new Values.Links() {
            @Override
            public int index(String name) {
                return byName.computeIfAbsent(name, names::index);
            }

            @Override
            public Optional<String> name(int index) {
                return byIndex.computeIfAbsent(index, names::name);
            }
        };
    }

    // ------------------------------------------------------------------ requests

    private static void nfgen(MessageWriter w, int family) {
        w.u8(family).u8(0).u8(0).u8(0);
    }

    /** {@return the ruleset's generation id: NFT_MSG_GETGEN} */
    public int generation() {
        return exchange.single("generation", (w, seq) -> {
            w.beginMessage(type(NFT_MSG_GETGEN), Nlmsg.NLM_F_REQUEST | Nlmsg.NLM_F_ACK, seq, 0);
            nfgen(w, 0);
            w.endMessage();
        }, Dumps::genid);
    }

    private <T> List<T> dump(String what, int msg, int reply, int family, java.util.function.Consumer<MessageWriter> attrs,
                             java.util.function.Function<MessageReader, T> decoder) {
        return exchange.dump(what, (w, seq) -> {
            w.beginMessage(type(msg), Nlmsg.NLM_F_REQUEST | Nlmsg.NLM_F_DUMP, seq, 0);
            nfgen(w, family);
            if (attrs != null) {
                attrs.accept(w);
            }
            w.endMessage();
        }, type(reply), decoder, null);
    }

    /** {@return what the kernel holds, consistent: dumped again if the generation changed meanwhile} */
    public Listing.Raw dumpAll() {
        for (int attempt = 1; ; attempt++) {
            int before = generation();
            List<Dumps.RawTable> tables = dump("tables", NFT_MSG_GETTABLE, NFT_MSG_NEWTABLE, 0, null, Dumps::table);
            List<Dumps.RawChain> chains = dump("chains", NFT_MSG_GETCHAIN, NFT_MSG_NEWCHAIN, 0, null, Dumps::chain);
            List<Dumps.RawSet> sets = dump("sets", NFT_MSG_GETSET, NFT_MSG_NEWSET, 0, null, Dumps::set);
            Map<String, List<SetDef.Elem>> elements = new HashMap<>();
            for (Dumps.RawSet s : sets) {
                elements.put(Listing.key(s.family(), s.table(), s.name()), elements(s.family(), s.table(), s.name()));
            }
            List<Dumps.RawRule> rules = dump("rules", NFT_MSG_GETRULE, NFT_MSG_NEWRULE, 0, null, Dumps::rule);
            if (generation() == before || attempt == LIST_ATTEMPTS) {
                return new Listing.Raw(tables, chains, sets, elements, rules);
            }
        }
    }

    /** {@return the elements of one set} */
    List<SetDef.Elem> elements(Family family, String table, String set) {
        List<SetDef.Elem> out = new ArrayList<>();
        for (Dumps.RawElements e : dump("elements of set " + set, NFT_MSG_GETSETELEM, NFT_MSG_NEWSETELEM,
                family.number(), w -> {
                    w.attrString(NFTA_SET_ELEM_LIST_TABLE, table);
                    w.attrString(NFTA_SET_ELEM_LIST_SET, set);
                }, Dumps::elements)) {
            out.addAll(e.elements());
        }
        return out;
    }

    /** {@return the rules of one chain} */
    List<Dumps.RawRule> rules(Family family, String table, String chain) {
        return dump("rules of chain " + chain, NFT_MSG_GETRULE, NFT_MSG_NEWRULE, family.number(), w -> {
            w.attrString(NFTA_RULE_TABLE, table);
            w.attrString(NFTA_RULE_CHAIN, chain);
        }, Dumps::rule);
    }

    /** {@return the ruleset, typed} */
    public Ruleset ruleset() {
        return Listing.ruleset(dumpAll(), links());
    }

    // ------------------------------------------------------------------ transactions

    /** What the encoder asks the kernel about: existing sets and rule positions. */
    private BatchEncoder.State state(Values.Links links) {
        return new BatchEncoder.State() {
            @Override
            public NamedSet set(Family family, String table, String name) {
                List<Dumps.RawSet> sets = dump("sets", NFT_MSG_GETSET, NFT_MSG_NEWSET, family.number(),
                        w -> w.attrString(NFTA_SET_TABLE, table), Dumps::set);
                for (Dumps.RawSet s : sets) {
                    if (s.name().equals(name)) {
                        return Listing.namedSet(s, List.of(), links);
                    }
                }
                throw new IllegalArgumentException("set \"" + name + "\" does not exist in table " + family + " " + table);
            }

            @Override
            public long ruleAt(Rule rule, int index) {
                List<Dumps.RawRule> rules = rules(rule.family(), rule.table(), rule.chain());
                if (index < 0 || index >= rules.size()) {
                    throw new IllegalArgumentException("chain " + rule.chain() + " has " + rules.size()
                            + " rules: no rule at index " + index);
                }
                return rules.get(index).handle();
            }
        };
    }

    /**
     * Applies the commands as one batch: all or none.
     *
     * @param commands the commands
     * @throws IllegalArgumentException if a command cannot be encoded (nothing was sent)
     * @throws NftablesException if the kernel refused the batch (nothing was applied)
     */
    public void apply(List<Transaction.Command> commands) {
        if (commands.isEmpty()) {
            return;
        }
        Values.Links links = links();
        for (int attempt = 1; ; attempt++) {
            int genid = generation();
            int first = exchange.withSocket(s -> s.nextSeq());
            BatchEncoder enc = new BatchEncoder(staging.reset(), first, links, state(links));
            enc.begin(genid);
            for (int i = 0; i < commands.size(); i++) {
                try {
                    enc.command(i, commands.get(i));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("command #" + i + " " + Json.write(
                            JsonObjects.objectJsonWithVerb(commands.get(i))) + ": " + e.getMessage(), e);
                }
            }
            enc.end();
            ErrorMessage failure = send(staging, first, enc.nextSeq() - 1);
            if (failure == null) {
                return;
            }
            int index = enc.commandOf(failure.requestSeq());
            if (failure.errno() == Errno.ERESTART && index < 0 && attempt < RESTARTS) {
                continue; // the ruleset changed since the generation was read: build the batch again
            }
            throw new NftablesException(Nft.messageName(failure.requestType()), index,
                    index < 0 ? null : Json.write(JsonObjects.objectJsonWithVerb(commands.get(index))),
                    failure.errno(), failure.message(), failure.offset());
        }
    }

    /**
     * Sends a batch written in {@code batch} (sequence numbers {@code first..last}) in one datagram
     * and reads every answer the kernel queued while processing it (it does so before
     * {@code sendmsg} returns); returns the first refusal, by sequence number, or null.
     */
    private ErrorMessage send(MessageWriter batch, int first, int last) {
        byte[] bytes = batch.written().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        return exchange.withSocket(s -> {
            s.seq(last + 1);
            s.tx.reset().bytes(bytes);
            s.flush();
            ErrorMessage worst = null;
            while (true) {
                try {
                    if (!s.receive(true)) {
                        break;
                    }
                } catch (NetnsException e) {
                    if (NetlinkSocket.isEnobufs(e)) {
                        throw new NetnsException("nf_tables answers overran the socket buffer; the batch's outcome "
                                + "is unknown: list the ruleset", e);
                    }
                    throw e;
                }
                MessageReader r = s.reader;
                while (r.next()) {
                    if (r.pid() != s.portId || r.type() != Nlmsg.NLMSG_ERROR) {
                        continue;
                    }
                    ErrorMessage e = ErrorMessage.decode(r);
                    int seq = e.requestSeq();
                    if (e.isAck() || seq - first < 0 || last - seq < 0) {
                        continue;
                    }
                    if (worst == null || seq - worst.requestSeq() < 0) {
                        worst = e;
                    }
                }
            }
            return worst;
        });
    }

    @Override
    public void close() {
        exchange.close();
        names.close();
    }
}
