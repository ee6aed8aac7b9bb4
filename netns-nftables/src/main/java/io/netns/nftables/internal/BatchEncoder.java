// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import io.netns.netlink.wire.MessageWriter;
import io.netns.netlink.wire.Nlmsg;
import io.netns.nftables.Chain;
import io.netns.nftables.Family;
import io.netns.nftables.NamedSet;
import io.netns.nftables.Rule;
import io.netns.nftables.Ruleset;
import io.netns.nftables.SetElements;
import io.netns.nftables.Table;
import io.netns.nftables.Transaction;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.netns.nftables.internal.LowCodec.NESTED;
import static io.netns.nftables.internal.LowCodec.be32;
import static io.netns.nftables.internal.LowCodec.be64;
import static io.netns.nftables.internal.Nft.*;

/**
 * Writes a transaction as one nf_tables batch: NFNL_MSG_BATCH_BEGIN, the messages of each command
 * (with the anonymous sets of a rule before it), NFNL_MSG_BATCH_END; the messages and their
 * attributes as {@code nft} writes them. Remembers which command each message belongs to, so an
 * error the kernel reports for a sequence number names the command.
 */
public final class BatchEncoder {
    /** What the encoder asks about the namespace: existing sets' key types, rules' positions. */
    public interface State {
        /**
         * {@return the set's definition, from the kernel}
         *
         * @param family f
         * @param table t
         * @param name n
         */
        NamedSet set(Family family, String table, String name);

        /**
         * {@return the handle of the rule at {@code index} in a chain}
         *
         * @param rule the rule naming the chain
         * @param index the position
         */
        long ruleAt(Rule rule, int index);
    }

    private final MessageWriter w;
    private final Values.Links links;
    private final State state;
    private final int firstSeq;
    private int seq;
    /** The command index of each message, by sequence number minus {@link #firstSeq}. */
    private final List<Integer> commandOf = new ArrayList<>();
    /** Sets this batch creates: key "family table name". */
    private final Map<String, NamedSet> newSets = new HashMap<>();
    private final Map<String, Integer> setIds = new HashMap<>();
    private int nextSetId = 1;

    /**
     * An encoder writing into {@code w} from sequence number {@code firstSeq} on.
     *
     * @param w the writer
     * @param firstSeq the sequence number of BATCH_BEGIN
     * @param links interface names
     * @param state the namespace's sets and rules
     */
    public BatchEncoder(MessageWriter w, int firstSeq, Values.Links links, State state) {
        this.w = w;
        this.firstSeq = firstSeq;
        this.seq = firstSeq;
        this.links = links;
        this.state = state;
    }

    /**
     * {@return the command a message belongs to, or -1 (BEGIN, END, or not of this batch)}
     *
     * @param seq its sequence number
     */
    public int commandOf(int seq) {
        int i = seq - firstSeq;
        return i >= 0 && i < commandOf.size() ? commandOf.get(i) : -1;
    }

    /** {@return the sequence number of the next message} */
    public int nextSeq() {
        return seq;
    }

    private void header(int msg, int flags, int family, int command) {
        w.beginMessage(msg, flags, seq++, 0);
        w.u8(family).u8(0).u8(0).u8(0);
        commandOf.add(command);
    }

    /**
     * Writes NFNL_MSG_BATCH_BEGIN.
     *
     * @param genid the generation the batch is built against (the kernel refuses it with ERESTART
     *     otherwise), or null
     */
    public void begin(Integer genid) {
        w.beginMessage(NFNL_MSG_BATCH_BEGIN, Nlmsg.NLM_F_REQUEST, seq++, 0);
        w.u8(0).u8(0).u8(0).u8(NFNL_SUBSYS_NFTABLES);
        if (genid != null) {
            w.attrU32Be(NFNL_BATCH_GENID, genid);
        }
        w.endMessage();
        commandOf.add(-1);
    }

    /** Writes NFNL_MSG_BATCH_END, asking for an acknowledgement (kernels since 6.10 send one). */
    public void end() {
        w.beginMessage(NFNL_MSG_BATCH_END, Nlmsg.NLM_F_REQUEST | Nlmsg.NLM_F_ACK, seq++, 0);
        w.u8(0).u8(0).u8(0).u8(NFNL_SUBSYS_NFTABLES);
        w.endMessage();
        commandOf.add(-1);
    }

