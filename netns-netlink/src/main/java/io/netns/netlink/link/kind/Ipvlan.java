// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.link.LinkKind;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.IflaInfo;
import io.netns.netlink.wire.IflaIpvlan;
import io.netns.netlink.wire.MessageWriter;

import java.util.Objects;

/**
 * An ipvlan device ({@code link PARENT type ipvlan mode l2|l3|l3s}).
 *
 * @param mode the mode
 * @param flags IPVLAN_F_* flags (0: bridge)
 */
public record Ipvlan(IpvlanMode mode, int flags) implements LinkKind {
    /** Checks for null. */
    public Ipvlan {
        Objects.requireNonNull(mode, "mode");
    }

    @Override
    public String name() {
        return "ipvlan";
    }

    /**
     * {@return a spec of a new ipvlan device in bridge mode (no IPVLAN_F_* flags):
     * {@code ip link add link PARENT name NAME type ipvlan mode l2|l3|l3s}}
     * The same as {@link LinkSpec#ipvlan}.
     *
     * @param name the new device's name
     * @param parent the lower device's name (IFLA_LINK)
     * @param mode the mode (IFLA_IPVLAN_MODE)
     */
    public static Spec spec(String name, String parent, IpvlanMode mode) {
        return new Spec(name, new Ipvlan(mode, 0)).lowerDevice(parent);
    }

    /**
     * {@return an ipvlan's options from its IFLA_INFO_DATA}
     *
     * @param d a reader over the attributes
     */
    public static Ipvlan decode(AttrReader d) {
        int mode = 0;
        int flags = 0;
        while (d.next()) {
            if (d.type() == IflaIpvlan.IFLA_IPVLAN_MODE) {
                mode = d.u16();
            } else if (d.type() == IflaIpvlan.IFLA_IPVLAN_FLAGS) {
                flags = d.u16();
            }
        }
        return new Ipvlan(IpvlanMode.of(mode), flags);
    }

    /** The spec of a new ipvlan. */
    public static final class Spec extends LinkSpec<Spec> {
        private final Ipvlan ipvlan;

        Spec(String name, Ipvlan ipvlan) {
            super(name);
            this.ipvlan = ipvlan;
        }

        private Spec(Common common, Ipvlan ipvlan) {
            super(common);
            this.ipvlan = ipvlan;
        }

        private Spec lowerDevice(String parent) {
            return withParent(parent);
        }

        @Override
        protected Spec with(Common common) {
            return new Spec(common, ipvlan);
        }

        @Override
        public String kindName() {
            return "ipvlan";
        }

        @Override
        public Ipvlan kind() {
            return ipvlan;
        }

        @Override
        protected void encodeInfoData(MessageWriter w, Resolved resolved) {
            long data = w.beginNested(IflaInfo.IFLA_INFO_DATA);
            w.attrU16(IflaIpvlan.IFLA_IPVLAN_MODE, ipvlan.mode.number());
            w.attrU16(IflaIpvlan.IFLA_IPVLAN_FLAGS, ipvlan.flags);
            w.endNested(data);
        }
    }
}
