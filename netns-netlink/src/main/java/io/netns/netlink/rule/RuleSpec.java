// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.rule;

import java.util.List;
import java.util.ArrayList;
import io.netns.netlink.RawAttribute;
import io.netns.netlink.Family;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.internal.LinkNames;
import io.netns.netlink.route.RouteType;
import io.netns.netlink.wire.Fra;
import io.netns.netlink.wire.MessageWriter;
import io.netns.netlink.wire.Rtm;

import java.util.Objects;

/**
 * A policy-routing rule to add or delete: {@code ip rule add [not] [from P] [to P] [fwmark M[/MASK]]
 * [iif DEV] [oif DEV] [priority N] [table N | blackhole | unreachable | prohibit]}. Immutable.
 */
public final class RuleSpec {
    /** Attributes sent as given after the typed ones ({@link #withAttribute}). */
    private List<RawAttribute> extra = List.of();
    final Family family;
    final IpPrefix from;
    final IpPrefix to;
    final long priority;
    /** -1: unset (adding looks up main, deleting matches any). */
    final long table;
    /** -1: unset (adding: to table; deleting: any). */
    final int action;
    final boolean invert;
    final int fwmark;
    final int fwmask;
    final boolean hasFwmark;
    final String iif;
    final String oif;
    final int tos;
    /** The prefixes' bytes, taken once here so encoding allocates nothing. */
    final byte[] fromRaw;
    final byte[] toRaw;

    private RuleSpec(Family family, IpPrefix from, IpPrefix to, long priority, long table, int action, boolean invert,
                     int fwmark, int fwmask, boolean hasFwmark, String iif, String oif, int tos) {
        this.family = family;
        this.from = from;
        this.to = to;
        this.priority = priority;
        this.table = table;
        this.action = action;
        this.invert = invert;
        this.fwmark = fwmark;
        this.fwmask = fwmask;
        this.hasFwmark = hasFwmark;
        this.iif = iif;
        this.oif = oif;
        this.tos = tos;
        this.fromRaw = from == null ? null : from.address().getAddress();
        this.toRaw = to == null ? null : to.address().getAddress();
    }

    /**
     * A rule of {@code family} that looks up the main table, until changed.
     *
     * @param family {@link Family#INET} or {@link Family#INET6}
     * @return the spec
     */
    public static RuleSpec of(Family family) {
        if (!Family.INET.equals(family) && !Family.INET6.equals(family)) {
            throw new IllegalArgumentException("rules are IPv4 or IPv6");
        }
        return new RuleSpec(family, null, null, -1, -1, -1, false, 0, 0, false, null, null, 0);
    }

    /**
     * {@return a rule matching {@code from PREFIX}, of that prefix's family}
     *
     * @param prefix the source prefix, e.g. {@code 198.18.0.0/16}
     */
    public static RuleSpec ofSource(String prefix) {
        IpPrefix p = IpPrefix.parse(prefix);
        return of(p.family()).from(p);
    }

    /**
     * {@return with {@code from PREFIX}}
     *
     * @param prefix the source prefix, of this rule's family
     */
    public RuleSpec from(String prefix) {
        return from(IpPrefix.parse(prefix));
    }

    private RuleSpec with(IpPrefix from, IpPrefix to, long priority, long table, int action, boolean invert,
                          int fwmark, int fwmask, boolean hasFwmark, String iif, String oif, int tos) {
        RuleSpec s = new RuleSpec(family, from, to, priority, table, action, invert, fwmark, fwmask, hasFwmark, iif,
                oif, tos);
        s.extra = extra;
        return s;
    }

    private IpPrefix check(IpPrefix p) {
        Objects.requireNonNull(p);
        if (!p.family().equals(family)) {
            throw new IllegalArgumentException(p + " is not " + family);
        }
        return p;
    }

    /**
     * {@return with {@code from PREFIX}}
     *
     * @param prefix the source prefix, of the rule's family
     * @throws IllegalArgumentException if it is of another family
     */
    public RuleSpec from(IpPrefix prefix) {
        return with(check(prefix), to, priority, table, action, invert, fwmark, fwmask, hasFwmark, iif, oif, tos);
    }

    /**
     * {@return with {@code to PREFIX}}
     *
     * @param prefix the destination prefix, of the rule's family
     * @throws IllegalArgumentException if it is of another family
     */
    public RuleSpec to(String prefix) {
        return with(from, check(IpPrefix.parse(prefix)), priority, table, action, invert, fwmark, fwmask, hasFwmark,
                iif, oif, tos);
    }

    /**
     * {@return with {@code priority N} (0..4294967295)}
     *
     * @param priority the rule's priority; lower is tried first
     * @throws IllegalArgumentException if it is out of range
     */
    public RuleSpec priority(long priority) {
        if (priority < 0 || priority > 0xffffffffL) {
            throw new IllegalArgumentException("priority is 0..4294967295, not " + priority);
        }
        return with(from, to, priority, table, action, invert, fwmark, fwmask, hasFwmark, iif, oif, tos);
    }

    /**
     * {@return with {@code table N} (1..4294967295; the action becomes "to table")}
     *
     * @param table the routing table to look up
     * @throws IllegalArgumentException if it is out of range
     */
    public RuleSpec table(long table) {
        if (table <= 0 || table > 0xffffffffL) {
            throw new IllegalArgumentException("a table id is 1..4294967295, not " + table);
        }
        return with(from, to, priority, table, 1, invert, fwmark, fwmask, hasFwmark, iif, oif, tos);
    }

