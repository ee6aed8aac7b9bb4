// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.rule;

import io.netns.netlink.internal.Request;
import io.netns.netlink.internal.Sink;
import io.netns.netlink.wire.Rtm;

import java.util.Objects;

/** The rule change requests, built once for the direct handle and a batch's view (which this is). */
class RuleRequests implements RuleChanges {

    private final Sink sink;

    RuleRequests(Sink sink) {
        this.sink = sink;
    }

    @Override
    public void add(RuleSpec spec) {
        Objects.requireNonNull(spec, "spec");
        sink.submit(Request.of(Rtm.RTM_NEWRULE, spec.toString(), (w, seq) -> spec.encode(w, Rtm.RTM_NEWRULE, Request.CREATE, seq)));
    }

    @Override
    public void del(RuleSpec spec) {
        Objects.requireNonNull(spec, "spec");
        sink.submit(Request.of(Rtm.RTM_DELRULE, spec.toString(), (w, seq) -> spec.encode(w, Rtm.RTM_DELRULE, Request.CHANGE, seq)));
    }
}
