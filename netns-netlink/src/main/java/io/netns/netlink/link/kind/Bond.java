// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.link.LinkKind;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.IflaBond;
import io.netns.netlink.wire.IflaInfo;
import io.netns.netlink.wire.MessageWriter;

import java.util.Objects;

/**
 * A bonding device ({@code type bond mode MODE}).
 *
 * @param mode the bonding mode
 */
public record Bond(BondMode mode) implements LinkKind {
    /** Checks for null. */
    public Bond {
        Objects.requireNonNull(mode, "mode");
    }

    @Override
    public String name() {
        return "bond";
    }

    /**
     * {@return a spec of a new bonding device: {@code ip link add NAME type bond mode MODE}}
     * The same as {@link LinkSpec#bond}.
     *
     * @param name the new device's name
     * @param mode the bonding mode (IFLA_BOND_MODE)
     */
    public static Spec spec(String name, BondMode mode) {
        return new Spec(name, new Bond(mode));
    }

    /**
     * {@return a bond's options from its IFLA_INFO_DATA}
     *
     * @param d a reader over the attributes
     */
    public static Bond decode(AttrReader d) {
        int mode = 0;
        while (d.next()) {
            if (d.type() == IflaBond.IFLA_BOND_MODE) {
                mode = d.u8();
            }
        }
        return new Bond(BondMode.of(mode));
    }

    /** The spec of a new bond. */
    public static final class Spec extends LinkSpec<Spec> {
        private final Bond bond;

        Spec(String name, Bond bond) {
            super(name);
            this.bond = bond;
        }

        private Spec(Common common, Bond bond) {
            super(common);
            this.bond = bond;
        }

        @Override
        protected Spec with(Common common) {
            return new Spec(common, bond);
        }

        @Override
        public String kindName() {
            return "bond";
        }

        @Override
        public Bond kind() {
            return bond;
        }

        @Override
        protected void encodeInfoData(MessageWriter w, Resolved resolved) {
            long data = w.beginNested(IflaInfo.IFLA_INFO_DATA);
            w.attrU8(IflaBond.IFLA_BOND_MODE, bond.mode.number());
            w.endNested(data);
        }
    }
}