    /**
     * Writes the messages of one command.
     *
     * @param index the command's index in the transaction
     * @param c the command
     * @throws IllegalArgumentException if the command cannot be encoded (bad values, unknown names)
     */
    public void command(int index, Transaction.Command c) {
        int req = Nlmsg.NLM_F_REQUEST;
        int create = Nlmsg.NLM_F_CREATE | (c.verb() == Transaction.Verb.CREATE ? Nlmsg.NLM_F_EXCL : 0);
        switch (c.object()) {
            case Table t -> {
                switch (c.verb()) {
                    case ADD, CREATE -> {
                        header(type(NFT_MSG_NEWTABLE), req | (c.verb() == Transaction.Verb.CREATE ? Nlmsg.NLM_F_EXCL : 0),
                                t.family().number(), index);
                        w.attrString(NFTA_TABLE_NAME, t.name());
                        int flags = 0;
                        for (String f : t.flags()) {
                            if (!f.equals("dormant")) {
                                throw new IllegalArgumentException("table flag \"" + f + "\" (dormant)");
                            }
                            flags |= NFT_TABLE_F_DORMANT;
                        }
                        be32(w, NFTA_TABLE_FLAGS, flags);
                        t.comment().ifPresent(x -> w.attrBytes(NFTA_TABLE_USERDATA, comment(0, x)));
                    }
                    case DELETE -> {
                        header(type(NFT_MSG_DELTABLE), req, t.family().number(), index);
                        w.attrString(NFTA_TABLE_NAME, t.name());
                    }
                    default -> { // FLUSH: every rule of the table
                        header(type(NFT_MSG_DELRULE), req, t.family().number(), index);
                        w.attrString(NFTA_RULE_TABLE, t.name());
                    }
                }
                w.endMessage();
            }
            case Chain ch -> {
                switch (c.verb()) {
                    case ADD, CREATE -> {
                        header(type(NFT_MSG_NEWCHAIN), req | create, ch.family().number(), index);
                        w.attrString(NFTA_CHAIN_TABLE, ch.table());
                        w.attrString(NFTA_CHAIN_NAME, ch.name());
                        if (ch.hook().isPresent()) {
                            Chain.Hook h = ch.hook().get();
                            switch (h.type()) {
                                case "filter", "nat", "route" -> {
                                }
                                default -> throw new IllegalArgumentException("chain type \"" + h.type()
                                        + "\" (filter, nat, route)");
                            }
                            w.attrString(NFTA_CHAIN_TYPE, h.type());
                            be32(w, NFTA_CHAIN_POLICY, switch (h.policy()) {
                                case "accept" -> NF_ACCEPT;
                                case "drop" -> NF_DROP;
                                default -> throw new IllegalArgumentException("chain policy \"" + h.policy()
                                        + "\" (accept, drop)");
                            });
                            long hook = w.beginNested(NFTA_CHAIN_HOOK | NESTED);
                            be32(w, NFTA_HOOK_HOOKNUM, Priorities.hookNumber(ch.family(), h.hook()));
                            be32(w, NFTA_HOOK_PRIORITY, h.prio());
                            h.device().ifPresent(d -> w.attrString(NFTA_HOOK_DEV, d));
                            w.endNested(hook);
                        }
                        ch.comment().ifPresent(x -> w.attrBytes(NFTA_CHAIN_USERDATA, comment(0, x)));
                    }
                    case DELETE -> {
                        header(type(NFT_MSG_DELCHAIN), req, ch.family().number(), index);
                        w.attrString(NFTA_CHAIN_TABLE, ch.table());
                        w.attrString(NFTA_CHAIN_NAME, ch.name());
                    }
                    default -> {
                        header(type(NFT_MSG_DELRULE), req, ch.family().number(), index);
                        w.attrString(NFTA_RULE_TABLE, ch.table());
                        w.attrString(NFTA_RULE_CHAIN, ch.name());
                    }
                }
                w.endMessage();
            }
            case Rule r -> rule(index, c.verb(), r);
            case NamedSet s -> set(index, c.verb(), s);
            case SetElements e -> elements(index, c.verb(), e);
            case Ruleset.Scope s -> {
                header(type(NFT_MSG_DELTABLE), req, s.family().map(Family::number).orElse(0), index);
                w.endMessage();
            }
        }
    }

