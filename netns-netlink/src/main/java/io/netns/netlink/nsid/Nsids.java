// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.nsid;

import io.netns.NetworkNamespace;
import io.netns.internal.sys.NamespaceAccess;
import io.netns.netlink.internal.Exchange;
import io.netns.netlink.internal.Families;
import io.netns.netlink.internal.Request;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.MessageReader;
import io.netns.netlink.wire.MessageWriter;
import io.netns.netlink.wire.Netnsa;
import io.netns.netlink.wire.Nlmsg;
import io.netns.netlink.wire.Rtm;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The ids this namespace gives other namespaces ({@code ip netns set/list-id}, {@code link-netnsid}
 * in {@code ip link}): {@code rt.nsids()}.
 */
public final class Nsids {
    static {
        Families.register(Nsids.class, sink -> new Nsids(sink.exchange()));
    }

    private final Exchange ex;

    private Nsids(Exchange ex) {
        this.ex = ex;
    }

    /**
     * Gives {@code other} the id {@code nsid} as seen from this socket's namespace:
     * {@code ip netns set NAME NSID}.
     *
     * @param other the namespace to number
     * @param nsid 0.. (or -1 to let the kernel choose)
     * @throws IllegalArgumentException if {@code nsid} is below -1
     */
    public void set(NetworkNamespace other, int nsid) {
        Objects.requireNonNull(other, "other");
        if (nsid < -1) {
            throw new IllegalArgumentException("nsid must be -1 (auto) or positive");
        }
        ex.submit(Request.of(Rtm.RTM_NEWNSID, "nsid " + nsid + " for " + other, List.of(), List.of(other),
                (w, seq, r) -> {
                    w.beginMessage(Rtm.RTM_NEWNSID, Nlmsg.NLM_F_REQUEST | Nlmsg.NLM_F_ACK | Nlmsg.NLM_F_EXCL
                            | Nlmsg.NLM_F_CREATE, seq, 0);
                    w.rtgenmsg(0);
                    w.attrU32(Netnsa.NETNSA_FD, r.fd(other));
                    w.attrU32(Netnsa.NETNSA_NSID, nsid);
                    w.endMessage();
                }));
    }

    /**
     * The id {@code other} has as seen from this socket's namespace, if one was assigned
     * ({@code ip netns list-id}, {@code link-netnsid} in {@code ip link}).
     *
     * @param other the namespace
     * @return its id, or empty if it has none
     */
    public OptionalInt get(NetworkNamespace other) {
        Objects.requireNonNull(other, "other");
        int id = NamespaceAccess.withFd(other, fd -> ex.single("nsid", (w, seq) -> encodeGet(w, seq, fd),
                Nsids::decode));
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** {@return every id assigned in this namespace: {@code ip netns list-id}} */
    public List<Integer> list() {
        return ex.dump("nsids", (w, seq) -> {
            w.beginMessage(Rtm.RTM_GETNSID, Request.DUMP, seq, 0);
            w.rtgenmsg(0);
            w.endMessage();
        }, Rtm.RTM_NEWNSID, Nsids::decode, null);
    }

    private static void encodeGet(MessageWriter w, int seq, int fd) {
        w.beginMessage(Rtm.RTM_GETNSID, Request.CHANGE, seq, 0);
        w.rtgenmsg(0);
        w.attrU32(Netnsa.NETNSA_FD, fd);
        w.endMessage();
    }

    /**
     * {@return the id an RTM_NEWNSID or RTM_DELNSID carries (NETNSA_NSID), -1 when none is assigned}
     *
     * @param r a reader positioned on the message
     */
    public static int decode(MessageReader r) {
        long attrs = r.requirePayload(1, "struct rtgenmsg");
        AttrReader a = new AttrReader(r.segment(), attrs, r.end(), "RTM_NEWNSID");
        int id = -1;
        while (a.next()) {
            if (a.type() == Netnsa.NETNSA_NSID) {
                id = a.u32();
            }
        }
        return id;
    }
}
