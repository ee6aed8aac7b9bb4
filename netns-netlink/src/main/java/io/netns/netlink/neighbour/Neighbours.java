// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.neighbour;

import io.netns.netlink.internal.Request;
import io.netns.netlink.Family;
import io.netns.netlink.internal.Exchange;
import io.netns.netlink.internal.Families;
import io.netns.netlink.wire.Rtm;

import java.util.List;
import java.util.Objects;

/**
 * The neighbour (ARP and NDP) entries of one namespace, like {@code ip neigh}: {@code rt.neighbours()}.
 *
 * <pre>{@code
 * rt.neighbours().add(NeighbourSpec.permanent("198.18.0.2", "02:00:00:00:00:02", "veth0"));
 * rt.neighbours().list(Family.INET).forEach(System.out::println);   // ip -4 neigh show
 * }</pre>
 */
public final class Neighbours extends NeighbourRequests {
    static {
        Families.register(Neighbours.class, sink -> new Neighbours(sink.exchange()));
        Families.register(NeighbourChanges.class, NeighbourRequests::new);
    }

    private final Exchange ex;

    private Neighbours(Exchange ex) {
        super(ex);
        this.ex = ex;
    }

    /** {@return the entries of every family: {@code ip neigh show}} */
    public List<Neighbour> list() {
        return list(Family.UNSPEC);
    }

    /**
     * The neighbour entries of one family: {@code ip -4|-6 neigh show}, {@code bridge fdb show} for
     * {@link Family#BRIDGE}.
     *
     * @param family {@link Family#INET}, {@link Family#INET6}, {@link Family#BRIDGE} or {@link Family#UNSPEC} for all
     * @return the entries
     */
    public List<Neighbour> list(Family family) {
        Objects.requireNonNull(family, "family");
        return ex.dump("neighbours", (w, seq) -> {
            w.beginMessage(Rtm.RTM_GETNEIGH, Request.DUMP, seq, 0);
            w.ndmsg(family.number(), 0, 0, 0, 0);
            w.endMessage();
        }, Rtm.RTM_NEWNEIGH, Neighbour::decode, null);
    }
}
