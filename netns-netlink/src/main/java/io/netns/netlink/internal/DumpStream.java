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

/**
 * Decodes a dump lazily, one received datagram at a time, on a socket of its own. It never holds
 * the handle's socket or lock, so a stream that is dropped half-read (on a thread that then ends,
 * say) blocks no other request and not {@code close()}. Its socket is closed when the dump ends,
 * when the stream is closed, when the handle is closed, or, for a stream dropped unfinished, once
 * it has been garbage-collected (the handle's next stream reclaims it). The socket is used under
 * the lock of {@link Own}, only while a datagram is received and one element decoded; the
 * consumer's action runs outside it.
 */
final class DumpStream<T> extends Spliterators.AbstractSpliterator<T> {

    /** The stream's socket, closed once by whoever comes first: the stream, the handle, or reclaiming. */
    static final class Own {
        final NetlinkSocket socket;
        private boolean closed;

        Own(NetlinkSocket socket) {
            this.socket = socket;
        }

        synchronized void close() {
            if (!closed) {
                closed = true;
                socket.close();
            }
        }
    }

    private final Exchange exchange;
    final Own own;
    private final String what;
    private final int seq;
    private final int requestType;
    private final int messageType;
    private final Function<MessageReader, T> decoder;
    private final Predicate<T> filter;
    /** Set once the handle tracks this stream, to forget it when done. */
    Exchange.StreamRef ref;
    private boolean finished;
    private boolean interrupted;
    private boolean inDatagram;

    DumpStream(Exchange exchange, NetlinkSocket socket, String what, Request.Encoder encoder, int messageType,
               Function<MessageReader, T> decoder, Predicate<T> filter) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
        this.exchange = exchange;
        this.own = new Own(socket);
        this.what = what;
        this.seq = socket.nextSeq();
        encoder.encode(socket.tx.reset(), seq);
        this.requestType = Exchange.encodedType(socket);
        this.messageType = messageType;
        this.decoder = decoder;
        this.filter = filter;
        socket.flush();
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
        T next;
        try {
            synchronized (own) {
                if (own.closed) {
                    if (exchange.isClosed()) {
                        throw new IllegalStateException("Rtnetlink handle of " + exchange.namespace()
                                + " was closed during the dump");
                    }
                    return false;
                }
                next = advance();
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        if (next == null) {
            close();
            if (interrupted) {
                throw new DumpInterruptedException(what, 1);
            }
            return false;
        }
        action.accept(next);
        return true;
    }

    /** The next element the filter accepts, or null at the end of the dump. */
    private T advance() {
        NetlinkSocket socket = own.socket;
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
                    return null;
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
                        return t;
                    }
                }
            }
            inDatagram = false;
        }
        return null;
    }

    /** Closes the socket (the kernel drops the rest of the dump) and stops tracking this stream. Idempotent. */
    void close() {
        own.close();
        exchange.forget(ref);
    }
}
