// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import io.netns.nftables.Chain;
import io.netns.nftables.Family;
import io.netns.nftables.NamedSet;
import io.netns.nftables.NftObject;
import io.netns.nftables.Rule;
import io.netns.nftables.Ruleset;
import io.netns.nftables.SetElements;
import io.netns.nftables.Table;
import io.netns.nftables.Transaction;
import io.netns.nftables.expr.Expression;
import io.netns.nftables.expr.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static io.netns.nftables.internal.Json.obj;
import static io.netns.nftables.internal.JsonModel.bad;
import static io.netns.nftables.internal.JsonModel.number;
import static io.netns.nftables.internal.JsonModel.object;
import static io.netns.nftables.internal.JsonModel.optString;
import static io.netns.nftables.internal.JsonModel.string;
import static io.netns.nftables.internal.JsonModel.strings;

/**
 * Tables, chains, rules, sets and commands to libnftables JSON and back; the listing printed
 * as {@code nft -j list ruleset} prints it (nftables 1.0.6: its key order, its metainfo).
 */
public final class JsonObjects {
    private JsonObjects() {
    }

    /** The metainfo object of nftables 1.0.6, whose output format this module reproduces. */
    static final Map<String, Object> METAINFO = obj("metainfo", obj("version", "1.0.6", "release_name",
            "Lester Gooch #5", "json_schema_version", 1L));

    // ================================================================== listing

    /**
     * {@return the ruleset as {@code nft -j list ruleset} prints it}, without the trailing newline
     *
     * @param r the ruleset
     */
    public static String rulesetJson(Ruleset r) {
        List<Object> items = new ArrayList<>();
        items.add(METAINFO);
        for (Table t : r.tables()) {
            items.add(obj("table", table(t, true)));
            for (NamedSet s : r.sets()) {
                if (s.family() == t.family() && s.table().equals(t.name())) {
                    items.add(obj(s.isMap() ? "map" : "set", set(s, true)));
                }
            }
            for (Chain c : r.chains()) {
                if (c.family() == t.family() && c.table().equals(t.name())) {
                    items.add(obj("chain", chain(c, true)));
                }
            }
            for (Chain c : r.chains()) {
                if (c.family() == t.family() && c.table().equals(t.name())) {
                    for (Rule rule : r.rules()) {
                        if (rule.family() == t.family() && rule.table().equals(t.name()) && rule.chain().equals(c.name())) {
                            items.add(obj("rule", rule(rule, true)));
                        }
                    }
                }
            }
        }
        return Json.write(obj("nftables", items));
    }

    static Map<String, Object> table(Table t, boolean listing) {
        Map<String, Object> m = obj("family", t.family().nftName(), "name", t.name());
        if (listing || t.handle() != 0) {
            m.put("handle", t.handle());
        }
        if (!t.flags().isEmpty()) {
            m.put("flags", t.flags().size() == 1 ? t.flags().get(0) : new ArrayList<>(t.flags()));
        }
        if (!listing) {
            t.comment().ifPresent(c -> m.put("comment", c));
        }
        return m;
    }

    static Map<String, Object> chain(Chain c, boolean listing) {
        Map<String, Object> m = obj("family", c.family().nftName(), "table", c.table(), "name", c.name());
        if (listing || c.handle() != 0) {
            m.put("handle", c.handle());
        }
        if (!listing) {
            c.comment().ifPresent(x -> m.put("comment", x));
        }
        c.hook().ifPresent(h -> {
            m.put("type", h.type());
            m.put("hook", h.hook());
            if (!listing) {
                h.device().ifPresent(d -> m.put("dev", d));
            }
            m.put("prio", (long) h.prio());
            m.put("policy", h.policy());
        });
        return m;
    }

    static Map<String, Object> rule(Rule r, boolean listing) {
        Map<String, Object> m = obj("family", r.family().nftName(), "table", r.table(), "chain", r.chain());
        if (listing || r.handle() != 0) {
            m.put("handle", r.handle());
        }
        r.comment().ifPresent(c -> m.put("comment", c));
        List<Object> exprs = new ArrayList<>();
        for (Statement s : r.statements()) {
            exprs.add(JsonModel.stmt(s));
        }
        m.put("expr", exprs);
        return m;
    }

