// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.link.LinkKind;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.IflaInfo;
import io.netns.netlink.wire.IflaMacvlan;
import io.netns.netlink.wire.MessageWriter;

import java.util.Objects;

/**
 * A macvlan or macvtap device ({@code link PARENT type macvlan|macvtap mode MODE}).
 *
 * @param mode the mode
 * @param tap whether it is a macvtap (a tap character device on top) rather than a macvlan
 */
public record Macvlan(MacvlanMode mode, boolean tap) implements LinkKind {
    /** Checks for null. */
    public Macvlan {
        Objects.requireNonNull(mode, "mode");
    }

    @Override
    public String name() {
        return tap ? "macvtap" : "macvlan";
    }

    /**
     * {@return a spec of a new macvlan or macvtap device:
     * {@code ip link add link PARENT name NAME type macvlan|macvtap mode MODE}}
     * The same as {@link LinkSpec#macvlan} ({@code tap} false) or {@link LinkSpec#macvtap} ({@code tap} true).
     *
     * @param name the new device's name
     * @param parent the lower device's name (IFLA_LINK)
     * @param mode the mode (IFLA_MACVLAN_MODE)
     * @param tap whether it is a macvtap (a tap character device on top) rather than a macvlan
     */
    public static Spec spec(String name, String parent, MacvlanMode mode, boolean tap) {
        return new Spec(name, new Macvlan(mode, tap)).lowerDevice(parent);
    }

    /**
     * {@return a macvlan's or macvtap's options from its IFLA_INFO_DATA}
     *
     * @param kind {@code macvlan} or {@code macvtap}
     * @param d a reader over the attributes
     */
    public static Macvlan decode(String kind, AttrReader d) {
        int mode = 0;
        while (d.next()) {
            if (d.type() == IflaMacvlan.IFLA_MACVLAN_MODE) {
                mode = d.u32();
            }
        }
        return new Macvlan(MacvlanMode.of(mode), kind.equals("macvtap"));
    }

    /** The spec of a new macvlan or macvtap. */
    public static final class Spec extends LinkSpec<Spec> {
        private final Macvlan macvlan;

        Spec(String name, Macvlan macvlan) {
            super(name);
            this.macvlan = macvlan;
        }

        private Spec(Common common, Macvlan macvlan) {
            super(common);
            this.macvlan = macvlan;
        }

        private Spec lowerDevice(String parent) {
            return withParent(parent);
        }

        @Override
        protected Spec with(Common common) {
            return new Spec(common, macvlan);
        }

        @Override
        public String kindName() {
            return macvlan.name();
        }

        @Override
        public Macvlan kind() {
            return macvlan;
        }

        @Override
        protected void encodeInfoData(MessageWriter w, Resolved resolved) {
            long data = w.beginNested(IflaInfo.IFLA_INFO_DATA);
            w.attrU32(IflaMacvlan.IFLA_MACVLAN_MODE, macvlan.mode.number());
            w.endNested(data);
        }
    }
}
