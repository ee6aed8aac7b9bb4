// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import io.netns.nftables.expr.Expression;
import io.netns.nftables.expr.Expression.Binary;
import io.netns.nftables.expr.Expression.Concat;
import io.netns.nftables.expr.Expression.Ct;
import io.netns.nftables.expr.Expression.MapEntry;
import io.netns.nftables.expr.Expression.Meta;
import io.netns.nftables.expr.Expression.Numgen;
import io.netns.nftables.expr.Expression.Payload;
import io.netns.nftables.expr.Expression.Prefix;
import io.netns.nftables.expr.Expression.Range;
import io.netns.nftables.expr.Expression.RawPayload;
import io.netns.nftables.expr.Expression.SetLiteral;
import io.netns.nftables.expr.Expression.SetRef;
import io.netns.nftables.expr.Expression.Value;
import io.netns.nftables.expr.Expression.ValueList;
import io.netns.nftables.expr.Statement;
import io.netns.nftables.expr.Verdict;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static io.netns.nftables.internal.Json.obj;

/**
 * Expressions and statements to libnftables JSON and back, with {@code nft}'s key order (so a
 * listing prints as {@code nft -j} prints it) and its input spellings.
 */
public final class JsonModel {
    private JsonModel() {
    }

    // ================================================================== to JSON

    /**
     * {@return the JSON value of an expression}
     *
     * @param e the expression
     */
    public static Object expr(Expression e) {
        return switch (e) {
            case Payload p -> obj("payload", obj("protocol", p.protocol(), "field", p.field()));
            case RawPayload p -> obj("payload", obj("base", p.base(), "offset", (long) p.offset(), "len",
                    (long) p.length()));
            case Meta m -> obj("meta", obj("key", m.key()));
            case Ct c -> {
                Map<String, Object> m = obj("key", c.key());
                c.dir().ifPresent(d -> m.put("dir", d));
                yield obj("ct", m);
            }
            case Numgen n -> obj("numgen", obj("mode", n.mode(), "mod", n.mod(), "offset", n.offset()));
            case Value v -> v.value();
            case Prefix p -> obj("prefix", obj("addr", expr(p.addr()), "len", (long) p.len()));
            case Range r -> obj("range", List.of(expr(r.from()), expr(r.to())));
            case SetLiteral s -> obj("set", list(s.elements()));
            case SetRef r -> "@" + r.name();
            case ValueList l -> list(l.values());
            case Binary b -> obj(b.op(), list(b.operands()));
            case Concat c -> obj("concat", list(c.parts()));
            case MapEntry m -> List.of(expr(m.key()), expr(m.value()));
            case Verdict v -> verdict(v);
        };
    }

    private static List<Object> list(List<Expression> es) {
        List<Object> out = new ArrayList<>(es.size());
        for (Expression e : es) {
            out.add(expr(e));
        }
        return out;
    }

    private static Object verdict(Verdict v) {
        return obj(v.kind(), v.target().isPresent() ? obj("target", v.target().get()) : null);
    }

