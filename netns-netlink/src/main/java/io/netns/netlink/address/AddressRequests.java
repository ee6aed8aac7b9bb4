// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.address;

import io.netns.netlink.internal.Request;
import io.netns.netlink.internal.Sink;
import io.netns.netlink.wire.Rtm;

import java.util.List;
import java.util.Objects;

/** The address change requests, built once for the direct handle and a batch's view (which this is). */
class AddressRequests implements AddressChanges {

    private final Sink sink;

    AddressRequests(Sink sink) {
        this.sink = sink;
    }

    private void submit(int type, int flags, AddressSpec spec) {
        Objects.requireNonNull(spec, "spec");
        sink.submit(Request.of(type, spec.toString(), List.of(spec.device), List.of(), (w, seq, r) ->
                spec.encode(w, type, flags, seq, r.index(spec.device))));
    }

    @Override
    public void add(AddressSpec spec) {
        submit(Rtm.RTM_NEWADDR, Request.CREATE, spec);
    }

    @Override
    public void replace(AddressSpec spec) {
        submit(Rtm.RTM_NEWADDR, Request.REPLACE, spec);
    }

    @Override
    public void del(AddressSpec spec) {
        submit(Rtm.RTM_DELADDR, Request.CHANGE, spec);
    }
}
