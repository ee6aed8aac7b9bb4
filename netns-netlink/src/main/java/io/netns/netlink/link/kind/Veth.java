// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.NetworkNamespace;
import io.netns.netlink.MacAddress;
import io.netns.netlink.internal.LinkNames;
import io.netns.netlink.link.LinkKind;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.Ifla;
import io.netns.netlink.wire.IflaInfo;
import io.netns.netlink.wire.MessageWriter;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import static io.netns.netlink.wire.Veth.VETH_INFO_PEER;

/**
 * A veth pair ({@code type veth peer name PEER [netns NS] [mtu N] [address MAC] [index N]}). The
 * kernel reports no IFLA_INFO_DATA for a veth when dumping, so a link read back has no details;
 * its peer is {@link io.netns.netlink.link.Link#link()} (possibly in the namespace
 * {@link io.netns.netlink.link.Link#linkNetnsId()}).
 *
 * @param peerName the other end's name
 * @param peerNamespace where the other end is created, if not beside this end
 * @param peerMtu the other end's MTU, if not the kernel's default
 * @param peerAddress the other end's MAC address, if not a random one
 * @param peerIndex the other end's ifindex, if not the kernel's choice
 */
public record Veth(String peerName, Optional<NetworkNamespace> peerNamespace, OptionalInt peerMtu,
                   Optional<MacAddress> peerAddress, OptionalInt peerIndex) implements LinkKind {
    /** Checks the peer's name. */
    public Veth {
        Objects.requireNonNull(peerName, "peerName");
        Objects.requireNonNull(peerNamespace, "peerNamespace");
        Objects.requireNonNull(peerMtu, "peerMtu");
        Objects.requireNonNull(peerAddress, "peerAddress");
        Objects.requireNonNull(peerIndex, "peerIndex");
    }

    @Override
    public String name() {
        return "veth";
    }

    /**
     * {@return a spec of a new veth pair: {@code ip link add NAME type veth peer name PEER}}
     * The same as {@link LinkSpec#veth}.
     *
     * @param name the new device's name (this end)
     * @param peerName the other end's name (IFLA_IFNAME in VETH_INFO_PEER)
     * @throws IllegalArgumentException if {@code peerName} is not a valid interface name
     */
    public static Spec spec(String name, String peerName) {
        return new Spec(name, new Veth(LinkNames.check(peerName), Optional.empty(), OptionalInt.empty(),
                Optional.empty(), OptionalInt.empty()));
    }

    /**
     * {@return the options of a veth from its IFLA_INFO_DATA}: VETH_INFO_PEER's name, MTU and index
     *
     * @param data a reader over the attributes
     */
    public static Veth decode(AttrReader data) {
        String peer = "";
        OptionalInt mtu = OptionalInt.empty();
        OptionalInt index = OptionalInt.empty();
        while (data.next()) {
            if (data.type() == VETH_INFO_PEER && data.valueLength() >= 16) {
                int idx = data.segment().get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, data.valueOffset() + 4);
                index = idx > 0 ? OptionalInt.of(idx) : OptionalInt.empty();
                AttrReader p = new AttrReader(data.segment(), data.valueOffset() + 16,
                        data.valueOffset() + data.valueLength(), data.context() + "/VETH_INFO_PEER");
                while (p.next()) {
                    if (p.type() == Ifla.IFLA_IFNAME) {
                        peer = p.string();
                    } else if (p.type() == Ifla.IFLA_MTU) {
                        mtu = OptionalInt.of(p.u32());
                    }
                }
            }
        }
        return new Veth(peer, Optional.empty(), mtu, Optional.empty(), index);
    }

    /** The spec of a veth pair: the shared options apply to this end, the {@code peer...} ones to the other. */
    public static final class Spec extends LinkSpec<Spec> {
        private final Veth veth;

        Spec(String name, Veth veth) {
            super(name);
            this.veth = veth;
        }

        private Spec(Common common, Veth veth) {
            super(common);
            this.veth = veth;
        }

        @Override
        protected Spec with(Common common) {
            return new Spec(common, veth);
        }

        private Spec with(Veth v) {
            return new Spec(common(), v);
        }

        @Override
        public String kindName() {
            return "veth";
        }

        @Override
        public Veth kind() {
            return veth;
        }

        /**
         * {@return with the peer created directly in {@code namespace} ({@code peer name P netns NS})}
         *
         * @param namespace the peer's namespace
         */
        public Spec peerNamespace(NetworkNamespace namespace) {
            Objects.requireNonNull(namespace, "namespace");
            return with(new Veth(veth.peerName, Optional.of(namespace), veth.peerMtu, veth.peerAddress, veth.peerIndex));
        }

        /**
         * {@return with the peer's MTU ({@code peer name P mtu N})}
         *
         * @param mtu the peer's MTU, at least 68
         */
        public Spec peerMtu(int mtu) {
            if (mtu < 68 || mtu > 65535 * 4) {
                throw new IllegalArgumentException("MTU " + mtu + " is out of range");
            }
            return with(new Veth(veth.peerName, veth.peerNamespace, OptionalInt.of(mtu), veth.peerAddress,
                    veth.peerIndex));
        }

        /**
         * {@return with the peer's MAC address ({@code peer name P address MAC})}
         *
         * @param mac the peer's link-layer address, e.g. {@code 02:00:00:00:00:01}
         */
        public Spec peerAddress(String mac) {
            return with(new Veth(veth.peerName, veth.peerNamespace, veth.peerMtu, Optional.of(MacAddress.parse(mac)),
                    veth.peerIndex));
        }

        /**
         * {@return with the peer's ifindex ({@code peer name P index N})}; see {@link #index(int)}
         *
         * @param index a positive ifindex
         */
        public Spec peerIndex(int index) {
            if (index <= 0) {
                throw new IllegalArgumentException("an interface index is positive");
            }
            return with(new Veth(veth.peerName, veth.peerNamespace, veth.peerMtu, veth.peerAddress,
                    OptionalInt.of(index)));
        }

        @Override
        protected List<NetworkNamespace> namespaces() {
            return veth.peerNamespace.map(List::of).orElse(List.of());
        }

        @Override
        protected void encodeInfoData(MessageWriter w, Resolved resolved) {
            long data = w.beginNested(IflaInfo.IFLA_INFO_DATA);
            long peer = w.beginNested(VETH_INFO_PEER);
            w.ifinfomsg(0, 0, veth.peerIndex.orElse(0), 0, 0);
            w.attrString(Ifla.IFLA_IFNAME, veth.peerName);
            if (veth.peerMtu.isPresent()) {
                w.attrU32(Ifla.IFLA_MTU, veth.peerMtu.getAsInt());
            }
            if (veth.peerAddress.isPresent()) {
                w.attrBytes(Ifla.IFLA_ADDRESS, veth.peerAddress.get().bytes());
            }
            if (veth.peerNamespace.isPresent()) {
                w.attrU32(Ifla.IFLA_NET_NS_FD, resolved.namespaceFd(veth.peerNamespace.get()));
            }
            w.endNested(peer);
            w.endNested(data);
        }
    }
}
