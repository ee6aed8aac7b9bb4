// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import io.netns.netlink.wire.MessageReader;
import io.netns.nftables.Chain;
import io.netns.nftables.Family;
import io.netns.nftables.NamedSet;
import io.netns.nftables.NftEvent;
import io.netns.nftables.SetElements;
import io.netns.nftables.Table;
import io.netns.nftables.expr.Expression;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.netns.nftables.internal.Nft.*;

/**
 * Decodes nf_tables notifications into {@link NftEvent}s. Remembers the sets it saw created (and
 * the elements of anonymous ones), so that a rule's anonymous set prints inline and elements are
 * typed by their set.
 */
public final class Events {
    private final Values.Links links;
    private final Map<String, Dumps.RawSet> sets = new HashMap<>();
    private final Map<String, List<SetDef.Elem>> anonymousElements = new HashMap<>();

    /**
     * A decoder.
     *
     * @param links interface names
     */
    public Events(Values.Links links) {
        this.links = links;
    }

    /**
     * {@return the event of one notification, or null for one that is not reported}
     *
     * @param r a reader on the message
     */
    public NftEvent decode(MessageReader r) {
        if ((r.type() >> 8) != NFNL_SUBSYS_NFTABLES) {
            return null;
        }
        int msg = r.type() & 0xff;
        NftEvent.Action action = switch (msg) {
            case NFT_MSG_NEWTABLE, NFT_MSG_NEWCHAIN, NFT_MSG_NEWRULE, NFT_MSG_NEWSET, NFT_MSG_NEWSETELEM -> NftEvent.Action.NEW;
            default -> NftEvent.Action.DEL;
        };
        switch (msg) {
            case NFT_MSG_NEWTABLE, NFT_MSG_DELTABLE -> {
                Dumps.RawTable t = Dumps.table(r);
                return new NftEvent.TableEvent(action, new Table(t.family(), t.name(), t.handle(),
                        (t.flags() & NFT_TABLE_F_DORMANT) != 0 ? List.of("dormant") : List.of(),
                        Dumps.comment(t.udata(), 0)));
            }
            case NFT_MSG_NEWCHAIN, NFT_MSG_DELCHAIN -> {
                Dumps.RawChain c = Dumps.chain(r);
                return new NftEvent.ChainEvent(action, new Chain(c.family(), c.table(), c.name(), c.handle(), c.hook(),
                        Dumps.comment(c.udata(), 0)));
            }
            case NFT_MSG_NEWRULE, NFT_MSG_DELRULE -> {
                Dumps.RawRule rule = Dumps.rule(r);
                return new NftEvent.RuleEvent(action, Listing.rule(rule, links, (name, id) -> {
                    Dumps.RawSet s = sets.get(Listing.key(rule.family(), rule.table(), name));
                    return s == null ? null : new Delinearizer.SetView(s.flags(),
                            anonymousElements.getOrDefault(Listing.key(rule.family(), rule.table(), name), List.of()));
                }));
            }
            case NFT_MSG_NEWSET, NFT_MSG_DELSET -> {
                Dumps.RawSet s = Dumps.set(r);
                String key = Listing.key(s.family(), s.table(), s.name());
                if (action == NftEvent.Action.NEW) {
                    sets.put(key, s);
                }
                if ((s.flags() & NFT_SET_ANONYMOUS) != 0) {
                    return null;
                }
                return new NftEvent.SetEvent(action, Listing.namedSet(s, List.of(), links));
            }
            case NFT_MSG_NEWSETELEM, NFT_MSG_DELSETELEM -> {
                Dumps.RawElements e = Dumps.elements(r);
                String key = Listing.key(e.family(), e.table(), e.set());
                Dumps.RawSet s = sets.get(key);
                if (s != null && (s.flags() & NFT_SET_ANONYMOUS) != 0) {
                    anonymousElements.computeIfAbsent(key, k -> new ArrayList<>()).addAll(e.elements());
                    return null;
                }
                List<Expression> elems = s != null ? Listing.namedSet(s, e.elements(), links).elements()
                        : Listing.namedSet(new Dumps.RawSet(e.family(), e.table(), e.set(), 0, 0, Type.INTEGER.id,
                        0, null, null, null, null, null, null, null, null), e.elements(), links).elements();
                return new NftEvent.ElementEvent(action, new SetElements(e.family(), e.table(), e.set(), elems));
            }
            case NFT_MSG_NEWGEN -> {
                return new NftEvent.Generation(Dumps.genid(r));
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * The family of a set key, for tests.
     *
     * @param f a family @return its name
     */
    static String name(Family f) {
        return f.nftName();
    }

    /** Unused: keeps the view type named for readers of {@link #decode}. */
    static NamedSet none() {
        return null;
    }
}
