// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.route;

import io.netns.netlink.internal.IfRef;
import io.netns.netlink.internal.Request;
import io.netns.netlink.internal.Sink;
import io.netns.netlink.wire.Rtm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The route change requests, built once for the direct handle and a batch's view (which this is). */
class RouteRequests implements RouteChanges {

    private final Sink sink;

    RouteRequests(Sink sink) {
        this.sink = sink;
    }

    private void submit(int type, int flags, RouteSpec spec) {
        Objects.requireNonNull(spec, "spec");
        List<IfRef> devices = new ArrayList<>();
        devices.add(spec.device);
        for (RouteSpec.NextHopSpec nh : spec.nextHops) {
            devices.add(nh.device());
        }
        sink.submit(Request.of(type, spec.toString(), devices, List.of(), (w, seq, r) -> {
            int[] hops = new int[spec.nextHops.size()];
            for (int i = 0; i < hops.length; i++) {
                hops[i] = r.index(spec.nextHops.get(i).device());
            }
            spec.encode(w, type, flags, seq, r.index(spec.device), hops);
        }));
    }

    @Override
    public void add(RouteSpec spec) {
        submit(Rtm.RTM_NEWROUTE, Request.CREATE, spec);
    }

    @Override
    public void replace(RouteSpec spec) {
        submit(Rtm.RTM_NEWROUTE, Request.REPLACE, spec);
    }

    @Override
    public void del(RouteSpec spec) {
        submit(Rtm.RTM_DELROUTE, Request.CHANGE, spec);
    }
}