    static Map<String, Object> set(NamedSet s, boolean listing) {
        Map<String, Object> m = obj("family", s.family().nftName(), "name", s.name(), "table", s.table(),
                "type", s.type().size() == 1 ? s.type().get(0) : new ArrayList<>(s.type()));
        if (listing || s.handle() != 0) {
            m.put("handle", s.handle());
        }
        if (!listing) {
            s.comment().ifPresent(c -> m.put("comment", c));
        }
        s.map().ifPresent(x -> m.put("map", x));
        s.policy().ifPresent(p -> m.put("policy", p));
        s.size().ifPresent(x -> m.put("size", x));
        if (!s.flags().isEmpty()) {
            m.put("flags", new ArrayList<>(s.flags()));
        }
        s.timeout().ifPresent(x -> m.put("timeout", x));
        s.gcInterval().ifPresent(x -> m.put("gc-interval", x));
        if (!s.elements().isEmpty()) {
            List<Object> elems = new ArrayList<>();
            s.elements().forEach(e -> elems.add(JsonModel.expr(e)));
            m.put("elem", elems);
        }
        return m;
    }

    // ================================================================== commands

    /**
     * {@return the commands of a libnftables JSON document}: objects without a command verb (a
     * listing fed back) are added, the metainfo object is skipped
     *
     * @param json the document
     * @throws IllegalArgumentException naming the command and the part that is wrong
     */
    public static List<Transaction.Command> commands(String json) {
        Object doc = Json.parse(json);
        Map<String, Object> root = object(doc, "document");
        Object list = root.get("nftables");
        if (!(list instanceof List<?> items) || root.size() != 1) {
            throw new IllegalArgumentException("a libnftables JSON document is {\"nftables\": [COMMANDS...]}");
        }
        List<Transaction.Command> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            String where = "command #" + i;
            try {
                Map.Entry<String, Object> e = JsonModel.single(item, where);
                if (e.getKey().equals("metainfo")) {
                    continue;
                }
                Transaction.Verb verb = switch (e.getKey()) {
                    case "add" -> Transaction.Verb.ADD;
                    case "create" -> Transaction.Verb.CREATE;
                    case "insert" -> Transaction.Verb.INSERT;
                    case "replace" -> Transaction.Verb.REPLACE;
                    case "delete" -> Transaction.Verb.DELETE;
                    case "flush" -> Transaction.Verb.FLUSH;
                    case "table", "chain", "rule", "set", "map", "element" -> null;
                    default -> throw bad(where, "unsupported command \"" + e.getKey()
                            + "\" (add, create, insert, replace, delete, flush)");
                };
                Object body = verb == null ? item : e.getValue();
                Map.Entry<String, Object> o = JsonModel.single(body, where);
                out.add(new Transaction.Command(verb == null ? Transaction.Verb.ADD : verb,
                        toObject(o.getKey(), o.getValue(), verb == null ? Transaction.Verb.ADD : verb, where + "/" + o.getKey())));
            } catch (IllegalArgumentException x) {
                String msg = x.getMessage() == null ? "" : x.getMessage();
                throw new IllegalArgumentException(msg.startsWith(where) ? msg + " in " + Json.write(item)
                        : where + " " + Json.write(item) + ": " + msg, x);
            }
        }
        return out;
    }

    private static Family family(Map<String, Object> m, String where) {
        return m.containsKey("family") ? Family.of(string(m, "family", where)) : Family.IP;
    }

    private static long handle(Map<String, Object> m, String where) {
        return m.containsKey("handle") ? number(m, "handle", where) : 0;
    }

    static NftObject toObject(String kind, Object v, Transaction.Verb verb, String where) {
        if (kind.equals("ruleset")) {
            Map<String, Object> m = v == null ? Map.of() : object(v, where);
            return new Ruleset.Scope(m.containsKey("family") ? Optional.of(family(m, where)) : Optional.empty());
        }
        Map<String, Object> m = object(v, where);
        Family f = family(m, where);
        return switch (kind) {
            case "table" -> new Table(f, string(m, "name", where), handle(m, where), strings(m.get("flags"), where),
                    optString(m, "comment", where));
            case "chain" -> {
                Optional<Chain.Hook> hook = Optional.empty();
                if (m.containsKey("hook") || m.containsKey("type")) {
                    String hookName = string(m, "hook", where);
                    hook = Optional.of(new Chain.Hook(string(m, "type", where), hookName,
                            Priorities.parse(m.get("prio"), f, hookName, where),
                            m.containsKey("policy") ? string(m, "policy", where) : "accept", optString(m, "dev", where)));
                }
                yield new Chain(f, string(m, "table", where), string(m, "name", where), handle(m, where), hook,
                        optString(m, "comment", where));
            }
            case "rule" -> {
                List<Statement> stmts = new ArrayList<>();
                Object exprs = m.get("expr");
                if (exprs instanceof List<?> l) {
                    for (int i = 0; i < l.size(); i++) {
                        stmts.add(JsonModel.stmt(l.get(i), where + "/expr[" + i + "]"));
                    }
                } else if (exprs != null || (verb != Transaction.Verb.DELETE)) {
                    throw bad(where, "a rule's \"expr\" is an array of statements");
                }
                long handle = handle(m, where);
                if (m.containsKey("index")) {
                    if (handle != 0) {
                        throw bad(where, "give \"handle\" or \"index\", not both");
                    }
                    handle = -1 - number(m, "index", where); // resolved against the chain when applied
                }
                yield new Rule(f, string(m, "table", where), string(m, "chain", where), handle, stmts,
                        optString(m, "comment", where));
            }
            case "set", "map" -> {
                Object type = m.get("type");
                List<String> types = type == null && verb != Transaction.Verb.ADD && verb != Transaction.Verb.CREATE
                        ? List.of("ipv4_addr") : strings(type, where);
                if (types.isEmpty()) {
                    throw bad(where, "a set needs \"type\"");
                }
                Optional<String> map = optString(m, "map", where);
                if (kind.equals("map") && map.isEmpty() && verb != Transaction.Verb.DELETE
                        && verb != Transaction.Verb.FLUSH) {
                    throw bad(where, "a map needs \"map\": the value's type");
                }
                yield new NamedSet(f, string(m, "table", where), string(m, "name", where), handle(m, where), types, map,
                        strings(m.get("flags"), where), optLong(m, "timeout", where), optLong(m, "gc-interval", where),
                        optLong(m, "size", where), optString(m, "policy", where), elems(m.get("elem"), where,
                        map.isPresent()), optString(m, "comment", where));
            }
            case "element" -> new SetElements(f, string(m, "table", where), string(m, "name", where),
                    elems(m.get("elem"), where, true));
            default -> throw bad(where, "unsupported object \"" + kind + "\" (table, chain, rule, set, map, element, ruleset)");
        };
    }

    private static List<Expression> elems(Object v, String where, boolean entries) {
        if (v == null) {
            return List.of();
        }
        List<?> l = v instanceof List<?> x ? x : List.of(v);
        List<Expression> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            out.add(JsonModel.expr(l.get(i), where + "/elem[" + i + "]", entries));
        }
        return out;
    }

    private static OptionalLong optLong(Map<String, Object> m, String key, String where) {
        return m.containsKey(key) ? OptionalLong.of(number(m, key, where)) : OptionalLong.empty();
    }

    /**
     * {@return the commands as a libnftables JSON document}
     *
     * @param commands the commands
     */
    public static String commandsJson(List<Transaction.Command> commands) {
        List<Object> items = new ArrayList<>();
        for (Transaction.Command c : commands) {
            items.add(obj(c.verb().json(), objectJson(c.object())));
        }
        return Json.write(obj("nftables", items));
    }

    /**
     * {@return one command as libnftables JSON: {@code {"add": {"table": {...}}}}}
     *
     * @param c the command
     */
    public static Map<String, Object> objectJsonWithVerb(Transaction.Command c) {
        return obj(c.verb().json(), objectJson(c.object()));
    }

    /**
     * {@return the JSON of one command's object: {@code {"table": {...}}}}
     *
     * @param o the object
     */
    public static Map<String, Object> objectJson(NftObject o) {
        return switch (o) {
            case Table t -> obj("table", table(t, false));
            case Chain c -> obj("chain", chain(c, false));
            case Rule r -> {
                Map<String, Object> m = rule(r, false);
                if (r.handle() < 0) {
                    m.remove("handle");
                    m.put("index", -1 - r.handle());
                }
                yield obj("rule", m);
            }
            case NamedSet s -> obj(s.isMap() ? "map" : "set", set(s, false));
            case SetElements e -> {
                List<Object> elems = new ArrayList<>();
                e.elements().forEach(x -> elems.add(JsonModel.expr(x)));
                yield obj("element", obj("family", e.family().nftName(), "table", e.table(), "name", e.set(),
                        "elem", elems));
            }
            case Ruleset.Scope s -> obj("ruleset", s.family().isPresent() ? obj("family", s.family().get().nftName())
                    : null);
        };
    }
}
