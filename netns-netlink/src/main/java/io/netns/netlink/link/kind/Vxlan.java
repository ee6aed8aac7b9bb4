// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.internal.Decoding;
import io.netns.netlink.internal.IpText;
import io.netns.netlink.link.LinkKind;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.IflaInfo;
import io.netns.netlink.wire.IflaVxlan;
import io.netns.netlink.wire.MessageWriter;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A VXLAN device ({@code type vxlan id VNI [dstport P] [local A] [remote A | group A] [ttl T]
 * [dev D] [nolearning]}).
 *
 * @param vni the VXLAN network identifier
 * @param port the UDP destination port, if not the kernel's default
 * @param local the local source address, if set
 * @param remote the unicast remote or multicast group, if set
 * @param ttl the TTL of the outer packets, if not the kernel's default
 * @param learning whether source addresses are learned
 * @param link the underlying device's index (IFLA_VXLAN_LINK), when read back; a spec names it with
 *        {@link Spec#device(String)}
 */
public record Vxlan(int vni, OptionalInt port, Optional<InetAddress> local, Optional<InetAddress> remote,
                    OptionalInt ttl, boolean learning, OptionalInt link) implements LinkKind {
    /** Checks the VNI and the families. */
    public Vxlan {
        if (vni < 0 || vni > 0xffffff) {
            throw new IllegalArgumentException("VXLAN id must be 0..16777215, not " + vni);
        }
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(link, "link");
    }

    @Override
    public String name() {
        return "vxlan";
    }

    /**
     * {@return a spec of a new VXLAN device, learning on as with ip: {@code ip link add NAME type vxlan id VNI}}
     * The same as {@link LinkSpec#vxlan}.
     *
     * @param name the new device's name
     * @param vni the VXLAN network identifier (IFLA_VXLAN_ID), 0..16777215
     * @throws IllegalArgumentException if {@code vni} is not in 0..16777215
     */
    public static Spec spec(String name, int vni) {
        return new Spec(name, new Vxlan(vni, OptionalInt.empty(), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), true, OptionalInt.empty()));
    }

    /**
     * {@return a VXLAN device's options from its IFLA_INFO_DATA}
     *
     * @param d a reader over the attributes
     */
    public static Vxlan decode(AttrReader d) {
        int vni = 0;
        OptionalInt port = OptionalInt.empty();
        OptionalInt ttl = OptionalInt.empty();
        OptionalInt link = OptionalInt.empty();
        boolean learning = false;
        InetAddress local = null;
        InetAddress remote = null;
        while (d.next()) {
            switch (d.type()) {
                case IflaVxlan.IFLA_VXLAN_ID -> vni = d.u32() & 0xffffff;
                case IflaVxlan.IFLA_VXLAN_PORT -> port = OptionalInt.of(d.u16Be());
                case IflaVxlan.IFLA_VXLAN_LINK -> link = OptionalInt.of(d.u32());
                case IflaVxlan.IFLA_VXLAN_TTL -> ttl = OptionalInt.of(d.u8());
                case IflaVxlan.IFLA_VXLAN_LEARNING -> learning = d.u8() != 0;
                case IflaVxlan.IFLA_VXLAN_LOCAL, IflaVxlan.IFLA_VXLAN_LOCAL6 -> local = Decoding.ip(d);
                case IflaVxlan.IFLA_VXLAN_GROUP, IflaVxlan.IFLA_VXLAN_GROUP6 -> remote = Decoding.ip(d);
                default -> {
                }
            }
        }
        return new Vxlan(vni, port, Optional.ofNullable(local), Optional.ofNullable(remote), ttl, learning, link);
    }

    /** The spec of a new VXLAN device. */
    public static final class Spec extends LinkSpec<Spec> {
        private final Vxlan vxlan;

        Spec(String name, Vxlan vxlan) {
            super(name);
            this.vxlan = vxlan;
        }

        private Spec(Common common, Vxlan vxlan) {
            super(common);
            this.vxlan = vxlan;
        }

        @Override
        protected Spec with(Common common) {
            return new Spec(common, vxlan);
        }

        private Spec with(Vxlan v) {
            return new Spec(common(), v);
        }

        @Override
        public String kindName() {
            return "vxlan";
        }

        @Override
        public Vxlan kind() {
            return vxlan;
        }

        /**
         * {@return with {@code dstport P}}
         *
         * @param port the UDP destination port, 0..65535 (4789 is IANA's)
         */
        public Spec dstPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, not " + port);
            }
            Vxlan v = vxlan;
            return with(new Vxlan(v.vni, OptionalInt.of(port), v.local, v.remote, v.ttl, v.learning, v.link));
        }

        /**
         * {@return with {@code local ADDR}}
         *
         * @param address the local source address
         */
        public Spec local(String address) {
            Vxlan v = vxlan;
            InetAddress l = IpText.parse(address);
            checkFamilies(l, v.remote.orElse(null));
            return with(new Vxlan(v.vni, v.port, Optional.of(l), v.remote, v.ttl, v.learning, v.link));
        }

        /**
         * {@return with {@code remote ADDR} (unicast) or {@code group ADDR} (multicast)}
         *
         * @param address the remote's unicast address or the multicast group
         * @throws IllegalArgumentException if it is not of the family of the local address
         */
        public Spec remote(String address) {
            Vxlan v = vxlan;
            InetAddress r = IpText.parse(address);
            checkFamilies(v.local.orElse(null), r);
            return with(new Vxlan(v.vni, v.port, v.local, Optional.of(r), v.ttl, v.learning, v.link));
        }

        private static void checkFamilies(InetAddress local, InetAddress remote) {
            if (local != null && remote != null && (local instanceof Inet6Address) != (remote instanceof Inet6Address)) {
                throw new IllegalArgumentException("local and remote of a vxlan must be of one family");
            }
        }

        /**
         * {@return with {@code ttl N}}
         *
         * @param ttl the TTL of the outer packets, 1..255; 0 leaves the choice to the kernel
         */
        public Spec ttl(int ttl) {
            if (ttl < 0 || ttl > 255) {
                throw new IllegalArgumentException("ttl must be 0..255, not " + ttl);
            }
            Vxlan v = vxlan;
            return with(new Vxlan(v.vni, v.port, v.local, v.remote, OptionalInt.of(ttl), v.learning, v.link));
        }

        /** {@return with {@code nolearning}} */
        public Spec noLearning() {
            Vxlan v = vxlan;
            return with(new Vxlan(v.vni, v.port, v.local, v.remote, v.ttl, false, v.link));
        }

        /**
         * {@return with the underlying device ({@code dev DEV})}
         *
         * @param device the device's name
         */
        public Spec device(String device) {
            return withParent(device);
        }

        @Override
        protected boolean parentInInfoData() {
            return true;
        }

        @Override
        protected void encodeInfoData(MessageWriter w, Resolved resolved) {
            Vxlan v = vxlan;
            long data = w.beginNested(IflaInfo.IFLA_INFO_DATA);
            if (resolved.parentIndex() > 0) {
                w.attrU32(IflaVxlan.IFLA_VXLAN_LINK, resolved.parentIndex());
            }
            w.attrU32(IflaVxlan.IFLA_VXLAN_ID, v.vni);
            if (v.remote.isPresent()) {
                InetAddress r = v.remote.get();
                w.attrBytes(r instanceof Inet6Address ? IflaVxlan.IFLA_VXLAN_GROUP6 : IflaVxlan.IFLA_VXLAN_GROUP,
                        r.getAddress());
            }
            if (v.local.isPresent()) {
                InetAddress l = v.local.get();
                w.attrBytes(l instanceof Inet6Address ? IflaVxlan.IFLA_VXLAN_LOCAL6 : IflaVxlan.IFLA_VXLAN_LOCAL,
                        l.getAddress());
            }
            if (v.ttl.isPresent()) {
                w.attrU8(IflaVxlan.IFLA_VXLAN_TTL, v.ttl.getAsInt());
            }
            w.attrU8(IflaVxlan.IFLA_VXLAN_LEARNING, v.learning ? 1 : 0);
            if (v.port.isPresent()) {
                w.attrU16Be(IflaVxlan.IFLA_VXLAN_PORT, v.port.getAsInt());
            }
            w.endNested(data);
        }
    }
}