    private void rule(int index, Transaction.Verb verb, Rule r) {
        long handle = r.handle();
        if (handle < 0 && (verb == Transaction.Verb.ADD || verb == Transaction.Verb.INSERT)) {
            handle = state.ruleAt(r, (int) (-1 - handle));
        }
        if (verb == Transaction.Verb.DELETE) {
            if (handle <= 0) {
                throw new IllegalArgumentException("delete rule needs the rule's \"handle\"");
            }
            header(type(NFT_MSG_DELRULE), Nlmsg.NLM_F_REQUEST, r.family().number(), index);
            w.attrString(NFTA_RULE_TABLE, r.table());
            w.attrString(NFTA_RULE_CHAIN, r.chain());
            be64(w, NFTA_RULE_HANDLE, handle);
            w.endMessage();
            return;
        }
        if (verb == Transaction.Verb.REPLACE && handle <= 0) {
            throw new IllegalArgumentException("replace rule needs the \"handle\" of the rule it replaces");
        }
        if (verb == Transaction.Verb.CREATE) {
            throw new IllegalArgumentException("rules are added or inserted, not created");
        }
        Linearizer lin = new Linearizer(r.family(), links, new Linearizer.Sets() {
            @Override
            public int nextId() {
                return nextSetId++;
            }

            @Override
            public Integer idOf(String name) {
                return setIds.get(r.family() + " " + r.table() + " " + name);
            }
        });
        lin.statements(r.statements());
        for (SetDef s : lin.anonymous) {
            setMessages(index, r.family(), r.table(), s, Nlmsg.NLM_F_CREATE);
        }
        int flags = Nlmsg.NLM_F_REQUEST | switch (verb) {
            case ADD -> Nlmsg.NLM_F_CREATE | Nlmsg.NLM_F_APPEND;
            case INSERT -> Nlmsg.NLM_F_CREATE;
            default -> Nlmsg.NLM_F_REPLACE;
        };
        header(type(NFT_MSG_NEWRULE), flags, r.family().number(), index);
        w.attrString(NFTA_RULE_TABLE, r.table());
        w.attrString(NFTA_RULE_CHAIN, r.chain());
        if (verb == Transaction.Verb.REPLACE) {
            be64(w, NFTA_RULE_HANDLE, handle);
        }
        LowCodec.encodeList(w, NFTA_RULE_EXPRESSIONS, lin.out);
        if (verb != Transaction.Verb.REPLACE && handle > 0) {
            be64(w, NFTA_RULE_POSITION, handle);
        }
        r.comment().ifPresent(x -> w.attrBytes(NFTA_RULE_USERDATA, comment(0, x)));
        w.endMessage();
    }

    private void set(int index, Transaction.Verb verb, NamedSet s) {
        int req = Nlmsg.NLM_F_REQUEST;
        switch (verb) {
            case ADD, CREATE -> {
                int id = nextSetId++;
                String key = s.family() + " " + s.table() + " " + s.name();
                setIds.put(key, id);
                newSets.put(key, s);
                SetDef def = SetCodec.named(s, id, links);
                setMessages(index, s.family(), s.table(), def, Nlmsg.NLM_F_CREATE
                        | (verb == Transaction.Verb.CREATE ? Nlmsg.NLM_F_EXCL : 0));
            }
            case DELETE -> {
                header(type(NFT_MSG_DELSET), req, s.family().number(), index);
                w.attrString(NFTA_SET_TABLE, s.table());
                w.attrString(NFTA_SET_NAME, s.name());
                w.endMessage();
            }
            default -> {
                header(type(NFT_MSG_DELSETELEM), req, s.family().number(), index);
                w.attrString(NFTA_SET_ELEM_LIST_SET, s.name());
                w.attrString(NFTA_SET_ELEM_LIST_TABLE, s.table());
                w.endMessage();
            }
        }
    }

