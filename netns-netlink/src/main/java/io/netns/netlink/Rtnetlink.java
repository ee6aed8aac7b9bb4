// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.NetworkNamespace;
import io.netns.netlink.address.Addresses;
import io.netns.netlink.internal.Exchange;
import io.netns.netlink.internal.Families;
import io.netns.netlink.internal.NetlinkSocket;
import io.netns.netlink.link.Links;
import io.netns.netlink.neighbour.Neighbours;
import io.netns.netlink.nsid.Nsids;
import io.netns.netlink.route.Routes;
import io.netns.netlink.rule.Rules;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * An rtnetlink socket in one network namespace, with a handle per family: {@link #links()},
 * {@link #addresses()}, {@link #routes()}, {@link #neighbours()}, {@link #rules()}, {@link #nsids()},
 * the way {@code ip link/addr/route/neigh/rule} and {@code ip netns set/list-id} change and show
 * them, without an {@code ip} process.
 *
 * <pre>{@code
 * try (NetworkNamespace ns = Netns.create("blue"); Rtnetlink rt = Rtnetlink.open(ns)) {
 *     rt.links().setUp("lo");                                              // ip link set lo up
 *     rt.links().add(LinkSpec.veth("veth0", "veth1"));                     // ip link add veth0 type veth peer name veth1
 *     rt.addresses().add("veth0", "198.18.0.1/24");                        // ip addr add 198.18.0.1/24 dev veth0
 *     rt.routes().add(RouteSpec.to("198.18.9.0/24").via("198.18.0.2"));    // ip route add 198.18.9.0/24 via 198.18.0.2
 *     rt.links().list().forEach(System.out::println);                      // ip link show
 * }
 * }</pre>
 *
 * <p>The socket is created by a thread inside the namespace (the calling thread if it already is
 * there, else the library's namespace thread) and belongs to that namespace for its whole life;
 * the caller's thread never moves. There is no default or global instance: every handle names its
 * namespace.
 *
 * <p><b>Threads.</b> A handle is safe to share: requests are serialised, one at a time, under a
 * lock held only while one request's messages are exchanged with the kernel, never while the
 * caller's code runs, so no operation waits on a thread that went away. A
 * {@link java.util.stream.Stream} from a {@code stream} method reads on a socket of its own and
 * holds nothing of the handle: close it (try-with-resources) to free that socket at once; one
 * dropped unfinished keeps it until {@link #close()} or until it has been garbage-collected.
 *
 * <p><b>Errors.</b> A refused request throws {@link NetlinkException} (or a typed subclass:
 * {@link NoSuchLinkException}, {@link AlreadyExistsException} ...) with the errno, the request type
 * and the kernel's extended-ack text. Bad arguments (names over 15 bytes, prefix lengths out of
 * range, mixed families) are refused with {@link IllegalArgumentException} before anything is sent.
 */
public final class Rtnetlink implements AutoCloseable {
    private final Exchange exchange;
    private final Links links;
    private final Addresses addresses;
    private final Routes routes;
    private final Neighbours neighbours;
    private final Rules rules;
    private final Nsids nsids;

    private Rtnetlink(Exchange exchange) {
        this.exchange = exchange;
        this.links = Families.create(Links.class, Links.class, exchange);
        this.addresses = Families.create(Addresses.class, Addresses.class, exchange);
        this.routes = Families.create(Routes.class, Routes.class, exchange);
        this.neighbours = Families.create(Neighbours.class, Neighbours.class, exchange);
        this.rules = Families.create(Rules.class, Rules.class, exchange);
        this.nsids = Families.create(Nsids.class, Nsids.class, exchange);
    }

    /**
     * Opens an rtnetlink socket in {@code namespace}. The handle does not own the namespace: keep
     * the namespace handle open as long as you use operations that refer to it (moving links).
     *
     * @param namespace the namespace to work in ({@code Netns.current()} for the caller's)
     * @return the handle
     */
    public static Rtnetlink open(NetworkNamespace namespace) {
        Objects.requireNonNull(namespace, "namespace");
        return new Rtnetlink(new Exchange(namespace, NetlinkSocket.open(namespace)));
    }

    /** {@return the namespace this socket works in} */
    public NetworkNamespace namespace() {
        return exchange.namespace();
    }

    /** {@return the links: {@code ip link}} */
    public Links links() {
        return links;
    }

    /** {@return the addresses: {@code ip addr}} */
    public Addresses addresses() {
        return addresses;
    }

    /** {@return the routes: {@code ip route}} */
    public Routes routes() {
        return routes;
    }

    /** {@return the neighbour entries: {@code ip neigh}} */
    public Neighbours neighbours() {
        return neighbours;
    }

    /** {@return the policy-routing rules: {@code ip rule}} */
    public Rules rules() {
        return rules;
    }

    /** {@return the ids of other namespaces: {@code ip netns set/list-id}} */
    public Nsids nsids() {
        return nsids;
    }

    /**
     * Starts a batch: requests queued on it are sent together, many per {@code sendmsg}, and their
     * acknowledgements are read afterwards and matched back by sequence number. Bulk work then costs
     * one round trip per batch instead of one per object ({@code ip -batch} does one per line).
     *
     * @return an empty batch bound to this socket
     */
    public Batch batch() {
        return new Batch(exchange);
    }

    /**
     * Queues what {@code requests} adds to a new batch and runs it.
     *
     * <pre>{@code
     * rt.batch(b -> names.forEach(n -> b.links().add(LinkSpec.veth(n, n + "p").group(7)))).throwIfFailed();
     * }</pre>
     *
     * @param requests queues the requests
     * @return what the kernel answered to each
     */
    public BatchResult batch(Consumer<Batch> requests) {
        Batch b = batch();
        requests.accept(b);
        return b.execute();
    }

    /**
     * Closes the socket (and the link-event socket, if one was opened). The namespace handle is not
     * closed. Idempotent.
     */
    @Override
    public void close() {
        exchange.close();
    }

    @Override
    public String toString() {
        return "Rtnetlink[" + exchange + "]";
    }
}
