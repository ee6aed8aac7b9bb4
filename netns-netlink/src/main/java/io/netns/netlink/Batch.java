// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.address.AddressChanges;
import io.netns.netlink.address.Addresses;
import io.netns.netlink.internal.Exchange;
import io.netns.netlink.internal.Families;
import io.netns.netlink.internal.Pipeline;
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
 * others; {@link BatchResult} tells what became of each: applied, refused, or not sent. A request
 * naming a device by name is resolved when its turn comes; if that device is created earlier in the
 * same batch, what precedes it is sent and acknowledged first, so names work, and indexes
 * ({@link io.netns.netlink.link.LinkSpec#index}) keep the batch in one pipeline. A request is not
 * sent, and fails alone with {@link NoSuchLinkException}, when a name it uses does not resolve, or
 * was to be made by an earlier request of the batch that failed (a link, a veth peer, a rename):
 * it would find nothing, or a link of that name from before. A request naming an index is sent
 * without waiting, so if the link that was to get the index failed, it reaches whatever link has
 * it: pick indexes no link uses (a new namespace has only {@code lo}, 1).
 *
 * <p><b>Interrupted runs.</b> Nothing is rolled back. The kernel handles each {@code sendmsg}
 * whole before it returns, and requests go out in windows of up to 1,024 (and before each request
 * that names a device by name); so when the JVM dies in the middle, even by {@code kill -9}, what
 * the kernel has applied is a prefix of the batch: every request up to some point, none after it.
 * Tag the batch's links with {@link #linkGroup(int)} to find and delete such leftovers in one
 * request. Not thread-safe; {@link #execute()} runs under the socket's lock.
 */
public final class Batch {
    private final Exchange exchange;
    private final List<Request> requests = new ArrayList<>();
    private int linkGroup = -1;
    private final Sink queue = new Sink() {
        @Override
        public void submit(Request request) {
            requests.add(request);
        }

        @Override
        public Exchange exchange() {
            return exchange;
        }

        @Override
        public int linkGroup() {
            return linkGroup;
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

    /**
     * Puts every link this batch creates in device group {@code group} ({@code ip link add ... group
     * N}), an owner tag: whatever a run leaves behind, also when its JVM is killed in the middle,
     * a later run finds with {@link io.netns.netlink.link.Links#ofGroup rt.links().ofGroup(group)}
     * ({@code ip link show group N}) and deletes in one request with
     * {@link io.netns.netlink.link.LinkChanges#delGroup rt.links().delGroup(group)}
     * ({@code ip link delete group N}); addresses and routes on those links, and veth peers, go
     * with them. The tag is set on the link a spec names, in the namespace it is created in (a
     * veth's peer keeps group 0 and goes when its other end is deleted).
     *
     * <pre>{@code
     * rt.links().delGroup(OWNER);                         // leftovers of a run that died
     * Batch b = rt.batch().linkGroup(OWNER);
     * names.forEach(n -> b.links().add(LinkSpec.veth(n, n + "p")));
     * b.execute().throwIfFailed();
     * }</pre>
     *
     * @param group the group, 1 or more (0 is every device's default group); pick one per application
     * @return this batch
     * @throws IllegalArgumentException if {@code group} is not positive, or a spec queued later sets another group
     * @throws IllegalStateException if requests are already queued
     */
    public Batch linkGroup(int group) {
        if (group <= 0) {
            throw new IllegalArgumentException("a batch's link group is 1 or more (0 is the default group), not "
                    + group);
        }
        if (!requests.isEmpty()) {
            throw new IllegalStateException("set the link group before queueing requests (" + requests.size()
                    + " queued)");
        }
        linkGroup = group;
        return this;
    }

    /** {@return how many requests are queued} */
    public int size() {
        return requests.size();
    }

    /**
     * Sends the queued requests, pipelined, and collects every acknowledgement. The batch is empty
     * afterwards and may be reused (with the same link group).
     *
     * @return what became of each request: applied, refused (and why), or not sent (and why)
     */
    public BatchResult execute() {
        List<Request> todo = List.copyOf(requests);
        requests.clear();
        Pipeline.Result r = exchange.pipeline(todo);
        return new BatchResult(r.failures(), r.sent());
    }
}
