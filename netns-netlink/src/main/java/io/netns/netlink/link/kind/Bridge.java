// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.link.LinkKind;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.wire.AttrReader;
import io.netns.netlink.wire.IflaBr;
import io.netns.netlink.wire.IflaInfo;
import io.netns.netlink.wire.MessageWriter;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A bridge ({@code type bridge [stp_state 0|1] [vlan_filtering 0|1] [forward_delay N]}). Options
 * left empty keep the kernel's defaults, and nothing is sent for them (as ip does). The other
 * IFLA_BR_* attributes of a bridge read back stay in {@link io.netns.netlink.link.Link#unknown()}
 * (within IFLA_LINKINFO), for {@code ip -d} printers.
 *
 * @param stpState 0 off, 1 kernel STP
 * @param vlanFiltering whether VLAN filtering is on
 * @param forwardDelay IFLA_BR_FORWARD_DELAY as the kernel has it, in hundredths of a second
 */
public record Bridge(OptionalInt stpState, Optional<Boolean> vlanFiltering, OptionalInt forwardDelay)
        implements LinkKind {
    /** Checks for nulls. */
    public Bridge {
        Objects.requireNonNull(stpState, "stpState");
        Objects.requireNonNull(vlanFiltering, "vlanFiltering");
        Objects.requireNonNull(forwardDelay, "forwardDelay");
    }

    @Override
    public String name() {
        return "bridge";
    }

    /**
     * {@return a spec of a new device of this kind; the same as the factory of that name in {@link LinkSpec}}
     *
     * @param name the new device's name
     */
    public static Spec spec(String name) {
        return new Spec(name, new Bridge(OptionalInt.empty(), Optional.empty(), OptionalInt.empty()));
    }

    /**
     * {@return a bridge's options from its IFLA_INFO_DATA}
     *
     * @param data a reader over the attributes
     */
    public static Bridge decode(AttrReader data) {
        OptionalInt stp = OptionalInt.empty();
        Optional<Boolean> vlanFiltering = Optional.empty();
        OptionalInt forwardDelay = OptionalInt.empty();
        while (data.next()) {
            switch (data.type()) {
                case IflaBr.IFLA_BR_STP_STATE -> stp = OptionalInt.of(data.u32());
                case IflaBr.IFLA_BR_VLAN_FILTERING -> vlanFiltering = Optional.of(data.u8() != 0);
                case IflaBr.IFLA_BR_FORWARD_DELAY -> forwardDelay = OptionalInt.of(data.u32());
                default -> {
                }
            }
        }
        return new Bridge(stp, vlanFiltering, forwardDelay);
    }

    /** The spec of a new bridge. */
    public static final class Spec extends LinkSpec<Spec> {
        private final Bridge bridge;

        Spec(String name, Bridge bridge) {
            super(name);
            this.bridge = bridge;
        }

        private Spec(Common common, Bridge bridge) {
            super(common);
            this.bridge = bridge;
        }

        @Override
        protected Spec with(Common common) {
            return new Spec(common, bridge);
        }

        @Override
        public String kindName() {
            return "bridge";
        }

        @Override
        public Bridge kind() {
            return bridge;
        }

        /**
         * {@return with {@code stp_state 0|1}}
         *
         * @param on whether the kernel runs STP
         */
        public Spec stp(boolean on) {
            return new Spec(common(), new Bridge(OptionalInt.of(on ? 1 : 0), bridge.vlanFiltering, bridge.forwardDelay));
        }

        /**
         * {@return with {@code vlan_filtering 0|1}}
         *
         * @param on whether the bridge filters by VLAN
         */
        public Spec vlanFiltering(boolean on) {
            return new Spec(common(), new Bridge(bridge.stpState, Optional.of(on), bridge.forwardDelay));
        }

        /**
         * {@return with {@code forward_delay N}}
         *
         * @param hundredths the delay in hundredths of a second, as ip takes it
         */
        public Spec forwardDelay(int hundredths) {
            if (hundredths < 0) {
                throw new IllegalArgumentException("forward delay must not be negative");
            }
            return new Spec(common(), new Bridge(bridge.stpState, bridge.vlanFiltering, OptionalInt.of(hundredths)));
        }

        @Override
        protected void encodeInfoData(MessageWriter w, Resolved resolved) {
            if (bridge.stpState.isEmpty() && bridge.vlanFiltering.isEmpty() && bridge.forwardDelay.isEmpty()) {
                return; // kernel defaults, as ip sends no data
            }
            long data = w.beginNested(IflaInfo.IFLA_INFO_DATA);
            if (bridge.forwardDelay.isPresent()) {
                w.attrU32(IflaBr.IFLA_BR_FORWARD_DELAY, bridge.forwardDelay.getAsInt());
            }
            if (bridge.stpState.isPresent()) {
                w.attrU32(IflaBr.IFLA_BR_STP_STATE, bridge.stpState.getAsInt());
            }
            if (bridge.vlanFiltering.isPresent()) {
                w.attrU8(IflaBr.IFLA_BR_VLAN_FILTERING, bridge.vlanFiltering.get() ? 1 : 0);
            }
            w.endNested(data);
        }
    }
}
