// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.internal;

import io.netns.NetworkNamespace;
import io.netns.netlink.NetlinkException;
import io.netns.netlink.wire.ErrorMessage;
import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.Nlmsg;
import io.netns.netlink.wire.Rtm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a batch over an {@link Exchange}: requests sent pipelined (many per {@code sendmsg},
 * up to a window of unacknowledged ones) and their acks read and matched back by sequence number.
 * A device named by name is looked up when its request's turn comes; what is queued before it is
 * sent and acknowledged first, so a link created earlier in the batch can be named. A failed
 * lookup fails that request alone.
 */
final class Pipeline {
    /** How many batch requests are in flight before their acks are read. */
    private static final int WINDOW = 1024;

    private final Exchange ex;
    private final NetlinkSocket socket;

    Pipeline(Exchange ex, NetlinkSocket socket) {
        this.ex = ex;
        this.socket = socket;
    }

    /**
     * Runs the requests under the exchange's lock.
     *
     * @param requests the requests, in order
     * @return for each request, null if applied, else why not
     */
    List<NetlinkException> run(List<Request> requests) {
        List<NetworkNamespace> namespaces = new ArrayList<>();
        for (Request r : requests) {
            namespaces.addAll(r.namespaces());
        }
        return Exchange.withFds(namespaces, 0, new IdentityHashMap<>(), fds -> {
            List<NetlinkException> results = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                results.add(null);
            }
            Map<String, Integer> known = new HashMap<>();
            ex.enter();
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
                    } else {
                        int seq = socket.nextSeq();
                        seqs[i] = seq;
                        sent[i] = true;
                        op.encode(socket.tx, seq, Exchange.resolved(indexes, fds));
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
                ex.leave();
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
}
