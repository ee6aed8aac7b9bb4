// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.NetworkNamespace;
import io.netns.netlink.internal.NetlinkSocket;
import io.netns.netlink.internal.Request;
import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.Nlmsg;
import io.netns.netlink.wire.Rtm;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Test helper: runs raw rtnetlink requests on a socket of its own and keeps every datagram the
 * kernel answered, byte for byte, before any decoding. Used to record the seed corpus under
 * {@code src/test/resources/dumps} and by tests that want the kernel's bytes rather than values.
 *
 * <p>The datagrams are kept as the kernel sent them (each message padded to 4 bytes), so a list of
 * them is what {@link Rtnetlink}'s receive loop would have seen. The on-disk form ({@link #write},
 * {@link #read}) is a run of records: a big-endian u32 length, then that many bytes.
 */
final class DumpCapture implements AutoCloseable {

    /** The dumps that can be captured, with the message type each answers with. */
    enum Dump {
        LINKS("links", Rtm.RTM_NEWLINK, TestRequests.linkDump()),
        ADDRESSES("addresses", Rtm.RTM_NEWADDR, TestRequests.addressDump()),
        ROUTES("routes", Rtm.RTM_NEWROUTE, TestRequests.routeDump()),
        NEIGHBOURS("neighbours", Rtm.RTM_NEWNEIGH, TestRequests.neighbourDump()),
        RULES("rules", Rtm.RTM_NEWRULE, TestRequests.ruleDump()),
        NSIDS("nsids", Rtm.RTM_NEWNSID, TestRequests.nsidDump());

        /** File name stem under {@code dumps/}. */
        final String file;
        /** The RTM_NEW* type of the dump's messages. */
        final int messageType;
        final Request.Encoder request;

        Dump(String file, int messageType, Request.Encoder request) {
            this.file = file;
            this.messageType = messageType;
            this.request = request;
        }
    }

    private final NetlinkSocket socket;

    private DumpCapture(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** A capture socket in the namespace {@code rt} works in (a socket of its own, not rt's). */
    static DumpCapture open(Rtnetlink rt) {
        return open(rt.namespace());
    }

    /** A capture socket in {@code ns}. */
    static DumpCapture open(NetworkNamespace ns) {
        return new DumpCapture(NetlinkSocket.open(ns));
    }

    /** Opens a capture socket in {@code rt}'s namespace, runs one dump and closes the socket. */
    static List<byte[]> dump(Rtnetlink rt, Dump dump) {
        try (DumpCapture c = open(rt)) {
            return c.dump(dump);
        }
    }

    /**
     * Runs one dump (AF_UNSPEC, every table) and returns the datagrams, the last one holding
     * NLMSG_DONE.
     */
    List<byte[]> dump(Dump dump) {
        return exchange(dump.request);
    }

    /**
     * Sends one request built by {@code request} and returns the datagrams answering it, up to and
     * including the one with its NLMSG_ERROR (ack or failure) or, for a dump, NLMSG_DONE.
     */
    List<byte[]> exchange(Request.Encoder request) {
        int seq = socket.nextSeq();
        request.encode(socket.tx.reset(), seq);
        socket.flush();
        List<byte[]> datagrams = new ArrayList<>();
        boolean done = false;
        while (!done) {
            socket.receive(false);
            MessageReader r = socket.reader;
            long end = 0;
            boolean ours = false;
            while (r.next()) {
                end = r.start() + ((r.length() + 3L) & ~3L);
                if (r.seq() != seq || r.pid() != socket.portId) {
                    continue;
                }
                ours = true;
                // a dump ends in NLMSG_DONE (which may carry an errno), or in NLMSG_ERROR when refused
                // outright; any other request in its NLMSG_ERROR (ack or failure)
                if (r.type() == Nlmsg.NLMSG_DONE || r.type() == Nlmsg.NLMSG_ERROR) {
                    done = true;
                }
            }
            if (ours) {
                MemorySegment seg = r.segment();
                datagrams.add(seg.asSlice(0, Math.min(end, seg.byteSize())).toArray(JAVA_BYTE));
            }
        }
        return datagrams;
    }

    @Override
    public void close() {
        socket.close();
    }

    // ------------------------------------------------------------------ file format

    /** Writes datagrams as length-prefixed records. */
    static void write(OutputStream out, List<byte[]> datagrams) {
        try {
            DataOutputStream d = new DataOutputStream(out);
            for (byte[] b : datagrams) {
                d.writeInt(b.length);
                d.write(b);
            }
            d.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the records of {@link #write} as one byte array */
    static byte[] toBytes(List<byte[]> datagrams) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, datagrams);
        return out.toByteArray();
    }

    /** Reads the records written by {@link #write}. */
    static List<byte[]> read(InputStream in) {
        try {
            DataInputStream d = new DataInputStream(in);
            List<byte[]> out = new ArrayList<>();
            while (true) {
                int n;
                try {
                    n = d.readInt();
                } catch (EOFException e) {
                    return out;
                }
                if (n < 0 || n > NetlinkSocket.RX_BUFFER) {
                    throw new IOException("corrupt dump file: record of " + n + " bytes");
                }
                byte[] b = new byte[n];
                d.readFully(b);
                out.add(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code dumps/NAME.bin} from the test class path. */
    static List<byte[]> resource(String name) {
        try (InputStream in = DumpCapture.class.getResourceAsStream("/dumps/" + name + ".bin")) {
            if (in == null) {
                throw new IllegalStateException("no test resource /dumps/" + name + ".bin");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
