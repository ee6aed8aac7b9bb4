// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.address.Address;
import io.netns.netlink.link.Link;
import io.netns.netlink.neighbour.Neighbour;
import io.netns.netlink.nsid.Nsids;
import io.netns.netlink.route.Route;
import io.netns.netlink.rule.Rule;
import io.netns.netlink.wire.ErrorMessage;
import io.netns.netlink.wire.MessageReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The decoders against hostile input: every buffer must decode or end in
 * {@link NetlinkDecodeException} (with a message), never in any other exception, an error or a
 * hang. Inputs: (a) random and randomly structured messages, (b) every truncation of every datagram
 * of the kernel dumps under {@code src/test/resources/dumps} and of every message in them (also with
 * the lengths of the enclosing attributes patched to the cut, so nested decoders see the truncation),
 * (c) random byte, word, length-field, type and splice mutations of those seeds.
 *
 * <p>Each message a buffer holds is given to every decoder (link, address, route, neighbour, rule,
 * nsid, NLMSG_ERROR), whatever its type: they do not check it, and {@code Rtnetlink} hands any reply
 * to the decoder the request expects. The decoded value's {@code hashCode} and {@code equals} are run
 * too, and its {@code toString} for every 64th value (it is reflective, hence slow).
 *
 * <p>{@code -Dnetns.fuzz.count=N} sets how many random and mutated inputs to make (default 200,000,
 * a few seconds; the truncations are exhaustive and come on top); {@code -Dnetns.fuzz.seed=S} the
 * seed. A failure lists each distinct crash once, with a minimised message in hex.
 */
class DecoderRobustnessTest {
    static final int COUNT = Integer.getInteger("netns.fuzz.count", 200_000);
    static final long SEED = Long.getLong("netns.fuzz.seed", 0x6e65746e73L);
    static final String[] CORPUS = {"links", "addresses", "routes", "neighbours", "rules", "nsids", "errors"};
    /** A generous bound: the default run takes a few seconds. */
    static final Duration TIMEOUT = Duration.ofSeconds(Math.max(90, 90L * COUNT / 200_000));

    /** One decoder and the size of the fixed struct it expects before the attributes. */
    record Decoder(String name, int structSize, Function<MessageReader, Object> fn) {
    }

    static final List<Decoder> DECODERS = List.of(
            new Decoder("link.decode", 16, Link::decode),
            new Decoder("address.decode", 8, Address::decode),
            new Decoder("route.decode", 12, Route::decode),
            new Decoder("neighbour.decode", 12, Neighbour::decode),
            new Decoder("rule.decode", 12, Rule::decode),
            new Decoder("nsid.decode", 4, Nsids::decode),
            new Decoder("ErrorMessage.decode", 20, ErrorMessage::decode));

    /** A seed: bytes plus the (offset, length) of every length-carrying header in them. */
    record Seed(byte[] bytes, int[] spans) {
    }

    static final List<Seed> DATAGRAMS = new ArrayList<>();
    static final List<Seed> MESSAGES = new ArrayList<>();

    @BeforeAll
    static void loadSeeds() {
        for (String name : CORPUS) {
            for (byte[] d : DumpCapture.resource(name)) {
                DATAGRAMS.add(new Seed(d, Structure.spans(d)));
                int pos = 0;
                while (d.length - pos >= 16) {
                    int len = Structure.u32(d, pos);
                    if (len < 16 || len > d.length - pos) {
                        break;
                    }
                    byte[] m = Arrays.copyOfRange(d, pos, pos + len);
                    MESSAGES.add(new Seed(m, Structure.spans(m)));
                    pos += (len + 3) & ~3;
                }
            }
        }
        if (MESSAGES.size() < 50) {
            throw new AssertionError("seed corpus too small: " + MESSAGES.size() + " messages");
        }
    }

    // ================================================================== the properties

    @Test
    void randomAndRandomlyStructuredBuffers() {
        run("random", h -> {
            SplittableRandom rnd = new SplittableRandom(SEED);
            int n = COUNT / 4;
            for (int i = 0; i < n; i++) {
                if (i % 10 == 0) {
                    byte[] b = new byte[rnd.nextInt(300)];
                    rnd.nextBytes(b);
                    if (b.length >= 4 && rnd.nextBoolean()) {
                        Structure.putU32(b, 0, b.length); // get past the header check
                    }
                    h.feed(b, b.length);
                } else {
                    byte[] b = Generator.message(rnd);
                    h.feed(b, b.length);
                }
            }
        });
    }