    /**
     * {@return the JSON object of a statement}
     *
     * @param s the statement
     */
    public static Map<String, Object> stmt(Statement s) {
        return switch (s) {
            case Statement.Match m -> obj("match", obj("op", m.op(), "left", expr(m.left()), "right", expr(m.right())));
            case Statement.Counter c -> obj("counter", obj("packets", c.packets(), "bytes", c.bytes()));
            case Verdict v -> obj(v.kind(), v.target().isPresent() ? obj("target", v.target().get()) : null);
            case Statement.Reject r -> {
                Map<String, Object> m = obj();
                r.type().ifPresent(t -> m.put("type", t));
                r.expr().ifPresent(x -> m.put("expr", x));
                yield obj("reject", m.isEmpty() ? null : m);
            }
            case Statement.Nat n -> {
                Map<String, Object> m = obj();
                n.family().ifPresent(f -> m.put("family", f));
                n.addr().ifPresent(a -> m.put("addr", expr(a)));
                n.port().ifPresent(p -> m.put("port", expr(p)));
                if (!n.flags().isEmpty()) {
                    m.put("flags", n.flags().size() == 1 ? n.flags().get(0) : new ArrayList<>(n.flags()));
                }
                yield obj(n.kind(), m.isEmpty() ? null : m);
            }
            case Statement.Limit l -> {
                Map<String, Object> m = obj("rate", l.rate(), "burst", l.burst(), "per", l.per());
                if (l.inv()) {
                    m.put("inv", true);
                }
                l.rateUnit().ifPresent(u -> m.put("rate_unit", u));
                l.burstUnit().ifPresent(u -> m.put("burst_unit", u));
                yield obj("limit", m);
            }
            case Statement.Log l -> {
                Map<String, Object> m = obj();
                l.prefix().ifPresent(p -> m.put("prefix", p));
                l.group().ifPresent(g -> m.put("group", (long) g));
                l.snaplen().ifPresent(g -> m.put("snaplen", (long) g));
                l.queueThreshold().ifPresent(g -> m.put("queue-threshold", (long) g));
                l.level().ifPresent(v -> m.put("level", v));
                if (!l.flags().isEmpty()) {
                    m.put("flags", l.flags().size() == 1 ? l.flags().get(0) : new ArrayList<>(l.flags()));
                }
                yield obj("log", m.isEmpty() ? null : m);
            }
            case Statement.Quota q -> {
                Map<String, Object> m = obj("val", q.val(), "val_unit", q.valUnit());
                if (q.used() != 0) {
                    m.put("used", q.used());
                    m.put("used_unit", q.usedUnit());
                }
                if (q.inv()) {
                    m.put("inv", true);
                }
                yield obj("quota", m);
            }
            case Statement.Mangle m -> obj("mangle", obj("key", expr(m.key()), "value", expr(m.value())));
            case Statement.VerdictMap v -> obj("vmap", obj("key", expr(v.key()), "data", expr(v.data())));
            case Statement.Raw r -> {
                Map<String, Object> m = obj("expr", r.expr());
                r.data().ifPresent(d -> m.put("data", HexFormat.of().formatHex(d)));
                yield obj("raw", m);
            }
        };
    }

    // ================================================================== from JSON

    /** A JSON shape error: {@code where} says which part. */
    static IllegalArgumentException bad(String where, String what) {
        return new IllegalArgumentException(where + ": " + what);
    }

    /** The one key of a JSON object such as {@code {"payload": {...}}}. */
    static Map.Entry<String, Object> single(Object o, String where) {
        if (!(o instanceof Map<?, ?> m) || m.size() != 1) {
            throw bad(where, "expected an object with one key, got " + Json.write(o));
        }
        @SuppressWarnings("unchecked")
        Map.Entry<String, Object> e = ((Map<String, Object>) m).entrySet().iterator().next();
        return e;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object o, String where) {
        if (!(o instanceof Map<?, ?>)) {
            throw bad(where, "expected an object, got " + Json.write(o));
        }
        return (Map<String, Object>) o;
    }

    static String string(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (!(v instanceof String s)) {
            throw bad(where, v == null ? "\"" + key + "\" is missing" : "\"" + key + "\" must be a string");
        }
        return s;
    }

    static Optional<String> optString(Map<String, Object> m, String key, String where) {
        return m.containsKey(key) ? Optional.of(string(m, key, where)) : Optional.empty();
    }

