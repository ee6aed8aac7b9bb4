// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link.kind;

import io.netns.netlink.link.LinkKind;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.wire.MessageWriter;

/** An intermediate functional block device ({@code type ifb}): the target of ingress redirection. */
public record Ifb() implements LinkKind {
    @Override
    public String name() {
        return "ifb";
    }

    /**
     * {@return a spec of a new device of this kind; the same as the factory of that name in {@link LinkSpec}}
     *
     * @param name the new device's name
     */
    public static Spec spec(String name) {
        return new Spec(name);
    }

    /** The spec of a new ifb device: it has only the shared options. */
    public static final class Spec extends LinkSpec<Spec> {
        private static final Ifb KIND = new Ifb();

        Spec(String name) {
            super(name);
        }

        private Spec(Common common) {
            super(common);
        }

        @Override
        protected Spec with(Common common) {
            return new Spec(common);
        }

        @Override
        public String kindName() {
            return "ifb";
        }

        @Override
        public Ifb kind() {
            return KIND;
        }

        @Override
        protected void encodeInfoData(MessageWriter w, Resolved resolved) {
            // no IFLA_INFO_DATA, as ip sends none
        }
    }
}
