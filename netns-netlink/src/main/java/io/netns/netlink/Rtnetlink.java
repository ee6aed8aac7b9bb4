package io.netns.netlink;

import io.netns.Errno;
import io.netns.NetnsException;
import io.netns.NetworkNamespace;
import io.netns.internal.sys.NamespaceAccess;
import io.netns.internal.sys.TunDevice;
import io.netns.netlink.codec.ErrorMessage;
import io.netns.netlink.codec.MessageReader;
import io.netns.netlink.codec.MessageTypes;
import io.netns.netlink.codec.MessageWriter;
import io.netns.netlink.codec.Nlmsg;
import io.netns.netlink.codec.Rtm;
import io.netns.netlink.codec.RtnlGroup;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An rtnetlink socket in one network namespace: links, addresses, routes, neighbours, rules and
 * namespace ids, the way {@code ip link/addr/route/neigh/rule} and {@code ip netns set/list-id}
 * change and show them, without an {@code ip} process.
 *
 * <pre>{@code
 * try (NetworkNamespace ns = Netns.create("blue"); Rtnetlink rt = Rtnetlink.open(ns)) {
 *     rt.linkSetUp("lo");                                            // ip link set lo up
 *     rt.linkAdd(LinkSpec.veth("veth0", "veth1"));                   // ip link add veth0 type veth peer name veth1
 *     rt.addressAdd(AddressSpec.of("198.18.0.1/24", "veth0"));       // ip addr add 198.18.0.1/24 dev veth0
 *     rt.routeAdd(RouteSpec.to("198.18.9.0/24").via("198.18.0.2"));  // ip route add 198.18.9.0/24 via 198.18.0.2
 *     rt.links().forEach(System.out::println);                       // ip link show
 * }
 * }</pre>
 *
 * <p>The socket is created by a thread inside the namespace (the calling thread if it already is
 * there, else the namespace's pinned thread) and belongs to that namespace for its whole life; the
 * caller's thread never moves. There is no default or global instance: every handle names its
 * namespace.
 *
 * <p><b>Threads.</b> A handle is safe to share: requests are serialised by an internal lock, so
 * one request runs at a time. A {@link Stream} from a {@code ...Stream} method holds the lock until
 * it is exhausted or closed: use it in try-with-resources, and do not issue other requests on the
 * same handle from the thread iterating it (that is refused with {@link IllegalStateException}).
 *
 * <p><b>Errors.</b> A refused request throws {@link NetlinkException} with the errno, the request
 * type and the kernel's extended-ack text. Bad arguments (names over 15 bytes, prefix lengths out
 * of range, mixed families) are refused with {@link IllegalArgumentException} before anything is
 * sent.
 */
public final class Rtnetlink implements AutoCloseable {
    private static final int DUMP_RETRIES = 5;

    private final NetworkNamespace namespace;
    private final NetlinkSocket socket;
    private final ReentrantLock lock = new ReentrantLock();
    /** Set while a streamed dump owns the socket. */
    private DumpStream<?> openDump;
    /** Lazily opened socket joined to the link group, for {@link #awaitOperState}. */
    private NetlinkSocket linkEvents;
    private volatile boolean closed;

    private Rtnetlink(NetworkNamespace namespace, NetlinkSocket socket) {
        this.namespace = namespace;
        this.socket = socket;
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
        return new Rtnetlink(namespace, NetlinkSocket.open(namespace));
    }

    /** {@return the namespace this socket works in} */
    public NetworkNamespace namespace() {
        return namespace;
    }

    // =================================================================== plumbing

    /** Encodes one request of the given sequence number into the socket's writer. */
    interface Encoder {
        void encode(MessageWriter w, int seq);
    }

    private void enter() {
        if (lock.isHeldByCurrentThread() && openDump != null) {
            throw new IllegalStateException("a streamed dump is still open on this Rtnetlink handle: "
                    + "finish or close it before the next request");
        }
        lock.lock();
        if (closed) {
            lock.unlock();
            throw new IllegalStateException("Rtnetlink handle of " + namespace + " is closed");
        }
    }

    private void leave() {
        lock.unlock();
    }

    /** Sends a request that expects only an acknowledgement, and waits for it. */
    private void ack(String target, Encoder encoder) {
        enter();
        try {
            int seq = socket.nextSeq();
            encoder.encode(socket.tx.reset(), seq);
            socket.flush();
            awaitReplies(seq, target, null);
        } finally {
            leave();
        }
    }

    /** Sends a request answered by one message (then an ack) and decodes it. */
    private <T> T single(String target, Encoder encoder, Function<MessageReader, T> decoder) {
        enter();
        try {
            int seq = socket.nextSeq();
            encoder.encode(socket.tx.reset(), seq);
            socket.flush();
            List<T> out = new ArrayList<>(1);
            awaitReplies(seq, target, r -> out.add(decoder.apply(r)));
            if (out.isEmpty()) {
                throw new NetnsException(target + ": the kernel acknowledged but sent no reply");
            }
            return out.get(0);
        } finally {
            leave();
        }
    }

