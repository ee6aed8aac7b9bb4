// SPDX-License-Identifier: Apache-2.0
package io.netns.bench;

import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.kind.Veth;
import io.netns.netlink.route.Route;
import io.netns.netlink.wire.Ifa;
import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.MessageWriter;
import io.netns.netlink.wire.Nlmsg;
import io.netns.netlink.wire.Rta;
import io.netns.netlink.wire.Rtm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The codec without the kernel, through netns-netlink's public wire layer ({@code io.netns.netlink.wire}):
 * encoding requests into a reused heap buffer (which should allocate nothing per message) and
 * decoding dumps from native memory into value objects. Run with
 * {@code bin/netns-bench jmh CodecBenchmark -prof gc}.
 *
 * <p>The veth request is encoded by {@link LinkSpec#encode}; the address and multipath-route
 * requests are written field by field with {@link MessageWriter}, in the layout
 * {@code AddressSpec}/{@code RouteSpec} use (their encoders are not public).
 *
 * <p>The 10,000-route dump is built in the kernel's own layout for such routes (rtmsg, RTA_TABLE,
 * RTA_DST, RTA_GATEWAY, RTA_OIF, flagged NLM_F_MULTI); the 1,000-link dump repeats the link
 * messages of a real captured dump (veth, bridge, macvlan, vxlan, tun...).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBenchmark {
    private static final int CREATE = Nlmsg.NLM_F_REQUEST | Nlmsg.NLM_F_ACK | Nlmsg.NLM_F_EXCL | Nlmsg.NLM_F_CREATE;

    private MessageWriter writer;
    private Veth.Spec veth;
    private final byte[] address = {(byte) 198, 18, 0, 1};
    private final byte[] gateway2 = {(byte) 198, 18, 0, 2};
    private final byte[] gateway3 = {(byte) 198, 18, 0, 3};
    private final byte[] destination = {(byte) 198, 18, 6, 0};
    private final int[] hops = {2, 3};
    private Arena arena;
    private MemorySegment routes;
    private long routesLength;
    private MemorySegment links;
    private long linksLength;
    private final MessageReader reader = new MessageReader();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        writer = MessageWriter.onHeap(64 * 1024);
        veth = LinkSpec.veth("veth0", "veth1").mtu(1400).address("02:00:00:00:00:01").up();
        arena = Arena.ofShared();
        buildRoutes(10_000);
        buildLinks(1_000);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        writer.close();
        arena.close();
    }

    private void buildRoutes(int n) {
        try (MessageWriter w = MessageWriter.onHeap(n * 64L)) {
            for (int i = 0; i < n; i++) {
                w.beginMessage(Rtm.RTM_NEWROUTE, Nlmsg.NLM_F_MULTI, 1, 1);
                w.rtmsg(2, 32, 0, 0, 254, 3, 0, 1, 0);
                w.attrU32(Rta.RTA_TABLE, 254);
                w.attrBytes(Rta.RTA_DST, new byte[] {(byte) 198, 19, (byte) (i >> 8), (byte) i});
                w.attrBytes(Rta.RTA_GATEWAY, new byte[] {(byte) 198, 18, 0, 2});
                w.attrU32(Rta.RTA_OIF, 2);
                w.endMessage();
            }
            routesLength = w.position();
            routes = arena.allocate(routesLength, 8);
            MemorySegment.copy(w.written(), 0, routes, 0, routesLength);
        }
    }

    private void buildLinks(int n) throws IOException {
        List<byte[]> messages = new ArrayList<>();
        try (InputStream in = CodecBenchmark.class.getResourceAsStream("links.bin");
             DataInputStream data = new DataInputStream(in)) {
            while (data.available() > 0) {
                byte[] datagram = new byte[data.readInt()];
                data.readFully(datagram);
                MemorySegment seg = MemorySegment.ofArray(datagram);
                MessageReader r = new MessageReader(seg, datagram.length);
                while (r.next()) {
                    if (r.type() == Rtm.RTM_NEWLINK) {
                        messages.add(seg.asSlice(r.start(), r.length()).toArray(ValueLayout.JAVA_BYTE));
                    }
                }
            }
        }
        long size = 0;
        for (int i = 0; i < n; i++) {
            size += (messages.get(i % messages.size()).length + 3) & ~3;
        }
        links = arena.allocate(size, 8);
        long pos = 0;
        for (int i = 0; i < n; i++) {
            byte[] m = messages.get(i % messages.size());
            MemorySegment.copy(m, 0, links, ValueLayout.JAVA_BYTE, pos, m.length);
            pos += (m.length + 3) & ~3;
        }
        linksLength = size;
    }

    /** {@code ip link add veth0 mtu 1400 address 02:00:00:00:00:01 up type veth peer name veth1}. */
    @Benchmark
    public long encodeVethWithPeer() {
        veth.encode(writer.reset(), 1, 0, 0, ns -> -1);
        return writer.position();
    }

    /** {@code ip addr add 198.18.0.1/24 dev veth0} (ifindex 2). */
    @Benchmark
    public long encodeAddress() {
        MessageWriter w = writer.reset();
        w.beginMessage(Rtm.RTM_NEWADDR, CREATE, 1, 0);
        w.ifaddrmsg(2, 24, 0, 0, 2);
        w.attrBytes(Ifa.IFA_LOCAL, address);
        w.attrBytes(Ifa.IFA_ADDRESS, address);
        w.endMessage();
        return w.position();
    }

    /** {@code ip route add 198.18.6.0/24 nexthop via 198.18.0.2 dev veth0 weight 1 nexthop via 198.18.0.3 dev veth1 weight 2}. */
    @Benchmark
    public long encodeMultipathRoute() {
        MessageWriter w = writer.reset();
        w.beginMessage(Rtm.RTM_NEWROUTE, CREATE, 1, 0);
        w.rtmsg(2, 24, 0, 0, 254, 3, 0, 1, 0);
        w.attrBytes(Rta.RTA_DST, destination);
        long mp = w.beginNested(Rta.RTA_MULTIPATH);
        byte[][] gateways = {gateway2, gateway3};
        for (int i = 0; i < hops.length; i++) {
            long start = w.position();
            w.u16(0).u8(0).u8(i).u32(hops[i]);
            w.attrBytes(Rta.RTA_GATEWAY, gateways[i]);
            w.patchU16(start, (int) (w.position() - start));
        }
        w.endNested(mp);
        w.endMessage();
        return w.position();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int decodeRouteDump10k(Blackhole bh) {
        MessageReader r = reader.reset(routes, routesLength);
        int n = 0;
        while (r.next()) {
            bh.consume(Route.decode(r));
            n++;
        }
        return n;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int decodeLinkDump1k(Blackhole bh) {
        MessageReader r = reader.reset(links, linksLength);
        int n = 0;
        while (r.next()) {
            bh.consume(Link.decode(r));
            n++;
        }
        return n;
    }
}