    private void elements(int index, Transaction.Verb verb, SetElements e) {
        String key = e.family() + " " + e.table() + " " + e.set();
        NamedSet s = newSets.get(key);
        if (s == null) {
            s = state.set(e.family(), e.table(), e.set());
        }
        boolean interval = s.flags().contains("interval");
        SetCodec.Key k = SetCodec.key(s.type());
        Type dataT = s.map().filter(m -> !m.equals("verdict")).map(Type.BY_NAME::get).orElse(null);
        List<SetDef.Elem> elems = e.elements().isEmpty() ? List.of()
                : SetCodec.elements(k, dataT, e.elements(), interval, false, s.isMap(), links);
        if (verb == Transaction.Verb.DELETE) {
            if (interval && !elems.isEmpty() && elems.get(0).end() && isZero(elems.get(0).key())) {
                elems = elems.subList(1, elems.size()); // the leading end marker belongs to the set, not the element
            }
            header(type(NFT_MSG_DELSETELEM), Nlmsg.NLM_F_REQUEST, e.family().number(), index);
            w.attrString(NFTA_SET_ELEM_LIST_TABLE, e.table());
            w.attrString(NFTA_SET_ELEM_LIST_SET, e.set());
            elementList(elems);
            w.endMessage();
            return;
        }
        header(type(NFT_MSG_NEWSETELEM), Nlmsg.NLM_F_REQUEST | Nlmsg.NLM_F_CREATE
                | (verb == Transaction.Verb.CREATE ? Nlmsg.NLM_F_EXCL : 0), e.family().number(), index);
        w.attrString(NFTA_SET_ELEM_LIST_TABLE, e.table());
        w.attrString(NFTA_SET_ELEM_LIST_SET, e.set());
        Integer id = setIds.get(key);
        if (id != null) {
            be32(w, NFTA_SET_ELEM_LIST_SET_ID, id);
        }
        elementList(elems);
        w.endMessage();
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** NEWSET, then NEWSETELEM with its elements if it has any. */
    private void setMessages(int index, Family family, String table, SetDef s, int createFlags) {
        header(type(NFT_MSG_NEWSET), Nlmsg.NLM_F_REQUEST | createFlags, family.number(), index);
        w.attrString(NFTA_SET_TABLE, table);
        w.attrString(NFTA_SET_NAME, s.name());
        be32(w, NFTA_SET_FLAGS, s.flags());
        be32(w, NFTA_SET_KEY_TYPE, s.keyType());
        be32(w, NFTA_SET_KEY_LEN, s.keyLen());
        if (s.dataType() != null) {
            be32(w, NFTA_SET_DATA_TYPE, s.dataType());
            be32(w, NFTA_SET_DATA_LEN, s.dataLen());
        }
        be32(w, NFTA_SET_ID, s.id());
        if (s.policy() != null) {
            be32(w, NFTA_SET_POLICY, s.policy());
        }
        if (s.size() != null) {
            long desc = w.beginNested(NFTA_SET_DESC | NESTED);
            be32(w, NFTA_SET_DESC_SIZE, s.size());
            w.endNested(desc);
        }
        if (s.timeoutMs() != null) {
            be64(w, NFTA_SET_TIMEOUT, s.timeoutMs());
        }
        if (s.gcMs() != null) {
            be32(w, NFTA_SET_GC_INTERVAL, s.gcMs());
        }
        w.attrBytes(NFTA_SET_USERDATA, s.udata());
        w.endMessage();
        if (!s.elements().isEmpty()) {
            header(type(NFT_MSG_NEWSETELEM), Nlmsg.NLM_F_REQUEST | Nlmsg.NLM_F_CREATE, family.number(), index);
            w.attrString(NFTA_SET_ELEM_LIST_TABLE, table);
            w.attrString(NFTA_SET_ELEM_LIST_SET, s.name());
            be32(w, NFTA_SET_ELEM_LIST_SET_ID, s.id());
            elementList(s.elements());
            w.endMessage();
        }
    }

    private void elementList(List<SetDef.Elem> elems) {
        long list = w.beginNested(NFTA_SET_ELEM_LIST_ELEMENTS | NESTED);
        int i = 0;
        for (SetDef.Elem e : elems) {
            long el = w.beginNested(++i | NESTED);
            if (e.end()) {
                be32(w, NFTA_SET_ELEM_FLAGS, NFT_SET_ELEM_INTERVAL_END);
            }
            LowCodec.value(w, NFTA_SET_ELEM_KEY, Low.Bytes.of(e.key()));
            if (e.verdict() != null) {
                long d = w.beginNested(NFTA_SET_ELEM_DATA | NESTED);
                long v = w.beginNested(NFTA_DATA_VERDICT | NESTED);
                be32(w, NFTA_VERDICT_CODE, e.verdict());
                if (e.chain() != null) {
                    w.attrString(NFTA_VERDICT_CHAIN, e.chain());
                }
                w.endNested(v);
                w.endNested(d);
            } else if (e.data() != null) {
                LowCodec.value(w, NFTA_SET_ELEM_DATA, Low.Bytes.of(e.data()));
            }
            w.endNested(el);
        }
        w.endNested(list);
    }

    /** nftables' user data holding a comment: one TLV, the string with its NUL. */
    static byte[] comment(int type, String text) {
        byte[] s = text.getBytes(StandardCharsets.UTF_8);
        if (s.length + 1 > 255) {
            throw new IllegalArgumentException("comment longer than 254 bytes");
        }
        byte[] b = new byte[s.length + 3];
        b[0] = (byte) type;
        b[1] = (byte) (s.length + 1);
        System.arraycopy(s, 0, b, 2, s.length);
        return b;
    }
}
