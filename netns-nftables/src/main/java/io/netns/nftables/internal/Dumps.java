// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import io.netns.netlink.NetlinkDecodeException;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.MessageReader;
import io.netns.nftables.Chain;
import io.netns.nftables.Family;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.netns.nftables.internal.Nft.*;

/**
 * Decodes the kernel's nf_tables messages (dump replies and notifications) into raw records:
 * what the kernel said, before rules are lifted to statements and sets typed. Malformed input ends
 * in {@link NetlinkDecodeException}.
 */
public final class Dumps {
    private Dumps() {
    }

    /** A table as the kernel describes it. */
    public record RawTable(Family family, String name, long handle, int flags, byte[] udata) {
    }

    /** A chain as the kernel describes it. */
    public record RawChain(Family family, String table, String name, long handle, Optional<Chain.Hook> hook,
                           byte[] udata) {
    }

    /** A rule as the kernel describes it: its kernel expressions. */
    public record RawRule(Family family, String table, String chain, long handle, List<Low> exprs, byte[] udata) {
    }

    /** A set as the kernel describes it. */
    public record RawSet(Family family, String table, String name, long handle, int flags, int keyType, int keyLen,
                         Integer dataType, Integer dataLen, Integer policy, Integer size, Long timeoutMs, Integer gcMs,
                         byte[] udata, Integer id) {
    }

    /** The elements of one NEWSETELEM message. */
    public record RawElements(Family family, String table, String set, List<SetDef.Elem> elements, Integer setId) {
    }

