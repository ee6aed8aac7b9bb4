// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.topology;

import io.netns.netlink.IpPrefix;
import io.netns.netlink.internal.IpText;
import io.netns.netlink.link.OperState;
import io.netns.netlink.topology.Topology.Device;
import io.netns.netlink.topology.Topology.Endpoint;
import io.netns.netlink.topology.Topology.ForeignPeer;
import io.netns.netlink.topology.Topology.Gateway;
import io.netns.netlink.topology.Topology.Namespace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the pictures (dot, Mermaid) share: a stable id per device (its namespace's and its own
 * position in the sorted snapshot, never an ifindex) and the lines of each label.
 */
final class Labels {
    private final Topology t;
    private final Map<Endpoint, String> ids = new HashMap<>();

    Labels(Topology t) {
        this.t = t;
        for (int i = 0; i < t.namespaces().size(); i++) {
            Namespace ns = t.namespaces().get(i);
            for (int j = 0; j < ns.devices().size(); j++) {
                ids.put(new Endpoint(ns.name(), ns.devices().get(j).name()), "n" + i + "_" + j);
            }
        }
    }

    Topology topology() {
        return t;
    }

    /** {@return the node id of a device of the snapshot} */
    String id(Endpoint e) {
        String id = ids.get(e);
        if (id == null) {
            throw new IllegalArgumentException(e + " is not a device of the snapshot");
        }
        return id;
    }

    /** {@return whether the endpoint is a device of the snapshot} */
    boolean has(Endpoint e) {
        return ids.containsKey(e);
    }

    static String clusterId(int namespace) {
        return "ns" + namespace;
    }

    /** {@return a device's label: its name; kind, state and MTU; master; one address a line} */
    static List<String> device(Device d) {
        List<String> lines = new ArrayList<>();
        lines.add(d.name());
        lines.add(d.kind() + " " + d.state() + " mtu " + d.mtu());
        for (IpPrefix p : d.addresses()) {
            lines.add(prefix(p));
        }
        return lines;
    }

    /** {@return whether the device is not operational: down, or its lower layer (a veth's peer) down} */
    static boolean isDown(Device d) {
        return d.state() == OperState.DOWN || d.state() == OperState.LOWERLAYERDOWN
                || d.state() == OperState.NOTPRESENT;
    }

    /** {@return the label of a foreign peer's node: where the peer is, as ip would name it} */
    static List<String> foreign(ForeignPeer f) {
        return List.of("if" + f.peerIndex(), (f.peerNsid().isPresent() ? "nsid " + f.peerNsid().getAsInt()
                : "another namespace") + ", not drawn");
    }

    /** {@return a gateway edge's label: {@code [table N] DESTINATION via GATEWAY}} */
    static String gateway(Gateway g) {
        return (g.table() == 254 ? "" : "table " + g.table() + " ") + destination(g.destination()) + " via "
                + IpText.format(g.gateway());
    }

    /** {@return {@code default} for a zero-length prefix, else the prefix as ip route prints it} */
    static String destination(IpPrefix p) {
        return p.isDefault() ? "default" : p.toString();
    }

    /** {@return {@code ADDRESS/LENGTH}, as ip addr prints it} */
    static String prefix(IpPrefix p) {
        return IpText.format(p.address()) + "/" + p.prefixLength();
    }
}
