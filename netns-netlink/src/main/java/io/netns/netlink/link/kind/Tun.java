// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.link.LinkKind;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.wire.MessageWriter;

/**
 * A persistent tun or tap device ({@code ip tuntap add NAME mode tun|tap [multi_queue]}). The
 * kernel does not create these over rtnetlink: {@link io.netns.netlink.link.LinkChanges#add}
 * creates them through /dev/net/tun on a thread inside the namespace, then applies the shared
 * options with one {@code ip link set}. They cannot be part of a batch.
 *
 * @param tap whether it is a tap (Ethernet frames) rather than a tun (IP packets)
 * @param multiQueue whether it has several queues ({@code multi_queue})
 */
public record Tun(boolean tap, boolean multiQueue) implements LinkKind {
    @Override
    public String name() {
        return "tun";
    }

    /**
     * {@return a spec of a new persistent single-queue tun or tap device:
     * {@code ip tuntap add NAME mode tun|tap}}
     * The same as {@link LinkSpec#tun} ({@code tap} false) or {@link LinkSpec#tap} ({@code tap} true).
     *
     * @param name the new device's name
     * @param tap whether it is a tap (Ethernet frames) rather than a tun (IP packets)
     */
    public static Spec spec(String name, boolean tap) {
        return new Spec(name, new Tun(tap, false));
    }

    /** The spec of a new tun or tap. */
    public static final class Spec extends LinkSpec<Spec> {
        private final Tun tun;

        Spec(String name, Tun tun) {
            super(name);
            this.tun = tun;
        }

        private Spec(Common common, Tun tun) {
            super(common);
            this.tun = tun;
        }

        @Override
        protected Spec with(Common common) {
            return new Spec(common, tun);
        }

        @Override
        public String kindName() {
            return "tun";
        }

        @Override
        public Tun kind() {
            return tun;
        }

        /** {@return with {@code multi_queue}} */
        public Spec multiQueue() {
            return new Spec(common(), new Tun(tun.tap, true));
        }

        @Override
        protected void encodeInfoData(MessageWriter w, Resolved resolved) {
            throw new IllegalStateException("tun/tap devices are created through /dev/net/tun, not rtnetlink");
        }
    }
}
