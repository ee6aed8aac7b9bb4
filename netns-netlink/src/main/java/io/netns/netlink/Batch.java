// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.address.AddressChanges;
import io.netns.netlink.address.Addresses;
import io.netns.netlink.internal.Exchange;
import io.netns.netlink.internal.Families;
import io.netns.netlink.internal.Request;
import io.netns.netlink.internal.Sink;
import io.netns.netlink.link.LinkChanges;
import io.netns.netlink.link.Links;
import io.netns.netlink.neighbour.NeighbourChanges;
import io.netns.netlink.neighbour.Neighbours;
import io.netns.netlink.route.RouteChanges;
import io.netns.netlink.route.Routes;
import io.netns.netlink.rule.RuleChanges;
import io.netns.netlink.rule.Rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Requests queued to be sent together: many per {@code sendmsg}, their acknowledgements read
 * afterwards and matched back by sequence number. Make one with {@link Rtnetlink#batch()}; its
 * family views ({@link #links()}, {@link #routes()} ...) offer the same changes as the direct
 * handles, queued.
 *
 * <pre>{@code
 * Batch b = rt.batch();
 * for (int i = 0; i < 500; i++) {
 *     b.links().add(LinkSpec.veth("a" + i, "b" + i).group(7).up());
 * }
 * b.execute().throwIfFailed();      // a few round trips instead of 500
 * rt.links().delGroup(7);           // and one request to delete them all
 * }</pre>
 *
 * <p>The kernel runs the requests in order and answers each, so one failure does not stop the
 * others; {@link BatchResult} tells which failed. A request naming a device by name is resolved when
 * its turn comes; if that device is created earlier in the same batch, what precedes it is sent and
 * acknowledged first, so names work, and indexes ({@link io.netns.netlink.link.LinkSpec#index}) keep
 * the batch in one pipeline. A name that does not resolve fails that request alone, with
 * {@link NoSuchLinkException}. Not thread-safe; {@link #execute()} runs under the socket's lock.
 */
public final class Batch {
    private final Exchange exchange;
    private final List<Request> requests = new ArrayList<>();
    private final Sink queue = new Sink() {
        @Override
        public void submit(Request request) {
            requests.add(request);
        }

        @Override
        public Exchange exchange() {
            return exchange;
        }
    };
    private final LinkChanges links;
    private final AddressChanges addresses;
    private final RouteChanges routes;
    private final NeighbourChanges neighbours;
    private final RuleChanges rules;

    Batch(Exchange exchange) {
        this.exchange = exchange;
        this.links = Families.create(LinkChanges.class, Links.class, queue);
        this.addresses = Families.create(AddressChanges.class, Addresses.class, queue);
        this.routes = Families.create(RouteChanges.class, Routes.class, queue);
        this.neighbours = Families.create(NeighbourChanges.class, Neighbours.class, queue);
        this.rules = Families.create(RuleChanges.class, Rules.class, queue);
    }

    /** {@return link changes queued on this batch ({@code ip link add/set/del}); not tun/tap devices} */
    public LinkChanges links() {
        return links;
    }

    /** {@return address changes queued on this batch ({@code ip addr add/replace/del})} */
    public AddressChanges addresses() {
        return addresses;
    }

    /** {@return route changes queued on this batch ({@code ip route add/replace/del})} */
    public RouteChanges routes() {
        return routes;
    }

    /** {@return neighbour changes queued on this batch ({@code ip neigh add/replace/del})} */
    public NeighbourChanges neighbours() {
        return neighbours;
    }

    /** {@return rule changes queued on this batch ({@code ip rule add/del})} */
    public RuleChanges rules() {
        return rules;
    }

    /** {@return how many requests are queued} */
    public int size() {
        return requests.size();
    }

    /**
     * Sends the queued requests, pipelined, and collects every acknowledgement. The batch is empty
     * afterwards and may be reused.
     *
     * @return which requests failed, and why
     */
    public BatchResult execute() {
        List<Request> todo = List.copyOf(requests);
        requests.clear();
        return new BatchResult(exchange.pipeline(todo));
    }
}
