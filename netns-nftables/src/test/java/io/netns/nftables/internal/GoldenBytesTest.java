// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.MessageWriter;
import io.netns.nftables.NftOracle;
import io.netns.nftables.Rule;
import io.netns.nftables.Transaction;
import io.netns.testing.Ip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden bytes, both ways, without root: {@code golden/NAME.hex} is what {@code nft -j -f} sent to
 * the kernel for {@code corpus/NAME.json} (captured with strace by {@code tools/nft-golden.py};
 * {@link GoldenCaptureTest} checks the capture is current). Encoding the same document must give
 * the same messages byte for byte, and decoding nft's rule messages must give the statements
 * {@code nft -j list ruleset} printed ({@code golden/NAME.list.json}).
 *
 * <p>One difference is intended and normalised away: this library asks for an acknowledgement of
 * NFNL_MSG_BATCH_END (NLM_F_ACK; kernels since 6.10 send one), nft does not. The library's batches
 * also carry NFNL_BATCH_GENID; the encoding here is made without it, as nft sends none.
 */
class GoldenBytesTest {
    /** What {@code meta iif "lo"} resolves to in a fresh namespace. */
    static final Values.Links LO = new Values.Links() {
        @Override
        public int index(String name) {
            if (name.equals("lo")) {
                return 1;
            }
            throw new IllegalArgumentException("no interface " + name);
        }

        @Override
        public Optional<String> name(int index) {
            return index == 1 ? Optional.of("lo") : Optional.empty();
        }
    };

    static List<String> corpus() {
        return NftOracle.corpus();
    }

    static List<byte[]> golden(String name) {
        List<byte[]> out = new ArrayList<>();
        for (String line : NftOracle.resource("golden/" + name + ".hex").split("\n")) {
            if (!line.isBlank()) {
                out.add(HexFormat.of().parseHex(line.strip()));
            }
        }
        return out;
    }

    /** The messages of a transaction as this library encodes it, without a generation id, from sequence 0. */
    static List<byte[]> encode(List<Transaction.Command> commands) {
        MessageWriter w = MessageWriter.onHeap(4096);
        BatchEncoder e = new BatchEncoder(w, 0, LO, null);
        e.begin(null);
        for (int i = 0; i < commands.size(); i++) {
            e.command(i, commands.get(i));
        }
        e.end();
        byte[] b = w.written().toArray(ValueLayout.JAVA_BYTE);
        List<byte[]> out = new ArrayList<>();
        int p = 0;
        while (p + 16 <= b.length) {
            int len = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16;
            out.add(java.util.Arrays.copyOfRange(b, p, p + len));
            p += (len + 3) & ~3;
        }
        return out;
    }

    static List<String> hex(List<byte[]> messages) {
        return messages.stream().map(HexFormat.of()::formatHex).toList();
    }

    @Test
    void everyCorpusRulesetHasGoldenBytes() {
        assertThat(corpus()).allSatisfy(n -> assertThat(NftOracle.class.getResource("golden/" + n + ".hex"))
                .as("golden/" + n + ".hex (tools/nft-golden.py)").isNotNull());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void encodesWhatNftSends(String name) {
        List<byte[]> mine = encode(JsonObjects.commands(NftOracle.resource("corpus/" + name + ".json")));
        byte[] end = mine.get(mine.size() - 1);
        assertThat(end[6]).as("BATCH_END asks for an ack").isEqualTo((byte) 0x05);
        end[6] = 0x01; // the one intended difference: nft sends BATCH_END without NLM_F_ACK
        assertThat(hex(mine)).isEqualTo(hex(golden(name)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void decodesWhatNftSendsAsNftListsIt(String name) {
        JsonNode listing = Ip.parse(NftOracle.resource("golden/" + name + ".list.json")).get("nftables");
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (JsonNode o : listing) {
            if (o.has("rule")) {
                JsonNode r = o.get("rule");
                expected.computeIfAbsent(key(r.get("family").asText(), r.get("table").asText(), r.get("chain").asText()),
                        k -> new ArrayList<>()).add(r.get("expr").toString());
            }
        }
        String corpus = NftOracle.resource("corpus/" + name + ".json");
        if (corpus.contains("\"insert\"") || corpus.contains("\"replace\"") || corpus.contains("\"delete\"")
                || corpus.contains("\"flush\"")) {
            return; // the kernel's rules are not the messages' rules one to one
        }
        // the sets the batch creates, by their batch id (anonymous ones are all named __set%d here)
        Map<Integer, Dumps.RawSet> sets = new HashMap<>();
        Map<Integer, List<SetDef.Elem>> elements = new HashMap<>();
        Map<String, List<String>> decoded = new LinkedHashMap<>();
        for (byte[] m : golden(name)) {
            MessageReader r = new MessageReader(MemorySegment.ofArray(m), m.length);
            assertThat(r.next()).isTrue();
            switch (r.type()) {
                case 0x0a09 -> {
                    Dumps.RawSet s = Dumps.set(r);
                    sets.put(s.id(), s);
                }
                case 0x0a0c -> {
                    Dumps.RawElements e = Dumps.elements(r);
                    elements.computeIfAbsent(e.setId(), k -> new ArrayList<>()).addAll(e.elements());
                }
                case 0x0a06 -> {
                    Dumps.RawRule raw = Dumps.rule(r);
                    Rule rule = Listing.rule(raw, LO, (setName, id) -> {
                        Dumps.RawSet s = id == null ? null : sets.get(id);
                        return s == null ? null : new Delinearizer.SetView(s.flags(), elements.getOrDefault(id, List.of()));
                    });
                    String json = Json.write(JsonObjects.rule(rule, true).get("expr"));
                    decoded.computeIfAbsent(key(rule.family().nftName(), rule.table(), rule.chain()),
                            k -> new ArrayList<>()).add(Ip.parse(json).toString());
                }
                default -> {
                }
            }
        }
        assertThat(decoded).isEqualTo(expected);
    }

    private static String key(String family, String table, String chain) {
        return family + " " + table + " " + chain;
    }
}
