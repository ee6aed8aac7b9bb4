// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.internal;

import io.netns.NetnsException;
import io.netns.NetworkNamespace;
import io.netns.Errno;
import io.netns.internal.sys.NamespaceAccess;
import io.netns.netlink.DumpInterruptedException;
import io.netns.netlink.NetlinkException;
import io.netns.netlink.NoSuchLinkException;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.ErrorMessage;
import io.netns.netlink.wire.Ifla;
import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.MessageTypes;
import io.netns.netlink.wire.MessageWriter;
import io.netns.netlink.wire.Nlmsg;
import io.netns.netlink.wire.Rtm;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

/**
 * The one request/reply engine of a netlink socket, used by every family (links, routes ... and
 * other netlink protocols): send and await the ack, a single reply, dumps collected or streamed
 * (retried when the kernel flags them interrupted), and pipelined batches. Extended acks become
 * {@link NetlinkException}s (typed by errno). One request runs at a time, under a lock that is held
 * only while that request's messages are exchanged, never while the caller's code runs: a streamed
 * dump reads on a socket of its own ({@link DumpStream}) and holds no lock between elements.
 */
public final class Exchange implements Sink, AutoCloseable {
    private static final int DUMP_RETRIES = 5;

    private final NetworkNamespace namespace;
    private final NetlinkSocket socket;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closed;
    /** The sockets of the streams not finished yet, each tracked by a phantom reference to its stream. */
    private final Set<StreamRef> streams = ConcurrentHashMap.newKeySet();
    /** Where the references of streams dropped unfinished arrive once the streams are collected. */
    private final ReferenceQueue<Object> abandoned = new ReferenceQueue<>();
    /** Other sockets of the handle (a link-event socket), closed with it. */
    private final List<AutoCloseable> companions = new ArrayList<>();

    /**
     * An exchange over {@code socket}, which it owns from now on.
     *
     * @param namespace the socket's namespace
     * @param socket the socket
     */
    public Exchange(NetworkNamespace namespace, NetlinkSocket socket) {
        this.namespace = namespace;
        this.socket = socket;
    }

    /** {@return the namespace the socket works in} */
    public NetworkNamespace namespace() {
        return namespace;
    }

    /** {@return the socket, for tests that steer its sequence numbers} */
    public NetlinkSocket socket() {
        return socket;
    }

