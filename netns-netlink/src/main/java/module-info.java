// SPDX-License-Identifier: Apache-2.0
/**
 * rtnetlink from Java: links, addresses, routes, neighbours, rules, namespace ids and their events,
 * in any network namespace, without an {@code ip} process. Start with {@link io.netns.netlink.Rtnetlink}.
 * Builds on {@code io.netns}, whose syscall layer it uses; it calls no native code itself.
 *
 * <p>Packages: {@code io.netns.netlink} (the socket, batches, errors, shared values), one package
 * per family ({@code .link} with {@code .link.kind}, {@code .address}, {@code .route},
 * {@code .neighbour}, {@code .rule}, {@code .nsid}), {@code .event} (monitoring), {@code .topology}
 * (a picture of namespaces and the links between them) and {@code .wire} (the pure message codec and
 * the kernel's constants, for what the typed layer lacks).
 */
module io.netns.netlink {
    requires transitive io.netns;

    exports io.netns.netlink;
    exports io.netns.netlink.link;
    exports io.netns.netlink.link.kind;
    exports io.netns.netlink.address;
    exports io.netns.netlink.route;
    exports io.netns.netlink.neighbour;
    exports io.netns.netlink.rule;
    exports io.netns.netlink.nsid;
    exports io.netns.netlink.event;
    exports io.netns.netlink.topology;
    exports io.netns.netlink.wire;
    // the socket and exchange loop, for the netfilter netlink module (NETLINK_NETFILTER)
    exports io.netns.netlink.internal to io.netns.nftables;
}
