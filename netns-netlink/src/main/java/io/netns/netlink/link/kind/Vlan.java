// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.link.LinkKind;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.IflaInfo;
import io.netns.netlink.wire.IflaVlan;
import io.netns.netlink.wire.MessageWriter;

import java.util.Objects;
import java.util.Optional;

/**
 * A VLAN device ({@code link PARENT type vlan id ID [protocol 802.1Q|802.1ad]}).
 *
 * @param vlanId the VLAN id, 0..4095
 * @param protocol the tag protocol, if not the kernel's default (802.1Q); always present when read back
 */
public record Vlan(int vlanId, Optional<VlanProtocol> protocol) implements LinkKind {
    /** Checks the id. */
    public Vlan {
        if (vlanId < 0 || vlanId > 4095) {
            throw new IllegalArgumentException("VLAN id must be 0..4095, not " + vlanId);
        }
        Objects.requireNonNull(protocol, "protocol");
    }

    @Override
    public String name() {
        return "vlan";
    }

    /**
     * {@return a spec of a new 802.1Q VLAN device: {@code ip link add link PARENT name NAME type vlan id ID}}
     * The same as {@link LinkSpec#vlan}; {@link Spec#protocol} chooses another tag protocol.
     *
     * @param name the new device's name
     * @param parent the lower device's name (IFLA_LINK)
     * @param vlanId the VLAN id (IFLA_VLAN_ID), 0..4095
     * @throws IllegalArgumentException if {@code vlanId} is not in 0..4095
     */
    public static Spec spec(String name, String parent, int vlanId) {
        return new Spec(name, new Vlan(vlanId, Optional.empty())).lowerDevice(parent);
    }

    /**
     * {@return a VLAN device's options from its IFLA_INFO_DATA}
     *
     * @param d a reader over the attributes
     */
    public static Vlan decode(AttrReader d) {
        int id = 0;
        VlanProtocol proto = VlanProtocol.IEEE_802_1Q;
        while (d.next()) {
            if (d.type() == IflaVlan.IFLA_VLAN_ID) {
                id = d.u16() & 0xfff;
            } else if (d.type() == IflaVlan.IFLA_VLAN_PROTOCOL) {
                proto = VlanProtocol.of(d.u16Be());
            }
        }
        return new Vlan(id, Optional.of(proto));
    }

    /** The spec of a new VLAN device. */
    public static final class Spec extends LinkSpec<Spec> {
        private final Vlan vlan;

        Spec(String name, Vlan vlan) {
            super(name);
            this.vlan = vlan;
        }

        private Spec(Common common, Vlan vlan) {
            super(common);
            this.vlan = vlan;
        }

        @Override
        protected Spec with(Common common) {
            return new Spec(common, vlan);
        }

        private Spec lowerDevice(String parent) {
            return withParent(parent);
        }

        @Override
        public String kindName() {
            return "vlan";
        }

        @Override
        public Vlan kind() {
            return vlan;
        }

        /**
         * {@return with {@code protocol 802.1Q|802.1ad}}
         *
         * @param protocol the tag protocol
         */
        public Spec protocol(VlanProtocol protocol) {
            Objects.requireNonNull(protocol, "protocol");
            return new Spec(common(), new Vlan(vlan.vlanId, Optional.of(protocol)));
        }

        @Override
        protected void encodeInfoData(MessageWriter w, Resolved resolved) {
            long data = w.beginNested(IflaInfo.IFLA_INFO_DATA);
            w.attrU16(IflaVlan.IFLA_VLAN_ID, vlan.vlanId);
            if (vlan.protocol.isPresent()) {
                w.attrU16Be(IflaVlan.IFLA_VLAN_PROTOCOL, vlan.protocol.get().number());
            }
            w.endNested(data);
        }
    }
}
