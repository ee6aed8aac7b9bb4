package io.netns.netlink;

import io.netns.internal.sys.Memory;
import io.netns.netlink.codec.MessageReader;
import io.netns.netlink.codec.MessageWriter;
import io.netns.netlink.codec.Nlmsg;
import io.netns.netlink.codec.Rta;
import io.netns.netlink.codec.Rtm;
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
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The codec without the kernel: encoding requests into a reused buffer (which should allocate
 * nothing per message) and decoding dumps into value objects. Run with
 * {@code bin/netns-bench jmh CodecBenchmark -prof gc}.
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
    private MessageWriter writer;
    private LinkSpec veth;
    private AddressSpec address;
    private RouteSpec multipath;
    private final int[] hops = {2, 3};
    private MemorySegment routes;
    private long routesLength;
    private MemorySegment links;
    private long linksLength;
    private final MessageReader reader = new MessageReader();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        writer = new MessageWriter(64 * 1024);
        veth = LinkSpec.veth("veth0", "veth1").mtu(1400).address("02:00:00:00:00:01").up();
        address = AddressSpec.of("198.18.0.1/24", "veth0");
        multipath = RouteSpec.to("198.18.6.0/24").nextHop("198.18.0.2", "veth0", 1).nextHop("198.18.0.3", "veth1", 2);
        buildRoutes(10_000);
        buildLinks(1_000);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        writer.close();
        Memory.free(routes);
        Memory.free(links);
    }

    private void buildRoutes(int n) {
        try (MessageWriter w = new MessageWriter(n * 64L)) {
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
            routes = Memory.malloc(routesLength);
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
        links = Memory.malloc(size);
        long pos = 0;
        for (int i = 0; i < n; i++) {
            byte[] m = messages.get(i % messages.size());
            MemorySegment.copy(m, 0, links, ValueLayout.JAVA_BYTE, pos, m.length);
            pos += (m.length + 3) & ~3;
        }
        linksLength = size;
    }

    @Benchmark
    public long encodeVethWithPeer() {
        Requests.linkAdd(writer.reset(), 1, veth, 0, 0, -1, -1);
        return writer.position();
    }

    @Benchmark
    public long encodeAddress() {
        Requests.address(writer.reset(), Rtm.RTM_NEWADDR, Requests.CREATE, 1, address, 2);
        return writer.position();
    }

    @Benchmark
    public long encodeMultipathRoute() {
        Requests.route(writer.reset(), Rtm.RTM_NEWROUTE, Requests.CREATE, 1, multipath, 0, hops);
        return writer.position();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int decodeRouteDump10k(Blackhole bh) {
        MessageReader r = reader.reset(routes, routesLength);
        int n = 0;
        while (r.next()) {
            bh.consume(Decoders.route(r));
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
            bh.consume(Decoders.link(r));
            n++;
        }
        return n;
    }
}
