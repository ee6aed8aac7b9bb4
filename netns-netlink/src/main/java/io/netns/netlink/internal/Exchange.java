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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * {@link NetlinkException}s (typed by errno). One request runs at a time (a lock); a streamed dump
 * holds the lock until it ends or is closed.
 */
public final class Exchange implements Sink, AutoCloseable {
    private static final int DUMP_RETRIES = 5;
    /** How many batch requests are in flight before their acks are read. */
    private static final int WINDOW = 1024;

    private final NetworkNamespace namespace;
    private final NetlinkSocket socket;
    private final ReentrantLock lock = new ReentrantLock();
    /** Set while a streamed dump owns the socket. */
    private DumpStream<?> openDump;
    private volatile boolean closed;
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
    private int lookupFor(Request request, String name) {
        try {
            return linkIndexLocked(name);
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                throw new NoSuchLinkException(MessageTypes.name(request.type()), request.target(), name);
            }
            throw e;
        }
    }

    private static Request.Resolved resolved(Map<IfRef, Integer> indexes, Map<NetworkNamespace, Integer> fds) {
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
    private static <T> T withFds(List<NetworkNamespace> nss, int i, Map<NetworkNamespace, Integer> fds,
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
    private int encodedType() {
        return Short.toUnsignedInt(socket.tx.buffer().get(JAVA_SHORT_UNALIGNED, 4));
    }

    /**
     * Streams a dump as the kernel sends it, one datagram in memory at a time. The stream holds
     * the lock until it is exhausted or closed; it must be consumed by the thread that opened it.
     *
     * @param what what is dumped, for errors
     * @param encoder the dump request
     * @param messageType the type of the messages to decode
     * @param decoder decodes one message
     * @param filter keeps only what it accepts, or null for all
     * @param <T> the decoded type
     * @return the stream; close it
     */
    public <T> Stream<T> stream(String what, Request.Encoder encoder, int messageType,
                                Function<MessageReader, T> decoder, Predicate<T> filter) {
        enter();
        DumpStream<T> ds;
        try {
            int seq = socket.nextSeq();
            encoder.encode(socket.tx.reset(), seq);
            int requestType = encodedType();
            socket.flush();
            ds = new DumpStream<>(this, what, seq, requestType, messageType, decoder, filter);
            openDump = ds;
        } catch (RuntimeException e) {
            leave();
            throw e;
        }
        return StreamSupport.stream(ds, false).onClose(ds::close);
    }

    /** Called by a stream when it is done: the socket is free for the next request. */
    void release(DumpStream<?> ds) {
        if (openDump == ds) {
            openDump = null;
        }
        leave();
    }

    boolean isClosed() {
        return closed;
    }


    // ------------------------------------------------------------------ batches

    /**
     * Sends requests pipelined (many per {@code sendmsg}, up to a window of unacknowledged ones)
     * and reads their acks, matched back by sequence number. A device named by name is looked up
     * when its request's turn comes; what is queued before it is sent and acknowledged first, so a
     * link created earlier in the batch can be named. A failed lookup fails that request alone.
     *
     * @param requests the requests, in order
     * @return for each request, null if applied, else why not
     */
    public List<NetlinkException> pipeline(List<Request> requests) {
        List<NetworkNamespace> namespaces = new ArrayList<>();
        for (Request r : requests) {
            namespaces.addAll(r.namespaces());
        }
        return withFds(namespaces, 0, new IdentityHashMap<>(), fds -> {
            List<NetlinkException> results = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                results.add(null);
            }
            Map<String, Integer> known = new HashMap<>();
            enter();
            try {
                int[] seqs = new int[requests.size()];
                boolean[] sent = new boolean[requests.size()];
                int first = 0;
                int i = 0;
                while (i < requests.size()) {
                    Request op = requests.get(i);
                    if (op.devices().stream().anyMatch(d -> d.index() == 0 && !known.containsKey(d.name()))) {
                        // the name may be a link created earlier in this batch: apply what is queued first
                        collect(seqs, sent, first, i, requests, results);
                        first = i;
                    }
                    Map<IfRef, Integer> indexes = new HashMap<>();
                    NetlinkException failed = null;
                    for (IfRef d : op.devices()) {
                        if (d.index() > 0) {
                            continue;
                        }
                        Integer idx = known.get(d.name());
                        if (idx == null) {
                            try {
                                idx = lookupFor(op, d.name());
                            } catch (NetlinkException e) {
                                failed = e;
                                break;
                            }
                            known.put(d.name(), idx);
                        }
                        indexes.put(d, idx);
                    }
                    if (failed != null) {
                        results.set(i, failed);
                    } else {
                        int seq = socket.nextSeq();
                        seqs[i] = seq;
                        sent[i] = true;
                        op.encode(socket.tx, seq, resolved(indexes, fds));
                        if (op.type() == Rtm.RTM_DELLINK || op.type() == Rtm.RTM_NEWLINK) {
                            known.clear(); // names may now mean other links (renamed, deleted, recreated)
                        }
                    }
                    i++;
                    if (i - first >= WINDOW || socket.tx.position() > 256 * 1024) {
                        collect(seqs, sent, first, i, requests, results);
                        first = i;
                    }
                }
                collect(seqs, sent, first, i, requests, results);
            } finally {
                leave();
            }
            return results;
        });
    }

    /** Sends what the writer holds (requests first..end-1) and reads one ack per sent request. */
    private void collect(int[] seqs, boolean[] sent, int first, int end, List<Request> ops,
                         List<NetlinkException> results) {
        int pending = 0;
        int base = 0;
        for (int k = first; k < end; k++) {
            if (sent[k]) {
                if (pending == 0) {
                    base = k;
                }
                pending++;
            }
        }
        if (pending == 0) {
            return;
        }
        socket.flush();
        // matched by value, not by offset from the first: numbers wrap around, and a request
        // whose lookup failed got none
        Map<Integer, Integer> bySeq = new HashMap<>();
        for (int k = base; k < end; k++) {
            if (sent[k]) {
                bySeq.put(seqs[k], k);
            }
        }
        while (pending > 0) {
            socket.receive(false);
            MessageReader r = socket.reader;
            while (r.next()) {
                if (r.pid() != socket.portId || r.type() != Nlmsg.NLMSG_ERROR) {
                    continue;
                }
                Integer k = bySeq.remove(r.seq());
                if (k == null) {
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

    /** Closes the socket; a stream this thread still has open is finished first. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (openDump != null) {
                openDump.close();
            }
            closed = true;
            socket.close();
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
