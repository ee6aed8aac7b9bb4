// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.route;

/**
 * The changes {@code ip route} makes: add, replace, delete. {@link io.netns.netlink.Rtnetlink#routes()}
 * runs each at once and throws when the kernel refuses; {@link io.netns.netlink.Batch#routes()}
 * queues the very same requests and reports failures in its result.
 */
public interface RouteChanges {
    /**
     * Adds a route: {@code ip route add [TYPE] PREFIX [via GW] [dev DEV] [options]}.
     *
     * @param spec the route
     * @throws io.netns.netlink.AlreadyExistsException if it exists
     * @throws io.netns.netlink.NetlinkException ENETUNREACH if the gateway is not reachable
     */
    void add(RouteSpec spec);

    /**
     * {@code ip route replace ...}: add, or replace a route with the same destination, tos, metric and table.
     *
     * @param spec the route
     * @throws io.netns.netlink.NetlinkException if the kernel refuses it, e.g. ENETUNREACH if the gateway is not reachable
     */
    void replace(RouteSpec spec);

    /**
     * Deletes a route: {@code ip route del PREFIX [via GW] [dev DEV] [table N] ...}; unspecified
     * fields match any.
     *
     * @param spec the route to match
     * @throws io.netns.netlink.NoSuchRouteException if no route matches
     */
    void del(RouteSpec spec);
}