    /**
     * Closes {@code c} when this exchange is closed.
     *
     * @param c a socket of the same handle
     */
    public void onClose(AutoCloseable c) {
        lock.lock();
        try {
            companions.add(c);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Exchange exchange() {
        return this;
    }

    void enter() {
        lock.lock();
        if (closed) {
            lock.unlock();
            throw new IllegalStateException("Rtnetlink handle of " + namespace + " is closed");
        }
    }

    void leave() {
        lock.unlock();
    }

    // ------------------------------------------------------------------ single requests

    /** Runs one change request now: resolves it, sends it and waits for its ack; throws if refused. */
    @Override
    public void submit(Request request) {
        Objects.requireNonNull(request, "request");
        withFds(request.namespaces(), 0, new IdentityHashMap<>(), fds -> {
            enter();
            try {
                Map<IfRef, Integer> indexes = resolveLocked(request);
                int seq = socket.nextSeq();
                request.encode(socket.tx.reset(), seq, resolved(indexes, fds));
                socket.flush();
                awaitReplies(seq, request.target(), null);
            } finally {
                leave();
            }
            return null;
        });
    }

    /**
     * Sends a request answered by one message (then an ack) and decodes it.
     *
     * @param target what the request is about, for errors
     * @param encoder the request
     * @param decoder decodes the reply
     * @param <T> the decoded type
     * @return the decoded reply
     */
    public <T> T single(String target, Request.Encoder encoder, Function<MessageReader, T> decoder) {
        enter();
        try {
            return singleLocked(target, encoder, decoder);
        } finally {
            leave();
        }
    }

    private <T> T singleLocked(String target, Request.Encoder encoder, Function<MessageReader, T> decoder) {
        int seq = socket.nextSeq();
        encoder.encode(socket.tx.reset(), seq);
        socket.flush();
        List<T> out = new ArrayList<>(1);
        awaitReplies(seq, target, r -> out.add(decoder.apply(r)));
        if (out.isEmpty()) {
            throw new NetnsException(target + ": the kernel acknowledged but sent no reply");
        }
        return out.get(0);
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
     * Runs {@code body} with the socket to itself (the exchange's lock held, the handle checked
     * open), for a protocol whose requests and answers follow a pattern of their own: a netfilter
     * batch is many messages in one datagram, answered together.
     *
     * @param body what to do with the socket
     * @param <T> its result
     * @return what {@code body} returned
     */
    public <T> T withSocket(Function<NetlinkSocket, T> body) {
        enter();
        try {
            return body.apply(socket);
        } finally {
            leave();
        }
    }

    // ------------------------------------------------------------------ device names

    /**
     * {@return the ifindex of the link named {@code name}}, asked with one RTM_GETLINK (only the
     * ifindex of the reply is read)
     *
     * @param name the link's name
     * @throws NoSuchLinkException if there is none
     */
    public int linkIndex(String name) {
        enter();
        try {
            return linkIndexLocked(name);
        } finally {
            leave();
        }
    }

    private int linkIndexLocked(String name) {
        return singleLocked(name, (w, seq) -> {
            w.beginMessage(Rtm.RTM_GETLINK, Request.CHANGE, seq, 0);
            w.ifinfomsg(0, 0, 0, 0, 0);
            w.attrString(Ifla.IFLA_IFNAME, name);
            w.endMessage();
        }, r -> {
            r.requirePayload(16, "struct ifinfomsg");
            return r.segment().get(JAVA_INT_UNALIGNED, r.payload() + 4);
        });
    }

    /** Looks up the request's devices named by name; a missing one fails the request as ip words it. */
    private Map<IfRef, Integer> resolveLocked(Request request) {
        List<IfRef> devices = request.devices();
        if (devices.isEmpty()) {
            return Map.of();
        }
        Map<IfRef, Integer> out = new HashMap<>();
        for (IfRef d : devices) {
            if (d.index() > 0) {
                out.put(d, d.index());
            } else if (!out.containsKey(d)) {
                out.put(d, lookupFor(request, d.name()));
            }
        }
        return out;
    }

    /** A device lookup on behalf of {@code request}: ENODEV names the request, like ip's "Cannot find device". */
    int lookupFor(Request request, String name) {
        try {
            return linkIndexLocked(name);
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                throw new NoSuchLinkException(MessageTypes.name(request.type()), request.target(), name);
            }
            throw e;
        }
    }

    static Request.Resolved resolved(Map<IfRef, Integer> indexes, Map<NetworkNamespace, Integer> fds) {
        return new Request.Resolved() {
            @Override
            public int index(IfRef device) {
                return device == null ? 0 : device.index() > 0 ? device.index() : indexes.get(device);
            }

            @Override
            public int fd(NetworkNamespace ns) {
                return ns == null ? -1 : fds.get(ns);
            }
        };
    }

    /** Runs {@code body} with the descriptors of {@code nss} open (each distinct handle once). */
    static <T> T withFds(List<NetworkNamespace> nss, int i, Map<NetworkNamespace, Integer> fds,
                                 Function<Map<NetworkNamespace, Integer>, T> body) {
        if (i == nss.size()) {
            return body.apply(fds);
        }
        NetworkNamespace ns = nss.get(i);
        if (fds.containsKey(ns)) {
            return withFds(nss, i + 1, fds, body);
        }
        return NamespaceAccess.withFd(ns, fd -> {
            fds.put(ns, fd);
            return withFds(nss, i + 1, fds, body);
        });
    }

    // ------------------------------------------------------------------ dumps

    /**
     * Runs a dump to its end and collects the decoded messages of {@code messageType}; retried when
     * the kernel reports it interrupted by concurrent changes.
     *
     * @param what what is dumped, for errors
     * @param encoder the dump request
     * @param messageType the type of the messages to decode (others are skipped)
     * @param decoder decodes one message
     * @param filter keeps only what it accepts, or null for all
     * @param <T> the decoded type
     * @return the decoded messages, in the kernel's order
     * @throws DumpInterruptedException if every retry was interrupted
     */
    public <T> List<T> dump(String what, Request.Encoder encoder, int messageType, Function<MessageReader, T> decoder,
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

    /** Runs a dump to its end; returns whether the kernel flagged it interrupted (NLM_F_DUMP_INTR). */
    private boolean dumpLocked(String what, Request.Encoder encoder, Consumer<MessageReader> each) {
        int seq = socket.nextSeq();
        encoder.encode(socket.tx.reset(), seq);
        int requestType = encodedType(socket);
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
    static void checkDone(MessageReader r, String what, int requestType) {
        if (r.length() < 20) {
            return;
        }
        int err = r.segment().get(JAVA_INT_UNALIGNED, r.payload());
        if (err >= 0) {
            return;
        }
        String text = null;
        int offset = -1;
        if ((r.flags() & Nlmsg.NLM_F_ACK_TLVS) != 0) {
            AttrReader a = new AttrReader(r.segment(), r.payload() + 4, r.end(), "NLMSG_DONE extended ack");
            while (a.next()) {
                if (a.type() == Nlmsg.NLMSGERR_ATTR_MSG) {
                    text = a.string();
                } else if (a.type() == Nlmsg.NLMSGERR_ATTR_OFFS) {
                    offset = a.u32();
                }
            }
        }
        throw NetlinkException.of(MessageTypes.name(requestType), what, -err, text, offset);
    }

    /** The type of the request just encoded into the writer (for naming a failed dump). */
    static int encodedType(NetlinkSocket socket) {
        return Short.toUnsignedInt(socket.tx.buffer().get(JAVA_SHORT_UNALIGNED, 4));
    }

    /**
     * Streams a dump as the kernel sends it, one datagram in memory at a time, on a socket of its
     * own opened in the namespace for this stream (so the namespace handle must be open). The
     * stream holds no lock of this exchange: other requests, from any thread, and {@link #close()}
     * go on while it is open, and a stream dropped unfinished blocks nothing.
     *
     * @param what what is dumped, for errors
     * @param encoder the dump request
     * @param messageType the type of the messages to decode
     * @param decoder decodes one message
     * @param filter keeps only what it accepts, or null for all
     * @param <T> the decoded type
     * @return the stream; close it to free its socket at once
     * @throws IllegalStateException if this exchange or the namespace handle is closed
     */
    public <T> Stream<T> stream(String what, Request.Encoder encoder, int messageType,
                                Function<MessageReader, T> decoder, Predicate<T> filter) {
        if (closed) {
            throw new IllegalStateException("Rtnetlink handle of " + namespace + " is closed");
        }
        reclaimAbandoned();
        NetlinkSocket own;
        try {
            own = NetlinkSocket.open(namespace);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("a streamed dump opens a socket of its own in " + namespace
                    + ", whose handle is closed: keep it open while you stream, or list instead", e);
        }
        DumpStream<T> ds;
        try {
            ds = new DumpStream<>(this, own, what, encoder, messageType, decoder, filter);
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
        StreamRef ref = new StreamRef(ds, ds.own, abandoned);
        ds.ref = ref;
        streams.add(ref);
        if (closed) { // closed meanwhile: close() may not have seen this stream
            ds.close();
            throw new IllegalStateException("Rtnetlink handle of " + namespace + " is closed");
        }
        return StreamSupport.stream(ds, false).onClose(ds::close);
    }

    /** Tracks a stream's socket without keeping the stream reachable. */
    static final class StreamRef extends PhantomReference<Object> {
        final DumpStream.Own own;

        StreamRef(Object stream, DumpStream.Own own, ReferenceQueue<Object> queue) {
            super(stream, queue);
            this.own = own;
        }
    }

    /** Called by a stream that is done: its socket is closed, nothing to track any more. */
    void forget(StreamRef ref) {
        if (ref != null) {
            streams.remove(ref);
            ref.clear();
        }
    }

    /** Closes the sockets of streams that were dropped unfinished and have been collected since. */
    private void reclaimAbandoned() {
        Reference<?> r;
        while ((r = abandoned.poll()) != null) {
            StreamRef ref = (StreamRef) r;
            streams.remove(ref);
            ref.own.close();
        }
    }

    boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------------------------ batches

    /**
     * Sends requests pipelined (many per {@code sendmsg}, up to a window of unacknowledged ones)
     * and reads their acks, matched back by sequence number; see {@link Pipeline}.
     *
     * @param requests the requests, in order
     * @return what became of each
     */
    public Pipeline.Result pipeline(List<Request> requests) {
        return new Pipeline(this, socket).run(requests);
    }

    /**
     * Closes the socket, the sockets of the streams still open (their next element throws
     * {@link IllegalStateException}) and the companions. Waits only for a request or a stream's
     * receive in progress, never for a stream's consumer. Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            socket.close();
            for (StreamRef ref : streams) {
                ref.own.close();
                ref.clear();
            }
            streams.clear();
            reclaimAbandoned();
            for (AutoCloseable c : companions) {
                try {
                    c.close();
                } catch (Exception e) {
                    // a companion socket: nothing to recover
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return namespace + ", port " + Integer.toUnsignedString(socket.portId);
    }
}