    @Test
    void everyTruncationOfEverySeed() {
        run("truncation", h -> {
            // (1) each datagram cut at every length: the messages before the cut are unchanged, so only
            // the last one the reader returns needs the decoders again
            for (Seed s : DATAGRAMS) {
                for (int cut = 0; cut <= s.bytes().length; cut++) {
                    h.feedLastOnly(s.bytes(), cut);
                }
            }
            // (2) each message cut at every length with nlmsg_len patched to the cut, and (3) with the
            // lengths of every attribute enclosing the cut patched too
            for (Seed s : MESSAGES) {
                byte[] m = s.bytes();
                for (int cut = 16; cut < m.length; cut++) {
                    byte[] shallow = Arrays.copyOf(m, cut);
                    Structure.putU32(shallow, 0, cut);
                    h.feed(shallow, cut);
                    byte[] deep = shallow.clone();
                    if (Structure.patchEnclosing(deep, s.spans(), cut)) {
                        h.feed(deep, cut);
                    }
                }
            }
        });
    }

    @Test
    void mutatedSeeds() {
        run("mutation", h -> {
            SplittableRandom rnd = new SplittableRandom(SEED ^ 0x5eed);
            int n = COUNT - COUNT / 4;
            for (int i = 0; i < n; i++) {
                boolean whole = rnd.nextInt(100) < 3;
                List<Seed> pool = whole ? DATAGRAMS : MESSAGES;
                Seed s = pool.get(rnd.nextInt(pool.size()));
                byte[] b = Mutator.mutate(rnd, s, !whole);
                h.feed(b, b.length);
            }
        });
    }

