package io.netns.netlink;

import io.netns.NetworkNamespace;
import io.netns.internal.sys.NamespaceAccess;
import io.netns.netlink.codec.MessageWriter;
import io.netns.netlink.codec.Rtm;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Requests queued to be sent together: many per {@code sendmsg}, their acknowledgements read
 * afterwards and matched back by sequence number. Make one with {@link Rtnetlink#batch()}.
 *
 * <pre>{@code
 * Batch b = rt.batch();
 * for (int i = 0; i < 500; i++) {
 *     b.linkAdd(LinkSpec.veth("a" + i, "b" + i).group(7).up());
 * }
 * b.execute().throwIfFailed();      // a few round trips instead of 500
 * rt.linkDelGroup(7);               // and one request to delete them all
 * }</pre>
 *
 * <p>The kernel runs the requests in order and answers each, so one failure does not stop the
 * others; {@link BatchResult} tells which failed. A request naming a device by name is resolved when
 * the batch runs; if that device is created earlier in the same batch, what precedes it is sent and
 * acknowledged first, so names work, and indexes ({@link LinkSpec#index}) keep the batch in one
 * pipeline. Not thread-safe; {@link #execute()} runs under the socket's lock.
 */
public final class Batch {
    /** How many requests are in flight before their acks are read. */
    static final int WINDOW = 1024;

    private final Rtnetlink rt;
    private final List<Op> ops = new ArrayList<>();

    Batch(Rtnetlink rt) {
        this.rt = rt;
    }

    /** One queued request. */
    interface Op {
        /** Devices named by the request, resolved before it is encoded. */
        List<IfRef> refs();

        /** Namespaces whose descriptors the request carries. */
        default List<NetworkNamespace> namespaces() {
            return List.of();
        }

        void encode(MessageWriter w, int seq, ToIntFunction<IfRef> index, Map<NetworkNamespace, Integer> fds);

        String target();
    }

    private record SimpleOp(String target, List<IfRef> refs, List<NetworkNamespace> namespaces, Encoding encoding)
            implements Op {
        @Override
        public void encode(MessageWriter w, int seq, ToIntFunction<IfRef> index, Map<NetworkNamespace, Integer> fds) {
            encoding.encode(w, seq, index, fds);
        }
    }

    private interface Encoding {
        void encode(MessageWriter w, int seq, ToIntFunction<IfRef> index, Map<NetworkNamespace, Integer> fds);
    }

    private Batch add(String target, List<IfRef> refs, List<NetworkNamespace> namespaces, Encoding e) {
        ops.add(new SimpleOp(target, refs, namespaces, e));
        return this;
    }

    private static List<IfRef> refs(IfRef... r) {
        List<IfRef> l = new ArrayList<>(r.length);
        for (IfRef x : r) {
            if (x != null) {
                l.add(x);
            }
        }
        return l;
    }

    private static List<NetworkNamespace> nss(NetworkNamespace... n) {
        List<NetworkNamespace> l = new ArrayList<>(n.length);
        for (NetworkNamespace x : n) {
            if (x != null) {
                l.add(x);
            }
        }
        return l;
    }

    private static int fd(Map<NetworkNamespace, Integer> fds, NetworkNamespace ns) {
        return ns == null ? -1 : fds.get(ns);
    }

    /**
     * Queues {@link Rtnetlink#linkAdd(LinkSpec)} (not for tun/tap): {@code ip link add NAME [options] type KIND ...}.
     * A spec with an alias queues a second request that sets it, since the kernel ignores an alias on creation.
     *
     * @param spec what to create
     * @return this batch
     * @throws IllegalArgumentException for a tun/tap, or for an alias on a link created in another namespace
     */
    public Batch linkAdd(LinkSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.kind instanceof LinkSpec.Tun) {
            throw new IllegalArgumentException("tun/tap devices are created through /dev/net/tun, not in a batch");
        }
        if (spec.alias != null && spec.namespace != null) {
            throw new IllegalArgumentException("an alias cannot be set on a link created in another namespace");
        }
        NetworkNamespace peerNs = spec.kind instanceof LinkSpec.Veth v ? v.peerNamespace() : null;
        add(spec.name, refs(spec.parent, spec.master), nss(spec.namespace, peerNs), (w, seq, idx, fds) ->
                Requests.linkAdd(w, seq, spec, spec.parent == null ? 0 : idx.applyAsInt(spec.parent),
                        spec.master == null ? 0 : idx.applyAsInt(spec.master), fd(fds, spec.namespace),
                        fd(fds, peerNs)));
        if (spec.alias != null) {
            linkSet(spec.name, LinkUpdate.of().alias(spec.alias)); // the kernel ignores it on creation
        }
        return this;
    }

    /**
     * Queues {@link Rtnetlink#linkSet(String, LinkUpdate)}: {@code ip link set DEV ...}.
     *
     * @param device the link's name
     * @param update the changes
     * @return this batch
     */
    public Batch linkSet(String device, LinkUpdate update) {
        return linkSet(IfRef.of(device), update);
    }

    /**
     * Queues {@link Rtnetlink#linkSet(int, LinkUpdate)}: {@code ip link set DEV ...} by index.
     *
     * @param index the link's ifindex
     * @param update the changes
     * @return this batch
     */
    public Batch linkSet(int index, LinkUpdate update) {
        return linkSet(IfRef.of(index), update);
    }

    private Batch linkSet(IfRef dev, LinkUpdate u) {
        Objects.requireNonNull(u, "update");
        return add(dev.toString(), refs(dev, u.master), nss(u.namespace), (w, seq, idx, fds) ->
                Requests.linkSet(w, seq, idx.applyAsInt(dev), u,
                        u.noMaster ? 0 : u.master == null ? -1 : idx.applyAsInt(u.master), fd(fds, u.namespace)));
    }

    /**
     * Queues {@link Rtnetlink#linkDel(String)}: {@code ip link del DEV}.
     *
     * @param device the link's name
     * @return this batch
     */
    public Batch linkDel(String device) {
        IfRef dev = IfRef.of(device);
        return add(device, refs(dev), List.of(), (w, seq, idx, fds) -> Requests.linkDel(w, seq, idx.applyAsInt(dev)));
    }

    /**
     * Queues {@link Rtnetlink#linkDel(int)}: {@code ip link del dev DEV} by index.
     *
     * @param index the link's ifindex
     * @return this batch
     * @throws IllegalArgumentException if the index is not positive
     */
    public Batch linkDel(int index) {
        IfRef dev = IfRef.of(index);
        return add(dev.toString(), List.of(), List.of(), (w, seq, idx, fds) -> Requests.linkDel(w, seq, index));
    }

    /**
     * Queues {@link Rtnetlink#addressAdd(AddressSpec)}: {@code ip addr add PREFIX dev DEV [options]}.
     *
     * @param spec the address, its device and options
     * @return this batch
     */
    public Batch addressAdd(AddressSpec spec) {
        return add(spec.prefix + " dev " + spec.device, refs(spec.device), List.of(), (w, seq, idx, fds) ->
                Requests.address(w, Rtm.RTM_NEWADDR, Requests.CREATE, seq, spec, idx.applyAsInt(spec.device)));
    }

    /**
     * Queues {@link Rtnetlink#addressDel(AddressSpec)}: {@code ip addr del PREFIX dev DEV}.
     *
     * @param spec the address and its device
     * @return this batch
     */
    public Batch addressDel(AddressSpec spec) {
        return add(spec.prefix + " dev " + spec.device, refs(spec.device), List.of(), (w, seq, idx, fds) ->
                Requests.address(w, Rtm.RTM_DELADDR, Requests.CHANGE, seq, spec, idx.applyAsInt(spec.device)));
    }

    /**
     * Queues {@link Rtnetlink#routeAdd(RouteSpec)}: {@code ip route add ...}.
     *
     * @param spec the route
     * @return this batch
     */
    public Batch routeAdd(RouteSpec spec) {
        return route(Rtm.RTM_NEWROUTE, Requests.CREATE, spec);
    }

    /**
     * Queues {@link Rtnetlink#routeReplace(RouteSpec)}: {@code ip route replace ...}.
     *
     * @param spec the route
     * @return this batch
     */
    public Batch routeReplace(RouteSpec spec) {
        return route(Rtm.RTM_NEWROUTE, Requests.REPLACE, spec);
    }

    /**
     * Queues {@link Rtnetlink#routeDel(RouteSpec)}: {@code ip route del ...}.
     *
     * @param spec the route to match
     * @return this batch
     */
    public Batch routeDel(RouteSpec spec) {
        return route(Rtm.RTM_DELROUTE, Requests.CHANGE, spec);
    }

    private Batch route(int type, int flags, RouteSpec spec) {
        List<IfRef> r = new ArrayList<>();
        if (spec.device != null) {
            r.add(spec.device);
        }
        for (RouteSpec.NextHopSpec nh : spec.nextHops) {
            if (nh.device() != null) {
                r.add(nh.device());
            }
        }
        return add(spec.toString(), r, List.of(), (w, seq, idx, fds) -> {
            int[] hops = new int[spec.nextHops.size()];
            for (int i = 0; i < hops.length; i++) {
                IfRef d = spec.nextHops.get(i).device();
                hops[i] = d == null ? 0 : idx.applyAsInt(d);
            }
            Requests.route(w, type, flags, seq, spec, spec.device == null ? 0 : idx.applyAsInt(spec.device), hops);
        });
    }

    /**
     * Queues {@link Rtnetlink#neighbourAdd(NeighbourSpec)}: {@code ip neigh add ADDR lladdr MAC dev DEV nud permanent}.
     *
     * @param spec the entry
     * @return this batch
     */
    public Batch neighbourAdd(NeighbourSpec spec) {
        return add(spec.destination.getHostAddress(), refs(spec.device), List.of(), (w, seq, idx, fds) ->
                Requests.neighbour(w, Rtm.RTM_NEWNEIGH, Requests.CREATE, seq, spec, idx.applyAsInt(spec.device)));
    }

    /**
     * Queues {@link Rtnetlink#ruleAdd(RuleSpec)}: {@code ip rule add ...}.
     *
     * @param spec the rule
     * @return this batch
     */
    public Batch ruleAdd(RuleSpec spec) {
        return add("rule", List.of(), List.of(), (w, seq, idx, fds) ->
                Requests.rule(w, Rtm.RTM_NEWRULE, Requests.CREATE, seq, spec));
    }

    /** {@return how many requests are queued} */
    public int size() {
        return ops.size();
    }

    /**
     * Sends the queued requests, pipelined, and collects every acknowledgement. The batch is empty
     * afterwards and may be reused.
     *
     * @return which requests failed, and why
     */
    public BatchResult execute() {
        List<Op> todo = List.copyOf(ops);
        ops.clear();
        // every distinct handle (by identity: equal handles may differ in being closed) keeps its
        // descriptor open until the kernel has the requests carrying it
        List<NetworkNamespace> namespaces = new ArrayList<>();
        Map<NetworkNamespace, Integer> seen = new IdentityHashMap<>();
        for (Op op : todo) {
            for (NetworkNamespace ns : op.namespaces()) {
                if (seen.put(ns, 0) == null) {
                    namespaces.add(ns);
                }
            }
        }
        return withFds(namespaces, 0, new IdentityHashMap<>(), fds -> new BatchResult(rt.execute(todo, WINDOW,
                fds)));
    }

    private static <T> T withFds(List<NetworkNamespace> nss, int i, Map<NetworkNamespace, Integer> fds,
                                 java.util.function.Function<Map<NetworkNamespace, Integer>, T> body) {
        if (i == nss.size()) {
            return body.apply(fds);
        }
        NetworkNamespace ns = nss.get(i);
        return NamespaceAccess.withFd(ns, fd -> {
            fds.put(ns, fd);
            return withFds(nss, i + 1, fds, body);
        });
    }
}
