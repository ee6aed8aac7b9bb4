// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.internal;

import io.netns.NetworkNamespace;
import io.netns.internal.sys.FaultInjection;
import io.netns.netlink.NetlinkException;
import io.netns.netlink.NoSuchLinkException;
import io.netns.netlink.wire.ErrorMessage;
import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.MessageTypes;
import io.netns.netlink.wire.Nlmsg;
import io.netns.netlink.wire.Rtm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a batch over an {@link Exchange}: requests sent pipelined (many per {@code sendmsg},
 * up to a window of unacknowledged ones) and their acks read and matched back by sequence number.
 *
 * <p>A device named by name is looked up when its request's turn comes; what is queued before it
 * is sent and acknowledged first, so a link created earlier in the batch can be named. A request
 * is not sent when a name it uses does not resolve, or was to be made by an earlier request of the
 * batch that failed (a link, a veth peer, a rename): it would find nothing, or a link of that
 * name from before. Either way that request alone fails; the others are sent.
 *
 * <p>The kernel handles each {@code sendmsg} whole before it returns, so at any moment, a JVM
 * killed included, exactly the requests of the datagrams sent so far are applied (or refused):
 * a prefix of the batch. The test hook {@code FaultInjection.checkpoint} is called with
 * {@code "batch:acked N"} each time the first N requests have their outcome.
 */
public final class Pipeline {
    /** How many batch requests are in flight before their acks are read. */
    private static final int WINDOW = 1024;

    /**
     * The outcome of a run.
     *
     * @param failures for each request, null if applied, else why not
     * @param sent for each request, whether it reached the kernel
     */
    public record Result(List<NetlinkException> failures, boolean[] sent) {
    }

    private final Exchange ex;
    private final NetlinkSocket socket;
    private List<Request> requests;
    private List<NetlinkException> results;
    private int[] seqs;
    private boolean[] sent;
    /** Names an earlier request was to make exist and did not: name to that request's position. */
    private final Map<String, Integer> unmade = new HashMap<>();

    Pipeline(Exchange ex, NetlinkSocket socket) {
        this.ex = ex;
        this.socket = socket;
    }

    /**
     * Runs the requests under the exchange's lock.
     *
     * @param all the requests, in order
     * @return what became of each
     */
    Result run(List<Request> all) {
        List<NetworkNamespace> namespaces = new ArrayList<>();
        for (Request r : all) {
            namespaces.addAll(r.namespaces());
        }
        requests = all;
        results = new ArrayList<>(Arrays.asList(new NetlinkException[all.size()]));
        seqs = new int[all.size()];
        sent = new boolean[all.size()];
        return Exchange.withFds(namespaces, 0, new IdentityHashMap<>(), fds -> {
            ex.enter();
            try {
                send(fds);
            } finally {
                ex.leave();
            }
            return new Result(results, sent);
        });
    }

    private void send(Map<NetworkNamespace, Integer> fds) {
        Map<String, Integer> known = new HashMap<>();
        int first = 0;
        int i = 0;
        while (i < requests.size()) {
            Request op = requests.get(i);
            if (op.devices().stream().anyMatch(d -> d.index() == 0 && !known.containsKey(d.name()))) {
                // the name may be a link created earlier in this batch: apply what is queued first
                collect(first, i);
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
                    Integer maker = unmade.get(d.name());
                    if (maker != null) {
                        failed = new NoSuchLinkException(MessageTypes.name(op.type()), op.target(), d.name(), maker,
                                results.get(maker));
                        break;
                    }
                    try {
                        idx = ex.lookupFor(op, d.name());
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
                for (String n : op.names()) {
                    unmade.put(n, i);
                }
            } else {
                seqs[i] = socket.nextSeq();
                sent[i] = true;
                op.encode(socket.tx, seqs[i], Exchange.resolved(indexes, fds));
                if (op.type() == Rtm.RTM_DELLINK || op.type() == Rtm.RTM_NEWLINK) {
                    known.clear(); // names may now mean other links (renamed, deleted, recreated)
                }
            }
            i++;
            if (i - first >= WINDOW || socket.tx.position() > 256 * 1024) {
                collect(first, i);
                first = i;
            }
        }
        collect(first, i);
    }

    /**
     * Sends what the writer holds (requests first..end-1) and reads one ack per sent request; then
     * notes which names the requests made, or failed to make.
     */
    private void collect(int first, int end) {
        int pending = 0;
        Map<Integer, Integer> bySeq = new HashMap<>();
        for (int k = first; k < end; k++) {
            if (sent[k]) {
                pending++;
                // matched by value, not by offset from the first: numbers wrap around, and a
                // request that was not sent has none
                bySeq.put(seqs[k], k);
            }
        }
        if (pending > 0) {
            socket.flush();
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
                    results.set(k, NetlinkSocket.failure(e, requests.get(k).target()));
                }
                pending--;
            }
        }
        for (int k = first; k < end; k++) {
            if (sent[k]) {
                for (String n : requests.get(k).names()) {
                    if (results.get(k) == null) {
                        unmade.remove(n);
                    } else {
                        unmade.put(n, k);
                    }
                }
            }
        }
        if (FaultInjection.checkpoint != null && end > first) {
            FaultInjection.checkpoint("batch:acked " + end);
        }
    }
}
