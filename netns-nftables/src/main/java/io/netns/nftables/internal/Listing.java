// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import io.netns.nftables.Chain;
import io.netns.nftables.Family;
import io.netns.nftables.NamedSet;
import io.netns.nftables.Rule;
import io.netns.nftables.Ruleset;
import io.netns.nftables.Table;
import io.netns.nftables.expr.Expression;
import io.netns.nftables.expr.Statement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static io.netns.nftables.internal.Nft.*;

/**
 * Assembles what the kernel dumped into a {@link Ruleset}: sets typed from their key type, their
 * elements joined into intervals, rules lifted to statements (anonymous sets inline), in the order
 * {@code nft} lists them.
 */
public final class Listing {
    private Listing() {
    }

    /** What a listing is made of. */
    public record Raw(List<Dumps.RawTable> tables, List<Dumps.RawChain> chains, List<Dumps.RawSet> sets,
                      Map<String, List<SetDef.Elem>> elements, List<Dumps.RawRule> rules) {
    }

    /**
     * {@return the key under which a set's elements are kept}
     *
     * @param f family
     * @param table table
     * @param set set
     */
    public static String key(Family f, String table, String set) {
        return f.nftName() + " " + table + " " + set;
    }

    /**
     * {@return the ruleset}
     *
     * @param raw what the kernel dumped
     * @param links interface names
     */
    public static Ruleset ruleset(Raw raw, Values.Links links) {
        List<Table> tables = new ArrayList<>();
        for (Dumps.RawTable t : raw.tables()) {
            tables.add(new Table(t.family(), t.name(), t.handle(), (t.flags() & NFT_TABLE_F_DORMANT) != 0
                    ? List.of("dormant") : List.of(), Dumps.comment(t.udata(), 0)));
        }
        Map<String, Dumps.RawSet> setsByKey = new HashMap<>();
        List<NamedSet> sets = new ArrayList<>();
        for (Dumps.RawSet s : sorted(raw.sets())) {
            setsByKey.put(key(s.family(), s.table(), s.name()), s);
            if ((s.flags() & NFT_SET_ANONYMOUS) == 0) {
                sets.add(namedSet(s, raw.elements().getOrDefault(key(s.family(), s.table(), s.name()), List.of()), links));
            }
        }
        List<Chain> chains = new ArrayList<>();
        for (Dumps.RawChain c : raw.chains()) {
            chains.add(new Chain(c.family(), c.table(), c.name(), c.handle(), c.hook(), Dumps.comment(c.udata(), 0)));
        }
        List<Rule> rules = new ArrayList<>();
        for (Dumps.RawRule r : raw.rules()) {
            rules.add(rule(r, links, (name, id) -> {
                Dumps.RawSet s = setsByKey.get(key(r.family(), r.table(), name));
                return s == null ? null : new Delinearizer.SetView(s.flags(),
                        raw.elements().getOrDefault(key(r.family(), r.table(), name), List.of()));
            }));
        }
        return new Ruleset(tables, sets, chains, rules);
    }

    /** The sets in handle order within each table, the tables' order kept. */
    private static List<Dumps.RawSet> sorted(List<Dumps.RawSet> sets) {
        List<Dumps.RawSet> out = new ArrayList<>(sets);
        List<String> tables = new ArrayList<>();
        for (Dumps.RawSet s : sets) {
            String t = s.family() + " " + s.table();
            if (!tables.contains(t)) {
                tables.add(t);
            }
        }
        out.sort((a, b) -> {
            int c = Integer.compare(tables.indexOf(a.family() + " " + a.table()), tables.indexOf(b.family() + " " + b.table()));
            return c != 0 ? c : Long.compare(a.handle(), b.handle());
        });
        return out;
    }

    /**
     * {@return a rule lifted to statements}
     *
     * @param r the kernel's rule
     * @param links names
     * @param sets its table's sets
     */
    public static Rule rule(Dumps.RawRule r, Values.Links links, Delinearizer.Sets sets) {
        List<Statement> stmts = Delinearizer.decode(r.family(), r.exprs(), links, sets);
        return new Rule(r.family(), r.table(), r.chain(), r.handle(), stmts, Dumps.comment(r.udata(), 0));
    }

    /** The types of a set key's parts, from nftables' type number (6 bits per part). */
    static List<Type> keyTypes(int id) {
        List<Type> parts = new ArrayList<>();
        int rest = id;
        while (rest != 0) {
            Type t = Type.BY_ID.get(rest & 0x3f);
            parts.add(0, t == null ? Type.INTEGER : t);
            rest >>>= 6;
        }
        if (parts.isEmpty()) {
            parts.add(Type.INTEGER);
        }
        return parts;
    }

    static NamedSet namedSet(Dumps.RawSet s, List<SetDef.Elem> elems, Values.Links links) {
        List<Type> types = keyTypes(s.keyType());
        List<String> typeNames = types.stream().map(t -> t.name).toList();
        Optional<String> map = Optional.empty();
        Fields.Spec data = null;
        if ((s.flags() & NFT_SET_MAP) != 0 && s.dataType() != null) {
            if (s.dataType() == NFT_DATA_VERDICT) {
                map = Optional.of("verdict");
            } else {
                Type dt = Type.BY_ID.getOrDefault(s.dataType(), Type.INTEGER);
                map = Optional.of(dt.name);
                data = new Fields.Spec(dt, s.dataLen() == null ? dt.size : s.dataLen(), dt.order == Type.BIG);
            }
        }
        List<String> flags = new ArrayList<>();
        if ((s.flags() & NFT_SET_CONSTANT) != 0) {
            flags.add("constant");
        }
        if ((s.flags() & NFT_SET_INTERVAL) != 0) {
            flags.add("interval");
        }
        if ((s.flags() & NFT_SET_TIMEOUT) != 0) {
            flags.add("timeout");
        }
        if ((s.flags() & NFT_SET_EVAL) != 0) {
            flags.add("dynamic");
        }
        List<Expression> elements;
        if (types.size() == 1) {
            Type t = types.get(0);
            Fields.Spec spec = new Fields.Spec(t, s.keyLen(), t.order == Type.BIG);
            elements = SetCodec.decode(spec, data, elems, (s.flags() & NFT_SET_INTERVAL) != 0, links);
        } else {
            elements = SetCodec.decodeConcat(types, data, elems, links);
        }
        return new NamedSet(s.family(), s.table(), s.name(), s.handle(), typeNames, map, flags,
                s.timeoutMs() == null ? OptionalLong.empty() : OptionalLong.of(s.timeoutMs() / 1000),
                s.gcMs() == null ? OptionalLong.empty() : OptionalLong.of(s.gcMs() / 1000),
                // nft sizes a constant set to its elements itself, and does not list that size
                s.size() == null || (s.flags() & NFT_SET_CONSTANT) != 0 ? OptionalLong.empty() : OptionalLong.of(s.size()),
                s.policy() != null && s.policy() == 1 ? Optional.of("memory") : Optional.empty(), elements,
                Dumps.comment(s.udata(), 7));
    }
}