    static long number(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v instanceof Long n) {
            return n;
        }
        throw bad(where, v == null ? "\"" + key + "\" is missing" : "\"" + key + "\" must be a number");
    }

    static boolean bool(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw bad(where, "\"" + key + "\" must be true or false");
    }

    /** A string or an array of strings (nft accepts both for flags). */
    static List<String> strings(Object v, String where) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                if (!(o instanceof String s)) {
                    throw bad(where, "expected strings, got " + Json.write(o));
                }
                out.add(s);
            }
            return out;
        }
        throw bad(where, "expected a string or an array of strings");
    }

    /**
     * {@return the expression of a JSON value}
     *
     * @param o the JSON value
     * @param where the path, for errors
     * @param entries whether a two-element array is a map element ({@code [KEY, VALUE]})
     */
    public static Expression expr(Object o, String where, boolean entries) {
        if (o instanceof String s) {
            return s.startsWith("@") ? new SetRef(s.substring(1)) : Value.of(s);
        }
        if (o instanceof Long n) {
            return Value.of(n);
        }
        if (o instanceof Boolean b) {
            return new Value(b);
        }
        if (o instanceof List<?> l) {
            if (entries && l.size() == 2) {
                return new MapEntry(expr(l.get(0), where, false), mapValue(l.get(1), where));
            }
            return new ValueList(exprs(l, where, false));
        }
        if (o == null) {
            throw bad(where, "null is not an expression");
        }
        Map.Entry<String, Object> e = single(o, where);
        String k = e.getKey();
        Object v = e.getValue();
        String at = where + "/" + k;
        return switch (k) {
            case "payload" -> {
                Map<String, Object> m = object(v, at);
                if (m.containsKey("base")) {
                    yield new RawPayload(string(m, "base", at), (int) number(m, "offset", at), (int) number(m, "len", at));
                }
                yield new Payload(string(m, "protocol", at), string(m, "field", at));
            }
            case "meta" -> new Meta(string(object(v, at), "key", at));
            case "ct" -> {
                Map<String, Object> m = object(v, at);
                String key = string(m, "key", at);
                Optional<String> fam = optString(m, "family", at);
                if (fam.isPresent() && !key.contains(" ")) {
                    key = fam.get() + " " + key; // {"key": "saddr", "family": "ip"} is "ip saddr"
                }
                yield new Ct(key, optString(m, "dir", at));
            }
            case "numgen" -> {
                Map<String, Object> m = object(v, at);
                yield new Numgen(string(m, "mode", at), number(m, "mod", at),
                        m.containsKey("offset") ? number(m, "offset", at) : 0);
            }
            case "prefix" -> {
                Map<String, Object> m = object(v, at);
                yield new Prefix(expr(m.get("addr"), at, false), (int) number(m, "len", at));
            }
            case "range" -> {
                if (!(v instanceof List<?> l) || l.size() != 2) {
                    throw bad(at, "a range is [FROM, TO]");
                }
                yield new Range(expr(l.get(0), at, false), expr(l.get(1), at, false));
            }
            case "set" -> {
                if (v instanceof String s) {
                    yield new SetRef(s.startsWith("@") ? s.substring(1) : s);
                }
                if (!(v instanceof List<?> l)) {
                    yield new SetLiteral(List.of(expr(v, at, true)));
                }
                yield new SetLiteral(exprs(l, at, true));
            }
            case "concat" -> {
                if (!(v instanceof List<?> l)) {
                    throw bad(at, "a concatenation is an array");
                }
                yield new Concat(exprs(l, at, false));
            }
            case "&", "|", "^", "<<", ">>" -> {
                if (!(v instanceof List<?> l) || l.size() < 2) {
                    throw bad(at, "a binary operation is [LEFT, RIGHT]");
                }
                yield new Binary(k, exprs(l, at, false));
            }
            case "accept", "drop", "continue", "return", "jump", "goto" -> verdictOf(k, v, at);
            default -> throw bad(where, "unsupported expression \"" + k + "\"");
        };
    }

    private static Expression mapValue(Object o, String where) {
        if (o instanceof Map<?, ?> m && m.size() == 1) {
            String k = single(o, where).getKey();
            switch (k) {
                case "accept", "drop", "continue", "return", "jump", "goto" -> {
                    return verdictOf(k, single(o, where).getValue(), where + "/" + k);
                }
                default -> {
                }
            }
        }
        return expr(o, where, false);
    }

    static Verdict verdictOf(String k, Object v, String at) {
        if (k.equals("jump") || k.equals("goto")) {
            return new Verdict(k, Optional.of(string(object(v, at), "target", at)));
        }
        if (v != null) {
            throw bad(at, k + " takes null");
        }
        return new Verdict(k, Optional.empty());
    }

    private static List<Expression> exprs(List<?> l, String where, boolean entries) {
        List<Expression> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            out.add(expr(l.get(i), where + "[" + i + "]", entries));
        }
        return out;
    }

    /**
     * {@return the statement of a JSON object}
     *
     * @param o the JSON value, an object with one key
     * @param where the path, for errors
     */
    public static Statement stmt(Object o, String where) {
        Map.Entry<String, Object> e = single(o, where);
        String k = e.getKey();
        Object v = e.getValue();
        String at = where + "/" + k;
        return switch (k) {
            case "match" -> {
                Map<String, Object> m = object(v, at);
                String op = m.containsKey("op") ? string(m, "op", at) : "==";
                if (!m.containsKey("left") || !m.containsKey("right")) {
                    throw bad(at, "a match needs \"left\" and \"right\"");
                }
                yield new Statement.Match(op, expr(m.get("left"), at + "/left", false),
                        expr(m.get("right"), at + "/right", false));
            }
            case "counter" -> {
                if (v == null) {
                    yield Statement.Counter.zero();
                }
                Map<String, Object> m = object(v, at);
                yield new Statement.Counter(m.containsKey("packets") ? number(m, "packets", at) : 0,
                        m.containsKey("bytes") ? number(m, "bytes", at) : 0);
            }
            case "accept", "drop", "continue", "return", "jump", "goto" -> verdictOf(k, v, at);
            case "reject" -> {
                if (v == null) {
                    yield new Statement.Reject(Optional.empty(), Optional.empty());
                }
                Map<String, Object> m = object(v, at);
                yield new Statement.Reject(optString(m, "type", at), optString(m, "expr", at));
            }
            case "snat", "dnat", "masquerade", "redirect" -> {
                Map<String, Object> m = v == null ? Map.of() : object(v, at);
                yield new Statement.Nat(k, optString(m, "family", at),
                        m.containsKey("addr") ? Optional.of(expr(m.get("addr"), at + "/addr", false)) : Optional.empty(),
                        m.containsKey("port") ? Optional.of(expr(m.get("port"), at + "/port", false)) : Optional.empty(),
                        strings(m.get("flags"), at));
            }
            case "limit" -> {
                Map<String, Object> m = object(v, at);
                Optional<String> rateUnit = optString(m, "rate_unit", at).filter(u -> !u.equals("packets"));
                Optional<String> burstUnit = optString(m, "burst_unit", at);
                long burst = m.containsKey("burst") ? number(m, "burst", at) : rateUnit.isPresent() ? 0 : 5;
                yield new Statement.Limit(number(m, "rate", at), m.containsKey("per") ? string(m, "per", at) : "second",
                        burst, rateUnit, rateUnit.isPresent() ? Optional.of(burstUnit.orElse("bytes")) : Optional.empty(),
                        bool(m, "inv", at));
            }
            case "log" -> {
                Map<String, Object> m = v == null ? Map.of() : object(v, at);
                yield new Statement.Log(optString(m, "prefix", at), optInt(m, "group", at), optInt(m, "snaplen", at),
                        optInt(m, "queue-threshold", at), optString(m, "level", at), strings(m.get("flags"), at));
            }
            case "quota" -> {
                Map<String, Object> m = object(v, at);
                yield new Statement.Quota(number(m, "val", at), m.containsKey("val_unit") ? string(m, "val_unit", at)
                        : "bytes", m.containsKey("used") ? number(m, "used", at) : 0,
                        m.containsKey("used_unit") ? string(m, "used_unit", at) : "bytes", bool(m, "inv", at));
            }
            case "mangle" -> {
                Map<String, Object> m = object(v, at);
                yield new Statement.Mangle(expr(m.get("key"), at + "/key", false), expr(m.get("value"), at + "/value",
                        false));
            }
            case "vmap" -> {
                Map<String, Object> m = object(v, at);
                Object data = m.get("data");
                Expression d = data instanceof String s && s.startsWith("@") ? new SetRef(s.substring(1))
                        : expr(data, at + "/data", true);
                yield new Statement.VerdictMap(expr(m.get("key"), at + "/key", false), d);
            }
            case "raw" -> {
                Map<String, Object> m = object(v, at);
                Optional<byte[]> data = optString(m, "data", at).map(h -> {
                    try {
                        return HexFormat.of().parseHex(h);
                    } catch (IllegalArgumentException x) {
                        throw bad(at, "\"data\" is not hex");
                    }
                });
                yield new Statement.Raw(string(m, "expr", at), data);
            }
            default -> throw bad(where, "unsupported statement \"" + k + "\"");
        };
    }

    private static OptionalInt optInt(Map<String, Object> m, String key, String where) {
        return m.containsKey(key) ? OptionalInt.of((int) number(m, key, where)) : OptionalInt.empty();
    }
}
