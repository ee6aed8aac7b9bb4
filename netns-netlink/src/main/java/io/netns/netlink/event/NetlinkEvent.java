// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.event;

import io.netns.netlink.NetlinkDecodeException;
import io.netns.netlink.RawAttribute;
import io.netns.netlink.address.Address;
import io.netns.netlink.link.Link;
import io.netns.netlink.neighbour.Neighbour;
import io.netns.netlink.route.Route;
import io.netns.netlink.rule.Rule;

/**
 * A change the kernel announced to a {@link NetlinkMonitor} ({@code ip monitor} prints these).
 */
public sealed interface NetlinkEvent {

    /** Whether the object appeared/changed or went away. */
    enum Action {
        /** RTM_NEW*: created or changed. */
        NEW,
        /** RTM_DEL*: deleted. */
        DEL
    }

    /**
     * A link appeared, changed (state, flags, name...) or was deleted.
     *
     * @param action whether it appeared or changed, or was deleted
     * @param link the link as the kernel described it
     */
    record LinkEvent(Action action, Link link) implements NetlinkEvent {
    }

    /**
     * An address was added or removed.
     *
     * @param action whether it was added or removed
     * @param address the address
     */
    record AddressEvent(Action action, Address address) implements NetlinkEvent {
    }

    /**
     * A route was added or removed.
     *
     * @param action whether it was added or removed
     * @param route the route
     */
    record RouteEvent(Action action, Route route) implements NetlinkEvent {
    }

    /**
     * A neighbour entry was added, changed state, or was removed.
     *
     * @param action whether it was added or changed, or was removed
     * @param neighbour the neighbour entry
     */
    record NeighbourEvent(Action action, Neighbour neighbour) implements NetlinkEvent {
    }

    /**
     * A policy-routing rule was added or removed.
     *
     * @param action whether it was added or removed
     * @param rule the rule
     */
    record RuleEvent(Action action, Rule rule) implements NetlinkEvent {
    }

    /**
     * A namespace id was assigned or released ({@code ip netns set}, a peer namespace going away).
     *
     * @param action whether it was assigned or released
     * @param nsid the namespace id
     */
    record NsidEvent(Action action, int nsid) implements NetlinkEvent {
    }

    /**
     * A notification that could not be decoded (the decoder's error says why). The events around
     * it are delivered as usual.
     *
     * @param messageType the message type (RTM_NEWLINK...)
     * @param error why it could not be decoded
     */
    record Undecodable(int messageType, NetlinkDecodeException error) implements NetlinkEvent {
    }

    /**
     * The kernel dropped events because they were not read fast enough (ENOBUFS on the socket).
     * What was missed is unknown: dump the state again (e.g. {@code rt.addresses().list()}), replace
     * what you knew with it, then go on applying the events that follow; that converges to the
     * kernel's state. Events that were queued before the overrun are dropped by the monitor, never
     * delivered after this one: they predate the drop and would undo the re-dump. The monitor keeps
     * working after this.
     */
    record Overrun() implements NetlinkEvent {
    }
}
