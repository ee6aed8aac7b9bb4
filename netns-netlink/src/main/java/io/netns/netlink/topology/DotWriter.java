// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.topology;

import io.netns.netlink.topology.Topology.Device;
import io.netns.netlink.topology.Topology.ForeignPeer;
import io.netns.netlink.topology.Topology.Gateway;
import io.netns.netlink.topology.Topology.Namespace;
import io.netns.netlink.topology.Topology.Peer;
import io.netns.netlink.topology.Topology.Port;

import java.util.List;

/** {@link Topology#toDot()}: an undirected Graphviz graph, a cluster per namespace. */
final class DotWriter {
    private static final String GATEWAY_COLOUR = "#1f6fb4";
    private final Labels labels;
    private final StringBuilder sb = new StringBuilder();

    DotWriter(Topology t) {
        this.labels = new Labels(t);
    }

    String write() {
        Topology t = labels.topology();
        sb.append("graph \"netns\" {\n");
        sb.append("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, nodesep=0.3, ranksep=0.6];\n");
        sb.append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\","
                + " fontsize=10];\n");
        sb.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        for (int i = 0; i < t.namespaces().size(); i++) {
            Namespace ns = t.namespaces().get(i);
            sb.append("  subgraph \"cluster_").append(Labels.clusterId(i)).append("\" {\n");
            sb.append("    label=").append(quote(List.of(ns.name()))).append(";\n");
            sb.append("    style=\"rounded,filled\"; fillcolor=\"#f0f0f0\"; color=\"#808080\";\n");
            for (int j = 0; j < ns.devices().size(); j++) {
                Device d = ns.devices().get(j);
                sb.append("    \"n").append(i).append('_').append(j).append("\" [label=")
                        .append(quote(Labels.device(d))).append(Labels.isDown(d) ? ", color=\"#a0a0a0\", fontcolor=\"#606060\""
                                : "").append("];\n");
            }
            boolean routeWithoutDevice = t.gateways().stream()
                    .anyMatch(g -> g.namespace().equals(ns.name()) && g.device().isEmpty());
            if (routeWithoutDevice) {
                sb.append("    \"").append(Labels.clusterId(i)).append("_routes\" [shape=point];\n");
            }
            sb.append("  }\n");
        }
        for (Peer p : t.peers()) {
            edge(labels.id(p.a()), labels.id(p.b()), "label=\"veth\"");
        }
        for (int k = 0; k < t.foreignPeers().size(); k++) {
            ForeignPeer f = t.foreignPeers().get(k);
            String node = "foreign" + k;
            sb.append("  \"").append(node).append("\" [shape=ellipse, style=dashed, label=")
                    .append(quote(Labels.foreign(f))).append("];\n");
            edge(labels.id(f.end()), node, "label=\"veth\", style=dashed");
        }
        for (Port p : t.ports()) {
            edge(labels.id(p.port()), labels.id(p.master()), "label=\"master\", style=dashed");
        }
        for (int k = 0; k < t.gateways().size(); k++) {
            Gateway g = t.gateways().get(k);
            String from = g.device().map(d -> labels.id(new Topology.Endpoint(g.namespace(), d)))
                    .orElse(Labels.clusterId(namespaceIndex(t, g.namespace())) + "_routes");
            String to;
            if (g.owner().isPresent()) {
                to = labels.id(g.owner().get());
            } else {
                to = "gateway" + k;
                sb.append("  \"").append(to).append("\" [shape=ellipse, style=dashed, label=")
                        .append(quote(List.of(io.netns.netlink.internal.IpText.format(g.gateway()), "not drawn")))
                        .append("];\n");
            }
            edge(from, to, "label=" + quote(List.of(Labels.gateway(g))) + ", style=dotted, dir=forward, color=\""
                    + GATEWAY_COLOUR + "\", fontcolor=\"" + GATEWAY_COLOUR + "\", constraint=false");
        }
        sb.append("}\n");
        return sb.toString();
    }

    private static int namespaceIndex(Topology t, String name) {
        for (int i = 0; i < t.namespaces().size(); i++) {
            if (t.namespaces().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no namespace " + name);
    }

    private void edge(String a, String b, String attributes) {
        sb.append("  \"").append(a).append("\" -- \"").append(b).append("\" [").append(attributes).append("];\n");
    }

    /** A dot string of lines: quotes and backslashes escaped, lines joined by {@code \n}. */
    static String quote(List<String> lines) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                q.append("\\n");
            }
            String s = lines.get(i);
            for (int c = 0; c < s.length(); c++) {
                char ch = s.charAt(c);
                if (ch == '"' || ch == '\\') {
                    q.append('\\');
                }
                q.append(ch < 0x20 ? ' ' : ch);
            }
        }
        return q.append('"').toString();
    }
}