    /** Reads until the ack (or error) of {@code seq}; messages before it go to {@code replies}. */
    private void awaitReplies(int seq, String target, Consumer<MessageReader> replies) {
        while (true) {
            socket.receive(false);
            MessageReader r = socket.reader;
            while (r.next()) {
                if (r.seq() != seq || r.pid() != socket.portId) {
                    continue; // a late answer to an abandoned request
                }
                if (r.type() == Nlmsg.NLMSG_ERROR) {
                    ErrorMessage e = ErrorMessage.decode(r);
                    if (e.isAck()) {
                        return;
                    }
                    throw NetlinkSocket.failure(e, target);
                }
                if (replies != null && r.type() != Nlmsg.NLMSG_NOOP) {
                    replies.accept(r);
                }
            }
        }
    }

    /**
     * Runs a dump to its end, handing each message to {@code each}; returns whether the kernel
     * flagged it interrupted (NLM_F_DUMP_INTR). Caller holds the lock.
     */
    private boolean dumpLocked(String what, Encoder encoder, Consumer<MessageReader> each) {
        int seq = socket.nextSeq();
        encoder.encode(socket.tx.reset(), seq);
        int requestType = encodedType();
        socket.flush();
        boolean interrupted = false;
        while (true) {
            socket.receive(false);
            MessageReader r = socket.reader;
            while (r.next()) {
                if (r.seq() != seq || r.pid() != socket.portId) {
                    continue;
                }
                if ((r.flags() & Nlmsg.NLM_F_DUMP_INTR) != 0) {
                    interrupted = true;
                }
                if (r.type() == Nlmsg.NLMSG_DONE) {
                    checkDone(r, what, requestType);
                    return interrupted;
                }
                if (r.type() == Nlmsg.NLMSG_ERROR) {
                    ErrorMessage e = ErrorMessage.decode(r);
                    if (!e.isAck()) {
                        throw NetlinkSocket.failure(e, what);
                    }
                    continue;
                }
                each.accept(r);
            }
        }
    }