    /**
     * The harness itself: decoders with planted bugs (an IllegalArgumentException on an unknown
     * family, a read past the message's end) must be caught, told apart and minimised.
     */
    @Test
    void theHarnessCatchesPlantedBugs() {
        Decoder strictFamily = new Decoder("planted.family", 12, r -> {
            int family = Byte.toUnsignedInt(r.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, r.payload()));
            if (!Family.of(family).isKnown()) { // the strictness the real decoders gave up (Family.of never throws)
                throw new IllegalArgumentException("address family " + family);
            }
            return null;
        });
        Decoder overRead = new Decoder("planted.overread", 12, r -> {
            if (r.length() > 40) {
                r.segment().get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, r.end() - 2);
            }
            return null;
        });
        Harness h = new Harness(List.of(strictFamily, overRead));
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < 2_000; i++) {
            Seed s = MESSAGES.get(rnd.nextInt(MESSAGES.size()));
            byte[] b = Mutator.mutate(rnd, s, true);
            h.feed(b, b.length);
        }
        org.assertj.core.api.Assertions.assertThat(h.failures.keySet()).anySatisfy(k -> org.assertj.core.api.Assertions
                .assertThat(k).startsWith("planted.family: java.lang.IllegalArgumentException"));
        org.assertj.core.api.Assertions.assertThat(h.failures.keySet()).anySatisfy(k -> org.assertj.core.api.Assertions
                .assertThat(k).startsWith("planted.overread: java.lang.IndexOutOfBoundsException"));
        for (Failure f : h.failures.values()) {
            byte[] min = Minimizer.minimize(f.decoder, f.smallest, f.signature);
            org.assertj.core.api.Assertions.assertThat(min.length).as(f.report()).isLessThanOrEqualTo(
                    f.decoder == strictFamily ? 28 : 44);
        }
    }

    // ================================================================== running

    interface Body {
        void run(Harness h);
    }

    private static void run(String what, Body body) {
        Harness h = new Harness(DECODERS);
        long t0 = System.nanoTime();
        assertTimeoutPreemptively(TIMEOUT, () -> body.run(h),
                () -> what + ": no result within " + TIMEOUT + "; the input being decoded: " + h.currentHex());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("%s: %,d inputs, %,d messages, %,d decoder calls (%,d decoded, %,d rejected with "
                        + "NetlinkDecodeException), %,d distinct crashes, %d ms%n", what, h.inputs, h.messages,
                h.calls, h.decoded, h.rejected, h.failures.size(), ms);
        if (!h.failures.isEmpty()) {
            StringBuilder sb = new StringBuilder(what + ": " + h.failures.size()
                    + " kinds of input end in something else than NetlinkDecodeException:\n");
            for (Failure f : h.failures.values()) {
                sb.append(f.report()).append('\n');
            }
            fail(sb.toString());
        }
    }

    /** One distinct crash: where, how often, and the smallest message seen causing it. */
    static final class Failure {
        final String signature;
        final Decoder decoder;
        final Throwable first;
        byte[] smallest;
        boolean standalone;
        long count;

        Failure(String signature, Decoder decoder, Throwable first, byte[] input, boolean standalone) {
            this.signature = signature;
            this.decoder = decoder;
            this.first = first;
            this.smallest = input;
            this.standalone = standalone;
        }

        String report() {
            byte[] min = standalone && decoder != null ? Minimizer.minimize(decoder, smallest, signature) : smallest;
            StringBuilder sb = new StringBuilder();
            sb.append("- ").append(signature).append(" (").append(count).append(" inputs)\n    ")
                    .append(first).append('\n');
            StackTraceElement[] st = first.getStackTrace();
            for (int i = 0; i < Math.min(4, st.length); i++) {
                sb.append("      at ").append(st[i]).append('\n');
            }
            sb.append("    minimal ").append(standalone ? "message" : "buffer").append(" (").append(min.length)
                    .append(" bytes): ").append(HexFormat.of().formatHex(min));
            return sb.toString();
        }
    }

    /** Feeds buffers to the reader and the decoders and keeps the score. */
    static final class Harness {
        long inputs;
        long messages;
        long calls;
        long decoded;
        long rejected;
        final Map<String, Failure> failures = new LinkedHashMap<>();
        private final List<Decoder> decoders;
        private volatile byte[] current;
        private volatile int currentLength;

        Harness(List<Decoder> decoders) {
            this.decoders = decoders;
        }

        String currentHex() {
            byte[] b = current;
            return b == null ? "none" : HexFormat.of().formatHex(b, 0, Math.min(currentLength, b.length));
        }

        private void tick(byte[] buf, int len) {
            if ((++inputs & 0xfff) == 0 && Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted: out of time");
            }
            current = buf;
            currentLength = len;
        }

        /** Decodes every message of {@code buf[0..len)} with every decoder. */
        void feed(byte[] buf, int len) {
            tick(buf, len);
            walk(buf, len, -1);
        }

        /** Reads every header of {@code buf[0..len)}, decodes only the last message returned. */
        void feedLastOnly(byte[] buf, int len) {
            tick(buf, len);
            int last = walk(buf, len, -2);
            if (last >= 0) {
                walk(buf, len, last);
            }
        }

        /**
         * @param only -1: decode all; -2: decode none, return the index of the last message; k: decode
         *        only the k-th
         */
        private int walk(byte[] buf, int len, int only) {
            MemorySegment seg = MemorySegment.ofArray(buf).asSlice(0, len);
            MessageReader r;
            try {
                r = new MessageReader(seg, len);
            } catch (NetlinkDecodeException e) {
                checkMessage(e, null, buf, len, false);
                return -1;
            } catch (Throwable t) {
                record("MessageReader.reset", null, t, Arrays.copyOf(buf, len), false);
                return -1;
            }
            int index = -1;
            while (true) {
                boolean more;
                try {
                    more = r.next();
                } catch (NetlinkDecodeException e) {
                    checkMessage(e, null, buf, len, false);
                    if (only == -1) {
                        rejected++;
                    }
                    return index;
                } catch (Throwable t) {
                    record("MessageReader.next", null, t, Arrays.copyOf(buf, len), false);
                    return index;
                }
                if (!more) {
                    return index;
                }
                index++;
                if (only == -1 || only == index) {
                    decodeMessage(r, seg);
                }
            }
        }

        private void decodeMessage(MessageReader r, MemorySegment seg) {
            messages++;
            for (Decoder d : decoders) {
                calls++;
                try {
                    Object o = d.fn().apply(r);
                    if (o != null) {
                        if ((decoded & 63) == 0) {
                            o.toString(); // reflective (RecordText), so only every 64th value
                        }
                        o.hashCode();
                        if (!o.equals(o)) {
                            throw new AssertionError("decoded value not equal to itself: " + o);
                        }
                    }
                    decoded++;
                } catch (NetlinkDecodeException e) {
                    rejected++;
                    checkMessage(e, d, null, 0, true);
                } catch (Throwable t) {
                    byte[] m = seg.asSlice(r.start(), r.length()).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                    record(d.name(), d, t, m, true);
                }
            }
        }

        private void checkMessage(NetlinkDecodeException e, Decoder d, byte[] buf, int len, boolean standalone) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                record((d == null ? "MessageReader" : d.name()) + " (NetlinkDecodeException without a message)",
                        d, e, current == null ? new byte[0] : Arrays.copyOf(current, currentLength), false);
            }
        }

        private void record(String where, Decoder d, Throwable t, byte[] input, boolean standalone) {
            String sig = Minimizer.signature(where, t);
            Failure f = failures.get(sig);
            if (f == null) {
                f = new Failure(sig, d, t, input, standalone);
                failures.put(sig, f);
            } else if (input.length < f.smallest.length) {
                f.smallest = input;
            }
            f.count++;
        }
    }

    // ================================================================== structure of netlink bytes

    /** Finds the length fields of messages, attributes and next hops, for mutations and truncations. */
    static final class Structure {
        private Structure() {
        }

        static int u16(byte[] b, int off) {
            return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
        }

        static int u32(byte[] b, int off) {
            return u16(b, off) | u16(b, off + 2) << 16;
        }

        static void putU16(byte[] b, int off, int v) {
            b[off] = (byte) v;
            b[off + 1] = (byte) (v >>> 8);
        }

        static void putU32(byte[] b, int off, int v) {
            putU16(b, off, v);
            putU16(b, off + 2, v >>> 16);
        }

        /** Size of the fixed struct after the header of a message of {@code type} (aligned). */
        static int structSize(int type) {
            if (type >= 16 && type <= 19) {
                return 16;
            }
            if (type >= 20 && type <= 23) {
                return 8;
            }
            if (type >= 24 && type <= 35) {
                return 12;
            }
            if (type >= 88 && type <= 90) {
                return 4;
            }
            if (type == 2) {
                return 20;
            }
            if (type == 3) {
                return 4;
            }
            return 0;
        }

        /** Flattened (offset, length) pairs of every message, attribute and rtnexthop header. */
        static int[] spans(byte[] b) {
            List<Integer> out = new ArrayList<>();
            int pos = 0;
            while (b.length - pos >= 16) {
                int len = u32(b, pos);
                if (len < 16 || len > b.length - pos) {
                    break;
                }
                out.add(pos);
                out.add(len);
                int type = u16(b, pos + 4);
                int attrs = pos + 16 + structSize(type);
                if (type == 2 && (u16(b, pos + 6) & 0x100) == 0 && len >= 24) {
                    attrs = pos + 20 + ((u32(b, pos + 20) + 3) & ~3); // the request is echoed whole
                }
                if (attrs <= pos + len) {
                    attrs(b, attrs, pos + len, type, 0, out);
                }
                pos += (len + 3) & ~3;
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }

        /** Whether {@code [start, end)} is a clean run of attributes. */
        private static boolean clean(byte[] b, int start, int end) {
            int pos = start;
            if (end - start < 4) {
                return false;
            }
            while (end - pos >= 4) {
                int len = u16(b, pos);
                if (len < 4 || len > end - pos) {
                    return false;
                }
                pos += (len + 3) & ~3;
            }
            return pos >= end;
        }

        private static void attrs(byte[] b, int start, int end, int msgType, int depth, List<Integer> out) {
            int pos = start;
            while (end - pos >= 4) {
                int len = u16(b, pos);
                if (len < 4 || len > end - pos) {
                    return;
                }
                out.add(pos);
                out.add(len);
                int type = u16(b, pos + 2) & 0x3fff;
                if (depth == 0 && msgType >= 24 && msgType <= 27 && type == 9) {
                    nextHops(b, pos + 4, pos + len, out);
                } else if (depth < 4 && clean(b, pos + 4, pos + len)) {
                    attrs(b, pos + 4, pos + len, msgType, depth + 1, out);
                }
                pos += (len + 3) & ~3;
            }
        }

        private static void nextHops(byte[] b, int start, int end, List<Integer> out) {
            int pos = start;
            while (end - pos >= 8) {
                int len = u16(b, pos);
                if (len < 8 || len > end - pos) {
                    return;
                }
                out.add(pos);
                out.add(len);
                attrs(b, pos + 8, pos + len, 0, 5, out);
                pos += (len + 3) & ~3;
            }
        }

        /** Sets the length of every attribute that straddles {@code cut} so that it ends there. */
        static boolean patchEnclosing(byte[] b, int[] spans, int cut) {
            boolean any = false;
            for (int i = 2; i < spans.length; i += 2) { // [0] is the message itself
                int pos = spans[i];
                int len = spans[i + 1];
                if (pos + 2 <= cut && pos < cut && pos + len > cut) {
                    putU16(b, pos, cut - pos);
                    any = true;
                }
            }
            return any;
        }
    }

    // ================================================================== generated messages

    /** Random messages shaped like rtnetlink: plausible headers, attribute trees, wrong lengths now and then. */
    static final class Generator {
        private Generator() {
        }

        private static final int[] TYPES = {16, 17, 20, 21, 24, 25, 28, 29, 32, 33, 88, 89, 2, 3, 1};
        private static final int[] FAMILIES = {0, 2, 10, 7, 128, 129, 1, 255};
        private static final String[] KINDS = {"vlan", "vxlan", "macvlan", "macvtap", "ipvlan", "bond", "bridge",
                "veth", "", "tun", "x"};
        private static final int[] VALUE_LENGTHS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 15, 16, 17, 20, 79, 80, 200};

        static final class Buf {
            byte[] b = new byte[256];
            int n;

            void ensure(int more) {
                if (n + more > b.length) {
                    b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
                }
            }

            void u8(int v) {
                ensure(1);
                b[n++] = (byte) v;
            }

            void u16(int v) {
                ensure(2);
                Structure.putU16(b, n, v);
                n += 2;
            }

            void u32(int v) {
                ensure(4);
                Structure.putU32(b, n, v);
                n += 4;
            }

            void random(SplittableRandom rnd, int len) {
                ensure(len);
                for (int i = 0; i < len; i++) {
                    b[n++] = (byte) rnd.nextInt(256);
                }
            }

            void align() {
                while ((n & 3) != 0) {
                    u8(0);
                }
            }

            int begin(int type) {
                int at = n;
                u16(0);
                u16(type);
                return at;
            }

            void end(int at, SplittableRandom rnd) {
                int len = n - at;
                Structure.putU16(b, at, rnd.nextInt(40) == 0 ? rnd.nextInt(0x10000) : len);
                align();
            }
        }

        static byte[] message(SplittableRandom rnd) {
            Buf m = new Buf();
            int type = rnd.nextInt(10) == 0 ? rnd.nextInt(100) : TYPES[rnd.nextInt(TYPES.length)];
            m.u32(0);
            m.u16(type);
            m.u16(rnd.nextInt(4) == 0 ? rnd.nextInt(0x10000) : (rnd.nextBoolean() ? 0x200 : 0) | (rnd.nextBoolean()
                    ? 0x100 : 0) | 2);
            m.u32(rnd.nextInt());
            m.u32(rnd.nextInt());
            int struct = rnd.nextInt(10) == 0 ? rnd.nextInt(24) : Structure.structSize(type);
            int structStart = m.n;
            if (type == 2 && struct >= 20) {
                m.u32(-rnd.nextInt(140));
                int origLen = switch (rnd.nextInt(4)) {
                    case 0 -> 16;
                    case 1 -> rnd.nextInt();
                    case 2 -> rnd.nextInt(64);
                    default -> 16 + 4 * rnd.nextInt(8);
                };
                m.u32(origLen);
                m.random(rnd, 12);
                if (rnd.nextBoolean() && origLen > 16 && origLen < 48) {
                    m.random(rnd, ((origLen + 3) & ~3) - 16);
                }
            } else {
                m.random(rnd, struct);
                if (struct > 0 && rnd.nextInt(10) < 8) {
                    m.b[structStart] = (byte) FAMILIES[rnd.nextInt(FAMILIES.length)];
                }
                if (struct > 2 && rnd.nextBoolean()) {
                    int[] lens = {0, 8, 16, 24, 32, 33, 64, 128, 129, 255};
                    m.b[structStart + 1] = (byte) lens[rnd.nextInt(lens.length)];
                    m.b[structStart + 2] = (byte) lens[rnd.nextInt(lens.length)];
                }
            }
            m.align();
            int attrs = rnd.nextInt(9);
            for (int i = 0; i < attrs; i++) {
                attribute(rnd, m, type, 0);
            }
            if (rnd.nextInt(10) == 0) {
                m.random(rnd, rnd.nextInt(8));
            }
            byte[] out = Arrays.copyOf(m.b, m.n);
            Structure.putU32(out, 0, rnd.nextInt(20) == 0 ? rnd.nextInt(out.length + 8) : out.length);
            return out;
        }

        private static int attrType(SplittableRandom rnd, int max) {
            int t = rnd.nextInt(max);
            return rnd.nextInt(8) == 0 ? t | (rnd.nextBoolean() ? 0x8000 : 0x4000) : t;
        }

        private static void attribute(SplittableRandom rnd, Buf m, int msgType, int depth) {
            boolean link = msgType == 16 || msgType == 17;
            boolean route = msgType == 24 || msgType == 25;
            int choice = rnd.nextInt(10);
            if (link && depth == 0 && choice < 3) {
                int li = m.begin(18 | (rnd.nextBoolean() ? 0x8000 : 0)); // IFLA_LINKINFO
                if (rnd.nextInt(5) > 0) {
                    int k = m.begin(1);
                    String kind = KINDS[rnd.nextInt(KINDS.length)];
                    for (byte c : kind.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
                        m.u8(c);
                    }
                    if (rnd.nextInt(4) > 0) {
                        m.u8(0);
                    }
                    m.end(k, rnd);
                }
                if (rnd.nextInt(5) > 0) {
                    int data = m.begin(rnd.nextInt(6) == 0 ? 4 : 2); // IFLA_INFO_DATA or SLAVE_DATA
                    int n = rnd.nextInt(6);
                    for (int i = 0; i < n; i++) {
                        leaf(rnd, m, 32);
                    }
                    m.end(data, rnd);
                }
                m.end(li, rnd);
            } else if (link && depth == 0 && choice == 3) {
                int at = m.begin(3); // IFLA_IFNAME
                m.random(rnd, rnd.nextInt(20));
                m.end(at, rnd);
            } else if (route && depth == 0 && choice < 3) {
                int mp = m.begin(9); // RTA_MULTIPATH
                int hops = rnd.nextInt(4);
                for (int h = 0; h < hops; h++) {
                    int at = m.n;
                    m.u16(0);
                    m.u8(rnd.nextInt(256));
                    m.u8(rnd.nextInt(256));
                    m.u32(rnd.nextInt(20));
                    if (rnd.nextBoolean()) {
                        int gw = m.begin(5); // RTA_GATEWAY
                        int[] lens = {4, 16, 3, 0, 8};
                        m.random(rnd, lens[rnd.nextInt(lens.length)]);
                        m.end(gw, rnd);
                    }
                    int len = m.n - at;
                    Structure.putU16(m.b, at, rnd.nextInt(30) == 0 ? rnd.nextInt(0x10000) : len);
                    m.align();
                }
                m.end(mp, rnd);
            } else if (depth < 3 && choice < 5) {
                int nest = m.begin(attrType(rnd, 70));
                int n = rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    attribute(rnd, m, msgType, depth + 1);
                }
                m.end(nest, rnd);
            } else {
                leaf(rnd, m, 70);
            }
        }

        private static void leaf(SplittableRandom rnd, Buf m, int maxType) {
            int at = m.begin(attrType(rnd, maxType));
            int len = rnd.nextInt(5) == 0 ? rnd.nextInt(64) : VALUE_LENGTHS[rnd.nextInt(VALUE_LENGTHS.length)];
            m.random(rnd, len);
            m.end(at, rnd);
        }
    }

    // ================================================================== mutations

    static final class Mutator {
        private Mutator() {
        }

        private static final int[] BYTES = {0, 1, 2, 3, 4, 0x7f, 0x80, 0xfe, 0xff, 16, 32, 128, 129};
        private static final int[] FAMILIES = {0, 1, 2, 7, 10, 28, 128, 129, 255};
        private static final int[] TYPES = {1, 2, 3, 4, 16, 17, 18, 20, 21, 24, 25, 28, 29, 32, 33, 88, 89};

        private static int interesting16(SplittableRandom rnd, int current) {
            return switch (rnd.nextInt(12)) {
                case 0 -> 0;
                case 1 -> 1;
                case 2 -> 3;
                case 3 -> 4;
                case 4 -> 5;
                case 5 -> 8;
                case 6 -> 0xffff;
                case 7 -> 0x8000;
                case 8 -> current - 1 - rnd.nextInt(4);
                case 9 -> current + 1 + rnd.nextInt(8);
                case 10 -> current + 4 * (1 + rnd.nextInt(16));
                default -> rnd.nextInt(0x10000);
            };
        }

        private static int interesting32(SplittableRandom rnd, int len) {
            return switch (rnd.nextInt(10)) {
                case 0 -> 0;
                case 1 -> -1;
                case 2 -> Integer.MAX_VALUE;
                case 3 -> Integer.MIN_VALUE;
                case 4 -> 1;
                case 5 -> len;
                case 6 -> len + 1 + rnd.nextInt(16);
                case 7 -> -rnd.nextInt(200);
                case 8 -> rnd.nextInt(64);
                default -> rnd.nextInt();
            };
        }

        /**
         * @param fixLength whether to set nlmsg_len to the new size afterwards (mostly), so that more
         *        mutations reach the decoders rather than the header check
         */
        static byte[] mutate(SplittableRandom rnd, Seed seed, boolean fixLength) {
            byte[] b = seed.bytes().clone();
            int len = b.length;
            int[] spans = seed.spans();
            int n = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(8) : 1 + rnd.nextInt(2);
            for (int i = 0; i < n && len > 0; i++) {
                int op = rnd.nextInt(14);
                int pos = rnd.nextInt(len);
                int span = spans.length >= 2 ? 2 * rnd.nextInt(spans.length / 2) : -1;
                switch (op) {
                    case 0 -> b[pos] ^= (byte) (1 << rnd.nextInt(8));
                    case 1 -> b[pos] = (byte) rnd.nextInt(256);
                    case 2 -> b[pos] = (byte) BYTES[rnd.nextInt(BYTES.length)];
                    case 3, 4 -> { // a length field
                        if (span >= 0 && spans[span] + 2 <= len) {
                            Structure.putU16(b, spans[span], interesting16(rnd, spans[span + 1]));
                        }
                    }
                    case 5 -> { // an attribute's type: make one kind of value pass for another
                        if (span >= 2 && spans[span] + 4 <= len) {
                            int t = rnd.nextInt(72) | (rnd.nextInt(6) == 0 ? 0x8000 : 0);
                            Structure.putU16(b, spans[span] + 2, t);
                        }
                    }
                    case 6 -> {
                        if (pos + 4 <= len) {
                            Structure.putU32(b, pos, interesting32(rnd, len));
                        }
                    }
                    case 7 -> {
                        if (len > 16) {
                            b[16] = (byte) FAMILIES[rnd.nextInt(FAMILIES.length)];
                        }
                    }
                    case 8 -> {
                        if (len >= 6) {
                            Structure.putU16(b, 4, TYPES[rnd.nextInt(TYPES.length)]);
                        }
                    }
                    case 9 -> len = rnd.nextInt(len + 1); // truncate
                    case 10 -> { // delete a range
                        int k = Math.min(len - pos, 1 + rnd.nextInt(16));
                        System.arraycopy(b, pos + k, b, pos, len - pos - k);
                        len -= k;
                    }
                    case 11 -> { // insert bytes: random, or a piece of another seed (an attribute spliced in)
                        byte[] ins;
                        if (rnd.nextBoolean()) {
                            Seed other = MESSAGES.get(rnd.nextInt(MESSAGES.size()));
                            int[] os = other.spans();
                            int k = 2 * rnd.nextInt(os.length / 2);
                            int from = os[k];
                            int to = Math.min(other.bytes().length, from + ((os[k + 1] + 3) & ~3));
                            ins = Arrays.copyOfRange(other.bytes(), from, to);
                            pos = span >= 0 && spans[span] <= len ? spans[span] : pos;
                        } else {
                            ins = new byte[1 + rnd.nextInt(16)];
                            rnd.nextBytes(ins);
                        }
                        byte[] nb = new byte[len + ins.length];
                        System.arraycopy(b, 0, nb, 0, pos);
                        System.arraycopy(ins, 0, nb, pos, ins.length);
                        System.arraycopy(b, pos, nb, pos + ins.length, len - pos);
                        b = nb;
                        len = nb.length;
                    }
                    case 12 -> { // a byte of the fixed struct: prefix lengths, family, flags
                        if (len > 20) {
                            b[16 + rnd.nextInt(Math.min(16, len - 16))] = (byte) BYTES[rnd.nextInt(BYTES.length)];
                        }
                    }
                    default -> { // the NLMSG_ERROR flags that say where the extended ack is
                        if (len >= 8) {
                            Structure.putU16(b, 6, Structure.u16(b, 6) ^ (rnd.nextBoolean() ? 0x100 : 0x200));
                        }
                    }
                }
            }
            byte[] out = Arrays.copyOf(b, len);
            if (fixLength && len >= 4 && rnd.nextInt(10) < 8) {
                Structure.putU32(out, 0, len);
            }
            return out;
        }
    }

    // ================================================================== reports

    static final class Minimizer {
        private Minimizer() {
        }

        /** Exception class and the first frame in our code: one line per distinct bug. */
        static String signature(String where, Throwable t) {
            String frame = "?";
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getClassName().startsWith("io.netns") && !e.getClassName().contains("DecoderRobustnessTest")) {
                    frame = e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1) + "." + e.getMethodName()
                            + ":" + e.getLineNumber();
                    break;
                }
            }
            return where + ": " + t.getClass().getName() + " at " + frame;
        }

        private static String run(Decoder d, byte[] m) {
            try {
                MessageReader r = new MessageReader(MemorySegment.ofArray(m), m.length);
                if (!r.next()) {
                    return "none";
                }
                Object o = d.fn().apply(r);
                if (o != null) {
                    o.toString();
                    o.hashCode();
                }
                return "ok";
            } catch (NetlinkDecodeException e) {
                return "rejected";
            } catch (Throwable t) {
                return signature(d.name(), t);
            }
        }

        /** Drops attributes and zeroes bytes as long as the same crash remains. */
        static byte[] minimize(Decoder d, byte[] m, String sig) {
            if (!run(d, m).equals(sig)) {
                return m;
            }
            byte[] best = m;
            boolean progress = true;
            while (progress) {
                progress = false;
                int start = 16 + ((d.structSize() + 3) & ~3);
                List<int[]> attrs = new ArrayList<>();
                int pos = start;
                while (best.length - pos >= 4) {
                    int len = Structure.u16(best, pos);
                    if (len < 4) {
                        break;
                    }
                    int end = Math.min(best.length, pos + ((len + 3) & ~3));
                    attrs.add(new int[] {pos, end});
                    pos = end;
                }
                for (int i = attrs.size() - 1; i >= 0; i--) {
                    int[] a = attrs.get(i);
                    byte[] c = new byte[best.length - (a[1] - a[0])];
                    System.arraycopy(best, 0, c, 0, a[0]);
                    System.arraycopy(best, a[1], c, a[0], best.length - a[1]);
                    Structure.putU32(c, 0, c.length);
                    if (run(d, c).equals(sig)) {
                        best = c;
                        progress = true;
                        break;
                    }
                }
            }
            for (int i = 6; i < best.length; i++) {
                if (best[i] != 0) {
                    byte[] c = best.clone();
                    c[i] = 0;
                    if (run(d, c).equals(sig)) {
                        best = c;
                    }
                }
            }
            return best;
        }
    }
}
