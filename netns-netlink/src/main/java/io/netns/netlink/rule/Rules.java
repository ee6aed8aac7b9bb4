// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.rule;

import io.netns.netlink.internal.Request;
import io.netns.netlink.Family;
import io.netns.netlink.internal.Exchange;
import io.netns.netlink.internal.Families;
import io.netns.netlink.wire.Rtm;

import java.util.List;
import java.util.Objects;

/**
 * The policy-routing rules of one namespace, like {@code ip rule}: {@code rt.rules()}.
 *
 * <pre>{@code
 * rt.rules().add(RuleSpec.ofSource("198.18.0.0/16").table(100).priority(1000));  // ip rule add from ... lookup 100
 * rt.rules().list(Family.INET).forEach(System.out::println);                      // ip rule show
 * }</pre>
 */
public final class Rules extends RuleRequests {
    static {
        Families.register(Rules.class, sink -> new Rules(sink.exchange()));
        Families.register(RuleChanges.class, RuleRequests::new);
    }

    private final Exchange ex;

    private Rules(Exchange ex) {
        super(ex);
        this.ex = ex;
    }

    /**
     * The policy-routing rules: {@code ip rule show} ({@code ip -6 rule show} for {@link Family#INET6}).
     *
     * @param family {@link Family#INET}, {@link Family#INET6}, or {@link Family#UNSPEC} for every family
     * @return the rules
     */
    public List<Rule> list(Family family) {
        Objects.requireNonNull(family, "family");
        return ex.dump("rules", (w, seq) -> {
            w.beginMessage(Rtm.RTM_GETRULE, Request.DUMP, seq, 0);
            w.fibRuleHdr(family.number(), 0, 0, 0, 0, 0, 0);
            w.endMessage();
        }, Rtm.RTM_NEWRULE, Rule::decode, null);
    }
}