    private static Family family(MessageReader r) {
        r.requirePayload(4, "struct nfgenmsg");
        int f = Byte.toUnsignedInt(r.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, r.payload()));
        try {
            return Family.of(f);
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException(Nft.messageName(r.type()) + ": unknown family " + f);
        }
    }

    private static AttrReader attrs(MessageReader r) {
        long start = r.requirePayload(4, "struct nfgenmsg");
        return new AttrReader(r.segment(), start, r.end(), Nft.messageName(r.type()));
    }

    private static long be64(AttrReader a) {
        return Long.reverseBytes(a.u64());
    }

    private static String need(String v, String what, MessageReader r) {
        if (v == null) {
            throw new NetlinkDecodeException(Nft.messageName(r.type()) + " without " + what);
        }
        return v;
    }

    public static RawTable table(MessageReader r) {
        Family f = family(r);
        AttrReader a = attrs(r);
        String name = null;
        long handle = 0;
        int flags = 0;
        byte[] udata = null;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_TABLE_NAME -> name = a.string();
                case NFTA_TABLE_FLAGS -> flags = a.u32Be();
                case NFTA_TABLE_HANDLE -> handle = be64(a);
                case NFTA_TABLE_USERDATA -> udata = a.bytes();
                default -> {
                }
            }
        }
        return new RawTable(f, need(name, "NFTA_TABLE_NAME", r), handle, flags, udata);
    }

    public static RawChain chain(MessageReader r) {
        Family f = family(r);
        AttrReader a = attrs(r);
        String table = null;
        String name = null;
        String type = null;
        long handle = 0;
        Integer policy = null;
        Integer hooknum = null;
        int prio = 0;
        String dev = null;
        byte[] udata = null;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_CHAIN_TABLE -> table = a.string();
                case NFTA_CHAIN_NAME -> name = a.string();
                case NFTA_CHAIN_HANDLE -> handle = be64(a);
                case NFTA_CHAIN_TYPE -> type = a.string();
                case NFTA_CHAIN_POLICY -> policy = a.u32Be();
                case NFTA_CHAIN_USERDATA -> udata = a.bytes();
                case NFTA_CHAIN_HOOK -> {
                    AttrReader h = a.nested("NFTA_CHAIN_HOOK");
                    while (h.next()) {
                        switch (h.type()) {
                            case NFTA_HOOK_HOOKNUM -> hooknum = h.u32Be();
                            case NFTA_HOOK_PRIORITY -> prio = h.u32Be();
                            case NFTA_HOOK_DEV -> dev = h.string();
                            default -> {
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }
        Optional<Chain.Hook> hook = Optional.empty();
        if (hooknum != null) {
            String hookName = Priorities.hookName(f, hooknum);
            hook = Optional.of(new Chain.Hook(type == null ? "filter" : type,
                    hookName == null ? Integer.toString(hooknum) : hookName, prio,
                    policy != null && policy == NF_DROP ? "drop" : "accept", Optional.ofNullable(dev)));
        }
        return new RawChain(f, need(table, "NFTA_CHAIN_TABLE", r), need(name, "NFTA_CHAIN_NAME", r), handle, hook, udata);
    }

    public static RawRule rule(MessageReader r) {
        Family f = family(r);
        AttrReader a = attrs(r);
        String table = null;
        String chain = null;
        long handle = 0;
        List<Low> exprs = List.of();
        byte[] udata = null;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_RULE_TABLE -> table = a.string();
                case NFTA_RULE_CHAIN -> chain = a.string();
                case NFTA_RULE_HANDLE -> handle = be64(a);
                case NFTA_RULE_EXPRESSIONS -> exprs = LowCodec.decodeList(a.nested("NFTA_RULE_EXPRESSIONS"));
                case NFTA_RULE_USERDATA -> udata = a.bytes();
                default -> {
                }
            }
        }
        return new RawRule(f, need(table, "NFTA_RULE_TABLE", r), need(chain, "NFTA_RULE_CHAIN", r), handle, exprs, udata);
    }

    public static RawSet set(MessageReader r) {
        Family f = family(r);
        AttrReader a = attrs(r);
        String table = null;
        String name = null;
        long handle = 0;
        int flags = 0;
        int keyType = 0;
        int keyLen = 0;
        Integer dataType = null;
        Integer dataLen = null;
        Integer policy = null;
        Integer size = null;
        Long timeout = null;
        Integer gc = null;
        Integer id = null;
        byte[] udata = null;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_SET_TABLE -> table = a.string();
                case NFTA_SET_NAME -> name = a.string();
                case NFTA_SET_HANDLE -> handle = be64(a);
                case NFTA_SET_FLAGS -> flags = a.u32Be();
                case NFTA_SET_KEY_TYPE -> keyType = a.u32Be();
                case NFTA_SET_KEY_LEN -> keyLen = a.u32Be();
                case NFTA_SET_DATA_TYPE -> dataType = a.u32Be();
                case NFTA_SET_DATA_LEN -> dataLen = a.u32Be();
                case NFTA_SET_POLICY -> policy = a.u32Be();
                case NFTA_SET_TIMEOUT -> timeout = be64(a);
                case NFTA_SET_GC_INTERVAL -> gc = a.u32Be();
                case NFTA_SET_USERDATA -> udata = a.bytes();
                case NFTA_SET_ID -> id = a.u32Be();
                case NFTA_SET_DESC -> {
                    AttrReader d = a.nested("NFTA_SET_DESC");
                    while (d.next()) {
                        if (d.type() == NFTA_SET_DESC_SIZE) {
                            size = d.u32Be();
                        }
                    }
                }
                default -> {
                }
            }
        }
        return new RawSet(f, need(table, "NFTA_SET_TABLE", r), need(name, "NFTA_SET_NAME", r), handle, flags, keyType,
                keyLen, dataType, dataLen, policy, size, timeout, gc, udata, id);
    }

    public static RawElements elements(MessageReader r) {
        Family f = family(r);
        AttrReader a = attrs(r);
        String table = null;
        String set = null;
        Integer setId = null;
        List<SetDef.Elem> elems = new ArrayList<>();
        while (a.next()) {
            switch (a.type()) {
                case NFTA_SET_ELEM_LIST_TABLE -> table = a.string();
                case NFTA_SET_ELEM_LIST_SET -> set = a.string();
                case NFTA_SET_ELEM_LIST_SET_ID -> setId = a.u32Be();
                case NFTA_SET_ELEM_LIST_ELEMENTS -> {
                    AttrReader list = a.nested("NFTA_SET_ELEM_LIST_ELEMENTS");
                    while (list.next()) {
                        elems.add(element(list.nested("element")));
                    }
                }
                default -> {
                }
            }
        }
        return new RawElements(f, need(table, "NFTA_SET_ELEM_LIST_TABLE", r), need(set, "NFTA_SET_ELEM_LIST_SET", r),
                elems, setId);
    }

    private static SetDef.Elem element(AttrReader e) {
        byte[] key = null;
        byte[] data = null;
        Integer verdict = null;
        String chain = null;
        boolean end = false;
        while (e.next()) {
            switch (e.type()) {
                case NFTA_SET_ELEM_KEY -> key = dataValue(e.nested("NFTA_SET_ELEM_KEY"));
                case NFTA_SET_ELEM_FLAGS -> end = (e.u32Be() & NFT_SET_ELEM_INTERVAL_END) != 0;
                case NFTA_SET_ELEM_DATA -> {
                    AttrReader d = e.nested("NFTA_SET_ELEM_DATA");
                    while (d.next()) {
                        if (d.type() == NFTA_DATA_VALUE) {
                            data = d.bytes();
                        } else if (d.type() == NFTA_DATA_VERDICT) {
                            AttrReader v = d.nested("NFTA_DATA_VERDICT");
                            while (v.next()) {
                                if (v.type() == NFTA_VERDICT_CODE) {
                                    verdict = v.u32Be();
                                } else if (v.type() == NFTA_VERDICT_CHAIN) {
                                    chain = v.string();
                                }
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }
        return new SetDef.Elem(key == null ? new byte[0] : key, end, data, verdict, chain);
    }

    private static byte[] dataValue(AttrReader a) {
        byte[] v = null;
        while (a.next()) {
            if (a.type() == NFTA_DATA_VALUE) {
                v = a.bytes();
            }
        }
        return v == null ? new byte[0] : v;
    }

    /** {@return the comment in nftables user data (TLV {@code type}), if there is one} */
    static Optional<String> comment(byte[] udata, int type) {
        if (udata == null) {
            return Optional.empty();
        }
        int p = 0;
        while (p + 2 <= udata.length) {
            int t = udata[p] & 0xff;
            int len = udata[p + 1] & 0xff;
            if (p + 2 + len > udata.length) {
                break;
            }
            if (t == type) {
                int n = len;
                while (n > 0 && udata[p + 2 + n - 1] == 0) {
                    n--;
                }
                return Optional.of(new String(udata, p + 2, n, StandardCharsets.UTF_8));
            }
            p += 2 + len;
        }
        return Optional.empty();
    }

    /**
     * {@return the generation id of an NFT_MSG_NEWGEN}
     *
     * @param r a reader on it
     */
    public static int genid(MessageReader r) {
        AttrReader a = attrs(r);
        while (a.next()) {
            if (a.type() == NFTA_GEN_ID) {
                return a.u32Be();
            }
        }
        throw new NetlinkDecodeException("NFT_MSG_NEWGEN without NFTA_GEN_ID");
    }
}
