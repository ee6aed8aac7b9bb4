// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.topology;

import io.netns.netlink.internal.IpText;
import io.netns.netlink.topology.Topology.Device;
import io.netns.netlink.topology.Topology.ForeignPeer;
import io.netns.netlink.topology.Topology.Gateway;
import io.netns.netlink.topology.Topology.Namespace;
import io.netns.netlink.topology.Topology.Peer;
import io.netns.netlink.topology.Topology.Port;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** {@link Topology#toString()}: a block per namespace, then a block per kind of edge. */
final class TopologyText {
    private TopologyText() {
    }

    static String write(Topology t) {
        if (t.namespaces().isEmpty()) {
            return "no namespace\n";
        }
        StringBuilder sb = new StringBuilder();
        for (Namespace ns : t.namespaces()) {
            sb.append("namespace ").append(ns.name()).append(" (net:[").append(ns.inode()).append("])\n");
            for (Device d : ns.devices()) {
                sb.append("  ").append(d.index()).append(": ").append(d.name()).append(' ').append(d.kind())
                        .append(' ').append(d.state()).append(" mtu ").append(d.mtu());
                d.master().ifPresent(m -> sb.append(" master ").append(m));
                d.addresses().forEach(a -> sb.append(' ').append(Labels.prefix(a)));
                sb.append('\n');
            }
        }
        if (!t.peers().isEmpty() || !t.foreignPeers().isEmpty()) {
            sb.append("veth pairs\n");
            for (Peer p : t.peers()) {
                sb.append("  ").append(p.a()).append(" -- ").append(p.b()).append('\n');
            }
            for (ForeignPeer f : t.foreignPeers()) {
                sb.append("  ").append(f.end()).append(" -- if").append(f.peerIndex()).append(" in ")
                        .append(f.peerNsid().isPresent() ? "nsid " + f.peerNsid().getAsInt() : "another namespace")
                        .append(" (not in the snapshot)\n");
            }
        }
        if (!t.ports().isEmpty()) {
            sb.append("masters\n");
            Map<String, StringJoiner> byMaster = new LinkedHashMap<>();
            for (Port p : t.ports()) {
                byMaster.computeIfAbsent(p.master().toString(), k -> new StringJoiner(" "))
                        .add(p.port().device());
            }
            byMaster.forEach((m, ports) -> sb.append("  ").append(m).append(": ").append(ports).append('\n'));
        }
        if (!t.gateways().isEmpty()) {
            sb.append("gateways\n");
            for (Gateway g : t.gateways()) {
                sb.append("  ").append(g.namespace()).append(": ").append(Labels.destination(g.destination()))
                        .append(" via ").append(IpText.format(g.gateway()));
                g.device().ifPresent(d -> sb.append(" dev ").append(d));
                if (g.table() != 254) {
                    sb.append(" table ").append(g.table());
                }
                sb.append(" -> ").append(g.owner().map(Object::toString).orElse("not in the snapshot")).append('\n');
            }
        }
        return sb.toString();
    }
}
