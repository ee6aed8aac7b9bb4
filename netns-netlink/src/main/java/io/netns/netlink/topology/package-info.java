// SPDX-License-Identifier: Apache-2.0
/**
 * A picture of network namespaces: {@link io.netns.netlink.topology.Topology#snapshot}
 * reads devices, addresses, routes and namespace ids, matches veth peers, bridge ports and gateways
 * across namespaces, and renders the result as text, Graphviz dot, Mermaid or JSON
 * ({@code bin/netns graph} prints the same).
 */
package io.netns.netlink.topology;
