// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A set as the kernel sees it (NFT_MSG_NEWSET) and its elements (NFT_MSG_NEWSETELEM), whether
 * named or anonymous (the {@code { 22, 80 }} of a rule), plus the user data {@code nft} writes
 * with it: how {@code nft} types the set when it lists it back.
 *
 * @param name the name ({@code __set%d} for an anonymous set: the kernel numbers it)
 * @param flags NFT_SET_*
 * @param keyType nftables' number of the key's type (a concatenation's: 6 bits per part)
 * @param keyLen the key's length in bytes
 * @param dataType for a map: the value's type number, or NFT_DATA_VERDICT
 * @param dataLen for a map: the value's length (0 for verdicts)
 * @param id the set's id in the batch (NFTA_SET_ID)
 * @param policy NFTA_SET_POLICY, or null
 * @param size NFTA_SET_DESC_SIZE, or null
 * @param timeoutMs NFTA_SET_TIMEOUT, or null
 * @param gcMs NFTA_SET_GC_INTERVAL, or null
 * @param udata NFTA_SET_USERDATA
 * @param elements the elements to add with it
 */
record SetDef(String name, int flags, int keyType, int keyLen, Integer dataType, Integer dataLen, int id,
              Integer policy, Integer size, Long timeoutMs, Integer gcMs, byte[] udata, List<Elem> elements) {

    /**
     * One kernel element: a key, and in an interval set the flag of an interval's end.
     *
     * @param key the key bytes
     * @param end whether it ends an interval (NFT_SET_ELEM_INTERVAL_END)
     * @param data for a map: the value bytes, or null
     * @param verdict for a verdict map: the verdict code, or null
     * @param chain for a jump or goto: the chain
     */
    record Elem(byte[] key, boolean end, byte[] data, Integer verdict, String chain) {
    }

    /** A closed interval of keys (big-endian numbers) and what it maps to. */
    record Interval(BigInteger from, BigInteger to, Elem value) {
    }

    /**
     * The kernel elements of intervals, as {@code nft} writes them: sorted, merged when
     * {@code merge} (or refused if they overlap otherwise), an interval end at 0 first unless the
     * first interval starts there, and each interval as its start and the key after its end.
     */
    static List<Elem> intervals(List<Interval> in, int len, boolean merge) {
        List<Interval> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparing(Interval::from));
        List<Interval> merged = new ArrayList<>();
        for (Interval i : sorted) {
            if (!merged.isEmpty()) {
                Interval last = merged.get(merged.size() - 1);
                if (i.from().compareTo(last.to()) <= 0 || (merge && i.from().equals(last.to().add(BigInteger.ONE))
                        && last.value().data() == null && last.value().verdict() == null)) {
                    if (!merge) {
                        throw new IllegalArgumentException("interval " + i.from() + "-" + i.to() + " overlaps "
                                + last.from() + "-" + last.to() + " (add \"auto-merge\" to merge them)");
                    }
                    merged.set(merged.size() - 1, new Interval(last.from(), last.to().max(i.to()), last.value()));
                    continue;
                }
            }
            merged.add(i);
        }
        BigInteger max = BigInteger.ONE.shiftLeft(8 * len).subtract(BigInteger.ONE);
        List<Elem> out = new ArrayList<>();
        if (merged.isEmpty() || merged.get(0).from().signum() != 0) {
            out.add(new Elem(new byte[len], true, null, null, null));
        }
        for (int k = 0; k < merged.size(); k++) {
            Interval i = merged.get(k);
            Elem v = i.value();
            out.add(new Elem(bytes(i.from(), len), false, v.data(), v.verdict(), v.chain()));
            BigInteger next = i.to().add(BigInteger.ONE);
            boolean nextStarts = k + 1 < merged.size() && merged.get(k + 1).from().equals(next);
            if (i.to().compareTo(max) < 0 && !nextStarts) {
                out.add(new Elem(bytes(next, len), true, null, null, null));
            }
        }
        return out;
    }

    static byte[] bytes(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] b = new byte[len];
        int n = Math.min(len, raw.length);
        System.arraycopy(raw, raw.length - n, b, len - n, n);
        return b;
    }

    /** nftables' set user data: TLVs of one type byte, one length byte, then the value. */
    static final class Udata {
        static final int KEYBYTEORDER = 0;
        static final int DATABYTEORDER = 1;
        static final int MERGE_ELEMENTS = 2;
        static final int KEY_TYPEOF = 3;
        static final int DATA_TYPEOF = 4;
        static final int DATA_INTERVAL = 6;
        /** nftables' expression numbers, in TYPEOF records. */
        static final int EXPR_VERDICT = 1;
        static final int EXPR_PAYLOAD = 7;
        static final int EXPR_META = 9;
        static final int EXPR_CT = 12;

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Udata u32(int type, int v) {
            out.write(type);
            out.write(4);
            out.write(v);
            out.write(v >>> 8);
            out.write(v >>> 16);
            out.write(v >>> 24);
            return this;
        }

        Udata nested(int type, Udata inner) {
            byte[] b = inner.toBytes();
            out.write(type);
            out.write(b.length);
            out.writeBytes(b);
            return this;
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
