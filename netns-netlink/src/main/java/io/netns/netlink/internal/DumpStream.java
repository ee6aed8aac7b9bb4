// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.internal;

import io.netns.netlink.DumpInterruptedException;
import io.netns.netlink.wire.ErrorMessage;
import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.Nlmsg;

import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** Decodes a dump lazily, one received datagram at a time; owns the exchange's lock until done or closed. */
final class DumpStream<T> extends Spliterators.AbstractSpliterator<T> {
    private final Exchange exchange;
    private final NetlinkSocket socket;
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

    DumpStream(Exchange exchange, String what, int seq, int requestType, int messageType,
               Function<MessageReader, T> decoder, Predicate<T> filter) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
        this.exchange = exchange;
        this.socket = exchange.socket();
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
        if (exchange.isClosed()) {
            throw new IllegalStateException("Rtnetlink handle of " + exchange.namespace() + " was closed during the dump");
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
                        Exchange.checkDone(r, what, requestType);
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
            exchange.release(this);
        }
    }
}
