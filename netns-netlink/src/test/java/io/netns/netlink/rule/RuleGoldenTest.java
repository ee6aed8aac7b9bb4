// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.rule;

import io.netns.netlink.internal.Request;
import io.netns.netlink.GoldenFixtures;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.wire.Rtm;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ip rule add from 198.18.8.0/24 lookup 100 priority 1000} against iproute2's bytes, both ways. */
class RuleGoldenTest {
    @Test
    void fromPrefixLookupTable() {
        RuleSpec spec = RuleSpec.ofSource("198.18.8.0/24").table(100).priority(1000);
        GoldenFixtures.assertEncodesAs("rule_add", w ->
                spec.encode(w, Rtm.RTM_NEWRULE, Request.CREATE, GoldenFixtures.SEQ));
        Rule sent = Rule.decode(GoldenFixtures.reader("rule_add"));
        assertThat(sent.source()).hasValue(IpPrefix.parse("198.18.8.0/24"));
        assertThat(sent.table()).isEqualTo(100);
        assertThat(sent.priority()).hasValue(1000);
        assertThat(sent.action()).isEqualTo(1); // FR_ACT_TO_TBL
    }
}
