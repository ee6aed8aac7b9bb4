// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.neighbour;

import io.netns.netlink.internal.Request;
import io.netns.netlink.internal.Sink;
import io.netns.netlink.wire.Rtm;

import java.util.List;
import java.util.Objects;

/** The neighbour change requests, built once for the direct handle and a batch's view (which this is). */
class NeighbourRequests implements NeighbourChanges {

    private final Sink sink;

    NeighbourRequests(Sink sink) {
        this.sink = sink;
    }

    private void submit(int type, int flags, NeighbourSpec spec) {
        Objects.requireNonNull(spec, "spec");
        sink.submit(Request.of(type, spec.toString(), List.of(spec.device), List.of(), (w, seq, r) ->
                spec.encode(w, type, flags, seq, r.index(spec.device))));
    }

    @Override
    public void add(NeighbourSpec spec) {
        submit(Rtm.RTM_NEWNEIGH, Request.CREATE, spec);
    }

    @Override
    public void replace(NeighbourSpec spec) {
        submit(Rtm.RTM_NEWNEIGH, Request.REPLACE, spec);
    }

    @Override
    public void del(NeighbourSpec spec) {
        submit(Rtm.RTM_DELNEIGH, Request.CHANGE, spec);
    }
}