    /**
     * NLMSG_DONE may carry the dump's failure: a negative errno, and with NLM_F_ACK_TLVS the
     * kernel's extended ack after it. The request type is the one this dump was sent with.
     */
    private static void checkDone(MessageReader r, String what, int requestType) {
        if (r.length() < 20) {
            return;
        }
        int err = r.segment().get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, r.payload());
        if (err >= 0) {
            return;
        }
        String text = null;
        int offset = -1;
        if ((r.flags() & Nlmsg.NLM_F_ACK_TLVS) != 0) {
            io.netns.netlink.codec.AttrReader a = new io.netns.netlink.codec.AttrReader(r.segment(), r.payload() + 4,
                    r.end(), "NLMSG_DONE extended ack");
            while (a.next()) {
                if (a.type() == Nlmsg.NLMSGERR_ATTR_MSG) {
                    text = a.string();
                } else if (a.type() == Nlmsg.NLMSGERR_ATTR_OFFS) {
                    offset = a.u32();
                }
            }
        }
        throw new NetlinkException(MessageTypes.name(requestType), what, -err, text, offset);
    }

    /** The type of the request just encoded into the writer (for naming a failed dump). */
    private int encodedType() {
        return Short.toUnsignedInt(socket.tx.buffer().get(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, 4));
    }

    /** A dump collected into a list, retried when the kernel reports it interrupted by changes. */
    private <T> List<T> dumpList(String what, Encoder encoder, int messageType, Function<MessageReader, T> decoder,
                                 Predicate<T> filter) {
        enter();
        try {
            for (int attempt = 1; ; attempt++) {
                List<T> out = new ArrayList<>();
                boolean interrupted = dumpLocked(what, encoder, r -> {
                    if (r.type() == messageType) {
                        T t = decoder.apply(r);
                        if (filter == null || filter.test(t)) {
                            out.add(t);
                        }
                    }
                });
                if (!interrupted) {
                    return out;
                }
                if (attempt == DUMP_RETRIES) {
                    throw new DumpInterruptedException(what, attempt);
                }
            }
        } finally {
            leave();
        }
    }

    /** The index of a device reference, looked up by name when needed. Caller need not hold the lock. */
    private int index(IfRef ref) {
        return ref.index() > 0 ? ref.index() : linkIndex(ref.name());
    }

    private static String ipOf(InetAddress a) {
        return Addresses.format(a);
    }

    // =================================================================== links

    /**
     * Creates a link: {@code ip link add NAME [options] type KIND ...}; a tun/tap device is created
     * like {@code ip tuntap add NAME mode tun|tap}.
     *
     * @param spec what to create
     * @throws NetlinkException e.g. EEXIST if the name is taken, EOPNOTSUPP "Unknown device type"
     *         for a kind the kernel lacks
     */
    public void linkAdd(LinkSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.kind instanceof LinkSpec.Tun tun) {
            tunAdd(spec, tun);
            return;
        }
        if (spec.alias != null && spec.namespace != null) {
            throw new IllegalArgumentException("the kernel ignores an alias when creating a link, and this socket "
                    + "cannot set it afterwards in another namespace: set it with an Rtnetlink of that namespace");
        }
        int parent = spec.parent == null ? 0 : index(spec.parent);
        int master = spec.master == null ? 0 : index(spec.master);
        NetworkNamespace peerNs = spec.kind instanceof LinkSpec.Veth v ? v.peerNamespace() : null;
        withFds(spec.namespace, peerNs, (nsFd, peerFd) -> {
            ack(spec.name, (w, seq) -> Requests.linkAdd(w, seq, spec, parent, master, nsFd, peerFd));
            return null;
        });
        if (spec.alias != null) {
            linkSet(spec.name, LinkUpdate.of().alias(spec.alias)); // the kernel ignores it on creation
        }
    }

    private interface FdPair<T> {
        T run(int fd1, int fd2);
    }

    /** Runs with the descriptors of up to two namespaces (-1 for null), kept open meanwhile. */
    private static <T> T withFds(NetworkNamespace a, NetworkNamespace b, FdPair<T> action) {
        if (a == null && b == null) {
            return action.run(-1, -1);
        }
        if (a == null) {
            return NamespaceAccess.withFd(b, fb -> action.run(-1, fb));
        }
        if (b == null) {
            return NamespaceAccess.withFd(a, fa -> action.run(fa, -1));
        }
        return NamespaceAccess.withFd(a, fa -> NamespaceAccess.withFd(b, fb -> action.run(fa, fb)));
    }

    /** tun/tap: the kernel creates these only through /dev/net/tun, by a thread inside the namespace. */
    private void tunAdd(LinkSpec spec, LinkSpec.Tun tun) {
        if (spec.namespace != null) {
            throw new IllegalArgumentException("create a tun/tap with an Rtnetlink of its namespace");
        }
        namespace.run(() -> TunDevice.createPersistent(spec.name, tun.tap(), tun.multiQueue()));
        LinkUpdate u = LinkUpdate.of();
        if (spec.mtu > 0) {
            u = u.mtu(spec.mtu);
        }
        if (spec.address != null) {
            u = u.address(spec.address);
        }
        if (spec.txQueueLength >= 0) {
            u = u.txQueueLength(spec.txQueueLength);
        }
        if (spec.group >= 0) {
            u = u.group(spec.group);
        }
        if (spec.alias != null) {
            u = u.alias(spec.alias);
        }
        if (spec.master != null) {
            u = u.master(spec.master.name());
        }
        if (spec.up) {
            u = u.up();
        }
        if (!u.isEmpty()) {
            linkSet(spec.name, u);
        }
    }

    /**
     * Changes a link: {@code ip link set DEV up|down mtu N name NEW address MAC master BR|nomaster
     * netns NS ...}, all in one request.
     *
     * @param device the link's name
     * @param update the changes
     */
    public void linkSet(String device, LinkUpdate update) {
        linkSet(IfRef.of(device), update);
    }

    /**
     * As {@link #linkSet(String, LinkUpdate)}, for the link with that index.
     *
     * @param index the ifindex
     * @param update the changes
     */
    public void linkSet(int index, LinkUpdate update) {
        linkSet(IfRef.of(index), update);
    }

    private void linkSet(IfRef ref, LinkUpdate u) {
        Objects.requireNonNull(u, "update");
        if (u.isEmpty()) {
            return;
        }
        int idx = index(ref);
        int master = u.noMaster ? 0 : u.master == null ? -1 : index(u.master);
        withFds(u.namespace, null, (nsFd, unused) -> {
            ack(ref.toString(), (w, seq) -> Requests.linkSet(w, seq, idx, u, master, nsFd));
            return null;
        });
    }

    /**
     * Sets a link administratively up: {@code ip link set DEV up}.
     *
     * @param device the link's name
     * @throws NetlinkException ENODEV if there is no such link, or another errno if the kernel refuses
     */
    public void linkSetUp(String device) {
        linkSet(device, LinkUpdate.of().up());
    }

    /**
     * Sets a link administratively down: {@code ip link set DEV down}.
     *
     * @param device the link's name
     * @throws NetlinkException ENODEV if there is no such link, or another errno if the kernel refuses
     */
    public void linkSetDown(String device) {
        linkSet(device, LinkUpdate.of().down());
    }

    /**
     * Changes a link's MTU: {@code ip link set DEV mtu N}.
     *
     * @param device the link's name
     * @param mtu the new MTU, in bytes
     * @throws IllegalArgumentException if the MTU is not positive
     * @throws NetlinkException ENODEV if there is no such link, EINVAL if the device does not take that MTU
     */
    public void linkSetMtu(String device, int mtu) {
        linkSet(device, LinkUpdate.of().mtu(mtu));
    }

    /**
     * Renames a link: {@code ip link set DEV name NEW}. Most devices must be down to be renamed.
     *
     * @param device the link's name
     * @param newName its new name
     * @throws IllegalArgumentException if the new name is not a valid interface name
     * @throws NetlinkException ENODEV if there is no such link, EEXIST if the new name is taken, EBUSY if it is up
     */
    public void linkSetName(String device, String newName) {
        linkSet(device, LinkUpdate.of().name(newName));
    }

    /**
     * Changes a link's link-layer address: {@code ip link set DEV address MAC}.
     *
     * @param device the link's name
     * @param mac the new address, e.g. {@code 02:00:00:00:00:01}
     * @throws IllegalArgumentException if {@code mac} is not a link-layer address
     * @throws NetlinkException ENODEV if there is no such link, or another errno if the kernel refuses
     */
    public void linkSetAddress(String device, String mac) {
        linkSet(device, LinkUpdate.of().address(MacAddress.parse(mac)));
    }

    /**
     * Enslaves a link to a bridge or bond: {@code ip link set DEV master BRIDGE}.
     *
     * @param device the link's name
     * @param master the bridge's or bond's name
     * @throws NetlinkException ENODEV if either link does not exist, or another errno if the kernel refuses
     */
    public void linkSetMaster(String device, String master) {
        linkSet(device, LinkUpdate.of().master(master));
    }

    /**
     * Releases a link from its bridge or bond: {@code ip link set DEV nomaster}.
     *
     * @param device the link's name
     * @throws NetlinkException ENODEV if there is no such link, or another errno if the kernel refuses
     */
    public void linkSetNoMaster(String device) {
        linkSet(device, LinkUpdate.of().noMaster());
    }

    /**
     * Moves a link to another namespace: {@code ip link set DEV netns NS}. It arrives down.
     *
     * @param device the link's name
     * @param target the namespace to move it to
     * @throws NetlinkException ENODEV if there is no such link, or another errno if the kernel refuses
     */
    public void linkSetNamespace(String device, NetworkNamespace target) {
        linkSet(device, LinkUpdate.of().namespace(target));
    }

    /**
     * Deletes a link: {@code ip link del DEV} (a veth takes its peer with it).
     *
     * @param device the name
     * @throws NetlinkException ENODEV if there is no such link
     */
    public void linkDel(String device) {
        int idx = linkIndex(device);
        ack(device, (w, seq) -> Requests.linkDel(w, seq, idx));
    }

    /**
     * Deletes the link with that index: {@code ip link del dev DEV} by index.
     *
     * @param index the link's ifindex
     * @throws IllegalArgumentException if the index is not positive
     * @throws NetlinkException ENODEV if there is no such link
     */
    public void linkDel(int index) {
        if (index <= 0) {
            throw new IllegalArgumentException("an interface index is positive");
        }
        ack("ifindex " + index, (w, seq) -> Requests.linkDel(w, seq, index));
    }

    /**
     * Deletes every link of a device group in one request ({@code ip link del group N}): the kernel
     * pays its unregister synchronisation once for all of them, where one request per link pays it
     * each time (about 20 ms per link).
     *
     * @param group the group (set with {@link LinkSpec#group} or {@link LinkUpdate#group}); not 0, the default group
     */
    public void linkDelGroup(int group) {
        if (group <= 0) {
            throw new IllegalArgumentException("refusing to delete group " + group + " (0 is every device's default)");
        }
        ack("group " + group, (w, seq) -> Requests.linkDelGroup(w, seq, group));
    }

    /**
     * The link named {@code device}, asked by name (not dumped and filtered): {@code ip link show DEV}.
     *
     * @param device the link's name
     * @return the link
     * @throws NetlinkException ENODEV if there is none
     */
    public Link link(String device) {
        LinkNames.check(device);
        return single(device, (w, seq) -> Requests.linkGet(w, seq, 0, device), Decoders::link);
    }

    /**
     * The link with index {@code index}, asked by index: like {@code ip link show DEV}.
     *
     * @param index the link's ifindex
     * @return the link
     * @throws IllegalArgumentException if the index is not positive
     * @throws NetlinkException ENODEV if there is none
     */
    public Link link(int index) {
        if (index <= 0) {
            throw new IllegalArgumentException("an interface index is positive");
        }
        return single("ifindex " + index, (w, seq) -> Requests.linkGet(w, seq, index, null), Decoders::link);
    }

    /**
     * The link named {@code device}, or empty if there is none: {@code ip link show DEV}.
     *
     * @param device the link's name
     * @return the link, if there is one
     */
    public Optional<Link> findLink(String device) {
        try {
            return Optional.of(link(device));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The ifindex of {@code device}: the number {@code ip link show DEV} prints first.
     *
     * @param device the link's name
     * @return its ifindex
     * @throws NetlinkException ENODEV if there is none
     */
    public int linkIndex(String device) {
        LinkNames.check(device);
        // only the ifindex of the reply's ifinfomsg is read: no full decode of a kilobyte of attributes
        return single(device, (w, seq) -> Requests.linkGet(w, seq, 0, device), Decoders::linkIndex);
    }

    /** {@return every link: {@code ip link show}} */
    public List<Link> links() {
        return dumpList("links", (w, seq) -> Requests.linkDump(w, seq, 0), Rtm.RTM_NEWLINK, Decoders::link, null);
    }

    /**
     * The ports of a bridge or bond: {@code ip link show master BR}.
     *
     * @param master the bridge's or bond's name
     * @return the links enslaved to it
     * @throws NetlinkException ENODEV if there is no link named {@code master}
     */
    public List<Link> links(String master) {
        int m = linkIndex(master);
        return dumpList("links of " + master, (w, seq) -> Requests.linkDump(w, seq, m), Rtm.RTM_NEWLINK,
                Decoders::link, l -> l.master().orElse(0) == m);
    }

    /**
     * Waits until the link's operational state is {@code state}, driven by link events (bounded by
     * {@code timeout}). Use it before sending traffic on a link just set up: a SYN sent before the
     * link is operationally UP is often dropped and costs a one-second retransmit.
     *
     * @param device the link's name
     * @param state the operational state to wait for
     * @param timeout how long to wait at most
     * @return the link in that state
     * @throws NetnsException if it did not get there in time (errno 0; the message tells the state
     *         it was still in)
     * @throws NetlinkException ENODEV if there is no such link
     */
    public Link awaitOperState(String device, OperState state, Duration timeout) {
        Objects.requireNonNull(state, "state");
        long deadline = System.nanoTime() + timeout.toNanos();
        enter();
        try {
            if (linkEvents == null) {
                linkEvents = NetlinkSocket.open(namespace, RtnlGroup.RTNLGRP_LINK);
            }
            drainEvents();
        } finally {
            leave();
        }
        Link link = link(device);
        int index = link.index();
        while (link.operState() != state) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new NetnsException("waiting for " + device + " to be " + state + ": still " + link.operState()
                        + " after " + timeout.toMillis() + " ms");
            }
            enter();
            try {
                Link seen = null;
                if (linkEvents.poll((int) Math.max(1, left / 1_000_000))) {
                    seen = latestLinkEvent(index);
                }
                if (seen != null) {
                    link = seen;
                    continue;
                }
            } catch (NetnsException e) {
                if (!NetlinkSocket.isEnobufs(e)) {
                    throw e;
                }
                // events were lost: fall back to asking
            } finally {
                leave();
            }
            link = link(device);
        }
        return link;
    }

    private void drainEvents() {
        try {
            while (linkEvents.receive(true)) {
                // discard what happened before this wait began
            }
        } catch (NetnsException e) {
            if (!NetlinkSocket.isEnobufs(e)) {
                throw e;
            }
        }
    }

    /** Reads the queued link events; returns the last RTM_NEWLINK of {@code index}, or null. */
    private Link latestLinkEvent(int index) {
        Link last = null;
        while (linkEvents.receive(true)) {
            MessageReader r = linkEvents.reader;
            while (r.next()) {
                if (r.type() == Rtm.RTM_NEWLINK) {
                    long p = r.payload();
                    if (r.length() >= 32 && r.segment().get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, p + 4) == index) {
                        last = Decoders.link(r);
                    }
                }
            }
        }
        return last;
    }


    // =================================================================== addresses

    /**
     * Adds an address: {@code ip addr add PREFIX dev DEV [options]}.
     *
     * @param spec the address, its device and options
     * @throws NetlinkException EEXIST if the device already has it
     */
    public void addressAdd(AddressSpec spec) {
        Objects.requireNonNull(spec, "spec");
        int idx = index(spec.device);
        ack(spec.prefix + " dev " + spec.device, (w, seq) ->
                Requests.address(w, Rtm.RTM_NEWADDR, Requests.CREATE, seq, spec, idx));
    }

    /**
     * Adds an address without options: {@code ip addr add PREFIX dev DEV}.
     *
     * @param device the link's name
     * @param prefix the address with its prefix length, e.g. {@code 198.18.0.1/24}
     * @throws IllegalArgumentException if the prefix cannot be parsed
     * @throws NetlinkException EEXIST if the device already has it, ENODEV if there is no such link
     */
    public void addressAdd(String device, String prefix) {
        addressAdd(AddressSpec.of(prefix, device));
    }

    /**
     * {@code ip addr replace PREFIX dev DEV [options]}: add, or change the options of an existing one.
     *
     * @param spec the address, its device and options
     * @throws NetlinkException ENODEV if there is no such link
     */
    public void addressReplace(AddressSpec spec) {
        int idx = index(spec.device);
        ack(spec.prefix + " dev " + spec.device, (w, seq) ->
                Requests.address(w, Rtm.RTM_NEWADDR, Requests.REPLACE, seq, spec, idx));
    }

    /**
     * Deletes an address: {@code ip addr del PREFIX dev DEV}.
     *
     * @param spec the address and its device; the options are not needed
     * @throws NetlinkException EADDRNOTAVAIL if the device does not have it
     */
    public void addressDel(AddressSpec spec) {
        int idx = index(spec.device);
        ack(spec.prefix + " dev " + spec.device, (w, seq) ->
                Requests.address(w, Rtm.RTM_DELADDR, Requests.CHANGE, seq, spec, idx));
    }

    /**
     * Deletes an address: {@code ip addr del PREFIX dev DEV}.
     *
     * @param device the link's name
     * @param prefix the address with its prefix length, e.g. {@code 198.18.0.1/24}
     * @throws IllegalArgumentException if the prefix cannot be parsed
     * @throws NetlinkException EADDRNOTAVAIL if the device does not have it, ENODEV if there is no such link
     */
    public void addressDel(String device, String prefix) {
        addressDel(AddressSpec.of(prefix, device));
    }

    /** {@return every address of both families: {@code ip addr show}} */
    public List<Address> addresses() {
        return addresses(Family.UNSPEC, 0);
    }

    /**
     * The addresses of one family ({@code ip -4 addr}), all families for {@link Family#UNSPEC}.
     *
     * @param family {@link Family#INET}, {@link Family#INET6} or {@link Family#UNSPEC}
     * @return the addresses
     */
    public List<Address> addresses(Family family) {
        return addresses(family, 0);
    }

    /**
     * The addresses of one device: {@code ip addr show dev DEV}.
     *
     * @param device the link's name
     * @return its addresses, of both families
     * @throws NetlinkException ENODEV if there is no such link
     */
    public List<Address> addresses(String device) {
        return addresses(Family.UNSPEC, linkIndex(device));
    }

    private List<Address> addresses(Family family, int index) {
        return dumpList("addresses", (w, seq) -> Requests.addressDump(w, seq, family.number(), index),
                Rtm.RTM_NEWADDR, Decoders::address, index > 0 ? a -> a.index() == index : null);
    }

    // =================================================================== routes

    /**
     * Adds a route: {@code ip route add [TYPE] PREFIX [via GW] [dev DEV] [options]}.
     *
     * @param spec the route
     * @throws NetlinkException EEXIST if it exists, ENETUNREACH if the gateway is not reachable
     */
    public void routeAdd(RouteSpec spec) {
        routeRequest(Rtm.RTM_NEWROUTE, Requests.CREATE, spec);
    }

    /**
     * {@code ip route replace ...}: add, or replace a route with the same destination, tos, metric and table.
     *
     * @param spec the route
     * @throws NetlinkException if the kernel refuses it, e.g. ENETUNREACH if the gateway is not reachable
     */
    public void routeReplace(RouteSpec spec) {
        routeRequest(Rtm.RTM_NEWROUTE, Requests.REPLACE, spec);
    }

    /**
     * Deletes a route: {@code ip route del PREFIX [via GW] [dev DEV] [table N] ...}; unspecified
     * fields match any.
     *
     * @param spec the route to match
     * @throws NetlinkException ESRCH if no route matches
     */
    public void routeDel(RouteSpec spec) {
        routeRequest(Rtm.RTM_DELROUTE, Requests.CHANGE, spec);
    }

    private void routeRequest(int type, int flags, RouteSpec spec) {
        Objects.requireNonNull(spec, "spec");
        int oif = spec.device == null ? 0 : index(spec.device);
        int[] hops = new int[spec.nextHops.size()];
        for (int i = 0; i < hops.length; i++) {
            IfRef d = spec.nextHops.get(i).device();
            hops[i] = d == null ? 0 : index(d);
        }
        ack(spec.toString(), (w, seq) -> Requests.route(w, type, flags, seq, spec, oif, hops));
    }

    /** {@return the IPv4 routes of the main table: {@code ip route show}} */
    public List<Route> routes() {
        return routes(Family.INET, 254);
    }

    /**
     * The routes of one family and table.
     *
     * @param family {@link Family#INET}, {@link Family#INET6} or {@link Family#UNSPEC} for both
     * @param table a table id (254 main, 255 local), or 0 for every table ({@code ip route show table all})
     * @return the routes
     */
    public List<Route> routes(Family family, long table) {
        return dumpList("routes", (w, seq) -> Requests.routeDump(w, seq, family.number(), table), Rtm.RTM_NEWROUTE,
                Decoders::route, table == 0 ? null : r -> r.table() == table);
    }

    /**
     * Streams the routes of one family and table as the kernel sends them, without holding them all
     * in memory (a table of a million routes needs only one 32 KiB datagram at a time). Close the
     * stream (try-with-resources): until it is exhausted or closed it holds this handle's lock.
     * A dump the kernel reports interrupted by concurrent changes ends in
     * {@link DumpInterruptedException} after the items already delivered.
     *
     * @param family the family, {@link Family#UNSPEC} for both
     * @param table a table id, or 0 for every table
     * @return the routes
     */
    public Stream<Route> routeStream(Family family, long table) {
        return stream("routes", (w, seq) -> Requests.routeDump(w, seq, family.number(), table), Rtm.RTM_NEWROUTE,
                Decoders::route, table == 0 ? null : r -> r.table() == table);
    }

    /**
     * Streams every link ({@code ip link show}); see {@link #routeStream} for the rules.
     *
     * @return the links
     */
    public Stream<Link> linkStream() {
        return stream("links", (w, seq) -> Requests.linkDump(w, seq, 0), Rtm.RTM_NEWLINK, Decoders::link, null);
    }

    /**
     * Asks the kernel which route it would use for {@code destination}: {@code ip route get ADDR}.
     *
     * @param destination an IP literal
     * @return the route, with its output device, gateway and preferred source filled in
     * @throws NetlinkException ENETUNREACH if there is no route
     */
    public Route routeGet(String destination) {
        return routeGet(Addresses.parse(destination));
    }

    /**
     * As {@link #routeGet(String)}: {@code ip route get ADDR}.
     *
     * @param destination the address to route to
     * @return the route, with its output device, gateway and preferred source filled in
     * @throws NetlinkException ENETUNREACH if there is no route
     */
    public Route routeGet(InetAddress destination) {
        Objects.requireNonNull(destination, "destination");
        return single(ipOf(destination), (w, seq) -> Requests.routeGet(w, seq, destination, null, 0),
                Decoders::route);
    }

    // =================================================================== neighbours

    /**
     * Adds a neighbour entry: {@code ip neigh add ADDR lladdr MAC dev DEV nud permanent}.
     *
     * @param spec the entry
     * @throws NetlinkException EEXIST if there is one already, ENODEV if there is no such link
     */
    public void neighbourAdd(NeighbourSpec spec) {
        int idx = index(spec.device);
        ack(ipOf(spec.destination) + " dev " + spec.device,
                (w, seq) -> Requests.neighbour(w, Rtm.RTM_NEWNEIGH, Requests.CREATE, seq, spec, idx));
    }

    /**
     * Adds a neighbour entry or replaces the existing one: {@code ip neigh replace ADDR lladdr MAC dev DEV nud STATE}.
     *
     * @param spec the entry
     * @throws NetlinkException ENODEV if there is no such link
     */
    public void neighbourReplace(NeighbourSpec spec) {
        int idx = index(spec.device);
        ack(ipOf(spec.destination) + " dev " + spec.device,
                (w, seq) -> Requests.neighbour(w, Rtm.RTM_NEWNEIGH, Requests.REPLACE, seq, spec, idx));
    }

    /**
     * Deletes a neighbour entry: {@code ip neigh del ADDR dev DEV}.
     *
     * @param spec the entry; only its address and device matter
     * @throws NetlinkException ENOENT if there is no such entry, ENODEV if there is no such link
     */
    public void neighbourDel(NeighbourSpec spec) {
        int idx = index(spec.device);
        ack(ipOf(spec.destination) + " dev " + spec.device,
                (w, seq) -> Requests.neighbour(w, Rtm.RTM_DELNEIGH, Requests.CHANGE, seq, spec, idx));
    }

    /**
     * The neighbour entries of one family: {@code ip neigh show}.
     *
     * @param family {@link Family#INET}, {@link Family#INET6} or {@link Family#UNSPEC} for both
     * @return the entries
     */
    public List<Neighbour> neighbours(Family family) {
        return dumpList("neighbours", (w, seq) -> Requests.neighbourDump(w, seq, family.number(), 0),
                Rtm.RTM_NEWNEIGH, Decoders::neighbour, null);
    }

    // =================================================================== rules

    /**
     * Adds a policy-routing rule: {@code ip rule add ...}.
     *
     * @param spec the rule
     * @throws NetlinkException if the kernel refuses it, e.g. EEXIST for a duplicate
     */
    public void ruleAdd(RuleSpec spec) {
        ack("rule", (w, seq) -> Requests.rule(w, Rtm.RTM_NEWRULE, Requests.CREATE, seq, spec));
    }

    /**
     * {@code ip rule del ...}: deletes the first rule matching every field set.
     *
     * @param spec the fields to match
     * @throws NetlinkException ENOENT if no rule matches
     */
    public void ruleDel(RuleSpec spec) {
        ack("rule", (w, seq) -> Requests.rule(w, Rtm.RTM_DELRULE, Requests.CHANGE, seq, spec));
    }

    /**
     * The policy-routing rules: {@code ip rule show} ({@code ip -6 rule show} for {@link Family#INET6}).
     *
     * @param family {@link Family#INET}, {@link Family#INET6}, or {@link Family#UNSPEC} for every family
     * @return the rules
     */
    public List<Rule> rules(Family family) {
        return dumpList("rules", (w, seq) -> Requests.ruleDump(w, seq, family.number()), Rtm.RTM_NEWRULE,
                Decoders::rule, null);
    }

    // =================================================================== namespace ids

    /**
     * Gives {@code other} the id {@code nsid} as seen from this socket's namespace:
     * {@code ip netns set NAME NSID}.
     *
     * @param other the namespace to number
     * @param nsid 0.. (or -1 to let the kernel choose)
     */
    public void nsidSet(NetworkNamespace other, int nsid) {
        if (nsid < -1) {
            throw new IllegalArgumentException("nsid must be -1 (auto) or positive");
        }
        NamespaceAccess.withFd(other, fd -> {
            ack("nsid " + nsid, (w, seq) -> Requests.nsidSet(w, seq, fd, nsid));
            return null;
        });
    }

    /**
     * The id {@code other} has as seen from this socket's namespace, if one was assigned
     * ({@code ip netns list-id}, {@code link-netnsid} in {@code ip link}).
     *
     * @param other the namespace
     * @return its id, or empty if it has none
     */
    public OptionalInt nsid(NetworkNamespace other) {
        int id = NamespaceAccess.withFd(other, fd -> single("nsid", (w, seq) -> Requests.nsidGet(w, seq, fd),
                Decoders::nsid));
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** {@return every id assigned in this namespace: {@code ip netns list-id}} */
    public List<Integer> nsids() {
        return dumpList("nsids", Requests::nsidDump, Rtm.RTM_NEWNSID, Decoders::nsid, null);
    }

    // =================================================================== batches

    /**
     * Starts a batch: requests queued on it are sent together, many per {@code sendmsg}, and their
     * acknowledgements are read afterwards and matched back by sequence number. Bulk work then costs
     * one round trip per batch instead of one per object.
     *
     * @return an empty batch bound to this socket
     */
    public Batch batch() {
        return new Batch(this);
    }

    /** Executes a batch's requests in order, pipelined; see {@link Batch#execute()}. */
    List<NetlinkException> execute(List<Batch.Op> ops, int window, java.util.Map<NetworkNamespace, Integer> fds) {
        List<NetlinkException> results = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            results.add(null);
        }
        java.util.Map<String, Integer> known = new java.util.HashMap<>();
        enter();
        try {
            int[] seqs = new int[ops.size()];
            int first = 0;
            int i = 0;
            while (i < ops.size()) {
                Batch.Op op = ops.get(i);
                // A name not known yet may be a link created earlier in this batch: send what is queued first.
                List<IfRef> unresolved = new ArrayList<>();
                for (IfRef r : op.refs()) {
                    if (r.index() == 0 && !known.containsKey(r.name())) {
                        unresolved.add(r);
                    }
                }
                if (!unresolved.isEmpty()) {
                    collect(seqs, first, i, ops, results);
                    first = i;
                    for (IfRef r : unresolved) {
                        known.put(r.name(), indexLocked(r.name()));
                    }
                }
                int seq = socket.nextSeq();
                seqs[i] = seq;
                op.encode(socket.tx, seq, ref -> ref.index() > 0 ? ref.index() : known.get(ref.name()), fds);
                i++;
                if (i - first >= window || socket.tx.position() > 256 * 1024) {
                    collect(seqs, first, i, ops, results);
                    first = i;
                }
            }
            collect(seqs, first, i, ops, results);
        } finally {
            leave();
        }
        return results;
    }

    /** Sends what the writer holds (requests first..end-1) and reads one ack per request. */
    private void collect(int[] seqs, int first, int end, List<Batch.Op> ops, List<NetlinkException> results) {
        if (first >= end) {
            return;
        }
        socket.flush();
        int pending = end - first;
        int base = seqs[first];
        while (pending > 0) {
            socket.receive(false);
            MessageReader r = socket.reader;
            while (r.next()) {
                if (r.pid() != socket.portId || r.type() != Nlmsg.NLMSG_ERROR) {
                    continue;
                }
                int k = first + (r.seq() - base);
                if (k < first || k >= end || seqs[k] != r.seq()) {
                    continue;
                }
                ErrorMessage e = ErrorMessage.decode(r);
                if (!e.isAck()) {
                    results.set(k, NetlinkSocket.failure(e, ops.get(k).target()));
                }
                pending--;
            }
        }
    }

    /** GETLINK by name with the lock already held. */
    private int indexLocked(String name) {
        int seq = socket.nextSeq();
        Requests.linkGet(socket.tx.reset(), seq, 0, name);
        socket.flush();
        int[] out = {-1};
        awaitReplies(seq, name, r -> out[0] = Decoders.linkIndex(r));
        return out[0];
    }

    // =================================================================== streamed dumps

    private <T> Stream<T> stream(String what, Encoder encoder, int messageType, Function<MessageReader, T> decoder,
                                 Predicate<T> filter) {
        enter();
        DumpStream<T> ds;
        try {
            int seq = socket.nextSeq();
            encoder.encode(socket.tx.reset(), seq);
            int requestType = encodedType();
            socket.flush();
            ds = new DumpStream<>(what, seq, requestType, messageType, decoder, filter);
            openDump = ds;
        } catch (RuntimeException e) {
            leave();
            throw e;
        }
        return StreamSupport.stream(ds, false).onClose(ds::close);
    }

    /** Decodes a dump lazily, one received datagram at a time; owns the lock until done or closed. */
    private final class DumpStream<T> extends Spliterators.AbstractSpliterator<T> {
        private final String what;
        private final int seq;
        private final int requestType;
        private final int messageType;
        private final Function<MessageReader, T> decoder;
        private final Predicate<T> filter;
        private final Thread owner = Thread.currentThread();
        private boolean finished;
        private boolean released;
        private boolean interrupted;
        private boolean inDatagram;

        DumpStream(String what, int seq, int requestType, int messageType, Function<MessageReader, T> decoder,
                   Predicate<T> filter) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.what = what;
            this.seq = seq;
            this.requestType = requestType;
            this.messageType = messageType;
            this.decoder = decoder;
            this.filter = filter;
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            if (released) {
                return false;
            }
            if (closed) {
                throw new IllegalStateException("Rtnetlink handle of " + namespace + " was closed during the dump");
            }
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("a streamed dump must be consumed by the thread that started it");
            }
            try {
                while (!finished) {
                    if (!inDatagram) {
                        socket.receive(false);
                        inDatagram = true;
                    }
                    MessageReader r = socket.reader;
                    while (r.next()) {
                        if (r.seq() != seq || r.pid() != socket.portId) {
                            continue;
                        }
                        if ((r.flags() & Nlmsg.NLM_F_DUMP_INTR) != 0) {
                            interrupted = true;
                        }
                        if (r.type() == Nlmsg.NLMSG_DONE) {
                            finished = true;
                            checkDone(r, what, requestType);
                            break;
                        }
                        if (r.type() == Nlmsg.NLMSG_ERROR) {
                            ErrorMessage e = ErrorMessage.decode(r);
                            if (!e.isAck()) {
                                finished = true;
                                throw NetlinkSocket.failure(e, what);
                            }
                            continue;
                        }
                        if (r.type() == messageType) {
                            T t = decoder.apply(r);
                            if (filter == null || filter.test(t)) {
                                action.accept(t);
                                return true;
                            }
                        }
                    }
                    if (!finished) {
                        inDatagram = false;
                    }
                }
                release();
                if (interrupted) {
                    throw new DumpInterruptedException(what, 1);
                }
                return false;
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
        }

        /** Reads the rest of the dump (the socket must be in step for the next request), then unlocks. */
        void close() {
            if (released) {
                return;
            }
            try {
                while (!finished) {
                    if (!inDatagram) {
                        socket.receive(false);
                    }
                    inDatagram = false;
                    MessageReader r = socket.reader;
                    while (r.next()) {
                        if (r.seq() == seq && r.pid() == socket.portId
                                && (r.type() == Nlmsg.NLMSG_DONE || r.type() == Nlmsg.NLMSG_ERROR)) {
                            finished = true;
                        }
                    }
                }
            } finally {
                release();
            }
        }

        private void release() {
            if (!released) {
                released = true;
                openDump = null;
                leave();
            }
        }
    }

    /**
     * Closes the socket (and the link-event socket, if one was opened). The namespace handle is not
     * closed. Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (openDump != null) {
                openDump.close(); // this thread's own stream: finish it before the buffers go away
            }
            closed = true;
            socket.close();
            if (linkEvents != null) {
                linkEvents.close();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Rtnetlink[" + namespace + ", port " + Integer.toUnsignedString(socket.portId) + "]";
    }
}
