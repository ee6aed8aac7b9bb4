// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.neighbour;

/**
 * The changes {@code ip neigh} makes: add, replace, delete. {@link io.netns.netlink.Rtnetlink#neighbours()}
 * runs each at once and throws when the kernel refuses; {@link io.netns.netlink.Batch#neighbours()}
 * queues the very same requests and reports failures in its result.
 */
public interface NeighbourChanges {
    /**
     * Adds a neighbour entry: {@code ip neigh add ADDR lladdr MAC dev DEV nud permanent}.
     *
     * @param spec the entry
     * @throws io.netns.netlink.AlreadyExistsException if there is one already
     * @throws io.netns.netlink.NoSuchLinkException if there is no such link
     */
    void add(NeighbourSpec spec);

    /**
     * Adds a neighbour entry or replaces the existing one: {@code ip neigh replace ADDR lladdr MAC dev DEV nud STATE}.
     *
     * @param spec the entry
     * @throws io.netns.netlink.NoSuchLinkException if there is no such link
     */
    void replace(NeighbourSpec spec);

    /**
     * Deletes a neighbour entry: {@code ip neigh del ADDR dev DEV}.
     *
     * @param spec the entry; only its address and device matter
     * @throws io.netns.netlink.NetlinkException ENOENT if there is no such entry
     * @throws io.netns.netlink.NoSuchLinkException if there is no such link
     */
    void del(NeighbourSpec spec);
}