    /**
     * {@return with action blackhole, unreachable or prohibit}
     *
     * @param type {@link RouteType#BLACKHOLE}, {@link RouteType#UNREACHABLE} or
     *        {@link RouteType#PROHIBIT}; replaces any table
     * @throws IllegalArgumentException for any other type
     */
    public RuleSpec action(RouteType type) {
        if (!type.equals(RouteType.BLACKHOLE) && !type.equals(RouteType.UNREACHABLE)
                && !type.equals(RouteType.PROHIBIT)) {
            throw new IllegalArgumentException("a rule action is blackhole, unreachable or prohibit");
        }
        int a = type.number(); // FR_ACT_BLACKHOLE 6, FR_ACT_UNREACHABLE 7, FR_ACT_PROHIBIT 8: RTN_*'s numbers
        return with(from, to, priority, -1, a, invert, fwmark, fwmask, hasFwmark, iif, oif, tos);
    }

    /** {@return with {@code not}: the selector is inverted} */
    public RuleSpec not() {
        return with(from, to, priority, table, action, true, fwmark, fwmask, hasFwmark, iif, oif, tos);
    }

    /**
     * {@return with {@code fwmark MARK/MASK}}
     *
     * @param mark the firewall mark to match
     * @param mask the bits of the mark compared ({@code -1} for all)
     */
    public RuleSpec fwmark(int mark, int mask) {
        return with(from, to, priority, table, action, invert, mark, mask, true, iif, oif, tos);
    }

    /**
     * {@return with {@code iif DEV}}
     *
     * @param device the name of the device packets arrive on
     * @throws IllegalArgumentException if it is not a valid interface name
     */
    public RuleSpec iif(String device) {
        return with(from, to, priority, table, action, invert, fwmark, fwmask, hasFwmark, LinkNames.check(device),
                oif, tos);
    }

    /**
     * {@return with {@code oif DEV}}
     *
     * @param device the name of the device packets leave by
     * @throws IllegalArgumentException if it is not a valid interface name
     */
    public RuleSpec oif(String device) {
        return with(from, to, priority, table, action, invert, fwmark, fwmask, hasFwmark, iif,
                LinkNames.check(device), tos);
    }

    /** {@return the family} */
    public Family family() {
        return family;
    }

    /** {@return what {@code ip rule} would echo of this request: {@code from 198.18.0.0/16 lookup 100}} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(invert ? "not " : "");
        sb.append(from == null ? "from all" : "from " + from);
        if (to != null) {
            sb.append(" to ").append(to);
        }
        if (iif != null) {
            sb.append(" iif ").append(iif);
        }
        if (oif != null) {
            sb.append(" oif ").append(oif);
        }
        if (table >= 0) {
            sb.append(" lookup ").append(table);
        }
        return sb.toString();
    }

    /**
     * {@return with an extra attribute sent as given, after the typed ones}, for what the typed
     * options lack (FRA_* (Fra) constants are in {@code io.netns.netlink.wire})
     *
     * @param attributeType the attribute type
     * @param value its value, byte for byte
     */
    public RuleSpec withAttribute(int attributeType, byte[] value) {
        RuleSpec copy = with(from, to, priority, table, action, invert, fwmark, fwmask, hasFwmark, iif, oif, tos);
        List<RawAttribute> l = new ArrayList<>(extra);
        l.add(new RawAttribute(attributeType, value.clone()));
        copy.extra = List.copyOf(l);
        return copy;
    }

    /**
     * Encodes the RTM_NEWRULE or RTM_DELRULE for this spec, with ip's defaults (adding looks up
     * main; deleting matches any table and action left unset). Pure.
     *
     * @param w the writer
     * @param type RTM_NEWRULE or RTM_DELRULE
     * @param flags the NLM_F_* flags
     * @param seq the sequence number
     */
    public void encode(MessageWriter w, int type, int flags, int seq) {
        w.beginMessage(type, flags, seq, 0);
        boolean delete = type == Rtm.RTM_DELRULE;
        // as ip: adding defaults to "lookup main"; deleting matches any table and action left unset
        int act = action >= 0 ? action : delete && table < 0 ? 0 : 1;
        long tbl = table >= 0 ? table : act == 1 && !delete ? 254 : 0;
        w.fibRuleHdr(family.number(), to == null ? 0 : to.prefixLength(), from == null ? 0 : from.prefixLength(), tos,
                tbl < 256 ? (int) tbl : 0, act, invert ? Fra.FIB_RULE_INVERT : 0);
        if (to != null) {
            w.attrBytes(Fra.FRA_DST, toRaw);
        }
        if (from != null) {
            w.attrBytes(Fra.FRA_SRC, fromRaw);
        }
        if (priority >= 0) {
            w.attrU32(Fra.FRA_PRIORITY, (int) priority);
        }
        if (tbl >= 256) {
            w.attrU32(Fra.FRA_TABLE, (int) tbl);
        }
        if (hasFwmark) {
            w.attrU32(Fra.FRA_FWMARK, fwmark);
            w.attrU32(Fra.FRA_FWMASK, fwmask);
        }
        if (iif != null) {
            w.attrString(Fra.FRA_IIFNAME, iif);
        }
        if (oif != null) {
            w.attrString(Fra.FRA_OIFNAME, oif);
        }
        for (RawAttribute x : extra) {
            w.attrBytes(x.type(), x.value());
        }
        w.endMessage();
    }
}
