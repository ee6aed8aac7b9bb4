// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import java.util.function.Consumer;

import static io.netns.netlink.wire.Nlmsg.NLM_F_CREATE;
import static io.netns.netlink.wire.Nlmsg.NLM_F_EXCL;
import static io.netns.netlink.wire.Nlmsg.NLM_F_REPLACE;

/**
 * What {@code ip OBJECT add|replace|delete} asks of the kernel, as iproute2's modify functions
 * take it ({@code iproute_modify(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, ...)}): the message type
 * and the header flags, for every object whose RTM_DEL* type follows its RTM_NEW* type (links,
 * addresses, routes, neighbours, rules).
 */
enum Verb {
    /** {@code add}: create, fail if it exists. */
    ADD(false, NLM_F_CREATE | NLM_F_EXCL),
    /** {@code replace}: create or overwrite. */
    REPLACE(false, NLM_F_CREATE | NLM_F_REPLACE),
    /** {@code delete}. */
    DELETE(true, 0);

    private final boolean delete;
    private final int nlmFlags;

    Verb(boolean delete, int nlmFlags) {
        this.delete = delete;
        this.nlmFlags = nlmFlags;
    }

    /** {@return whether this removes (RTM_DEL*)} */
    boolean isDelete() {
        return delete;
    }

    /** {@return the NLM_F_* flags the request carries besides NLM_F_REQUEST | NLM_F_ACK} */
    int nlmFlags() {
        return nlmFlags;
    }

    /**
     * {@return the message type for an object}
     *
     * @param rtmNew the object's RTM_NEW* type (RTM_NEWADDR...); its RTM_DEL* is the next number
     */
    int rtmType(int rtmNew) {
        return delete ? rtmNew + 1 : rtmNew;
    }

    /**
     * {@return the verb a command word names, with ip's abbreviations ({@code a}, {@code del}), or null}
     *
     * @param replace whether the object has {@code replace} (ip rule has only add and delete)
     */
    static Verb of(String word, boolean replace) {
        if (Args.matches(word, "add")) {
            return ADD;
        }
        if (replace && Args.matches(word, "replace")) {
            return REPLACE;
        }
        if (Args.matches(word, "delete")) {
            return DELETE;
        }
        return null;
    }

    /**
     * Sends a spec through the family handle's operation for this verb.
     *
     * @param spec what to add, replace or delete
     * @param add the handle's add
     * @param replace the handle's replace (null if the object has none)
     * @param del the handle's del
     */
    <T> void apply(T spec, Consumer<T> add, Consumer<T> replace, Consumer<T> del) {
        switch (this) {
            case ADD -> add.accept(spec);
            case REPLACE -> replace.accept(spec);
            case DELETE -> del.accept(spec);
        }
    }
}
