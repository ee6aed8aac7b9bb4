// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.topology;

import io.netns.netlink.internal.IpText;
import io.netns.netlink.topology.Topology.Device;
import io.netns.netlink.topology.Topology.ForeignPeer;
import io.netns.netlink.topology.Topology.Gateway;
import io.netns.netlink.topology.Topology.Namespace;
import io.netns.netlink.topology.Topology.Peer;
import io.netns.netlink.topology.Topology.Port;

import java.util.List;

/** {@link Topology#toMermaid()}: a flowchart, a subgraph per namespace, the same nodes and edges as dot. */
final class MermaidWriter {
    private final Labels labels;
    private final StringBuilder sb = new StringBuilder();

    MermaidWriter(Topology t) {
        this.labels = new Labels(t);
    }

    String write() {
        Topology t = labels.topology();
        sb.append("flowchart LR\n");
        for (int i = 0; i < t.namespaces().size(); i++) {
            Namespace ns = t.namespaces().get(i);
            sb.append("  subgraph ").append(Labels.clusterId(i)).append('[').append(text(List.of(ns.name())))
                    .append("]\n");
            for (int j = 0; j < ns.devices().size(); j++) {
                Device d = ns.devices().get(j);
                sb.append("    n").append(i).append('_').append(j).append('[').append(text(Labels.device(d)))
                        .append("]\n");
            }
            if (t.gateways().stream().anyMatch(g -> g.namespace().equals(ns.name()) && g.device().isEmpty())) {
                sb.append("    ").append(Labels.clusterId(i)).append("_routes((routes))\n");
            }
            sb.append("  end\n");
        }
        for (Peer p : t.peers()) {
            sb.append("  ").append(labels.id(p.a())).append(" ---|veth| ").append(labels.id(p.b())).append('\n');
        }
        for (int k = 0; k < t.foreignPeers().size(); k++) {
            ForeignPeer f = t.foreignPeers().get(k);
            sb.append("  foreign").append(k).append("([").append(text(Labels.foreign(f))).append("])\n");
            sb.append("  ").append(labels.id(f.end())).append(" -.-|veth| foreign").append(k).append('\n');
        }
        for (Port p : t.ports()) {
            sb.append("  ").append(labels.id(p.port())).append(" -.-|master| ").append(labels.id(p.master()))
                    .append('\n');
        }
        for (int k = 0; k < t.gateways().size(); k++) {
            Gateway g = t.gateways().get(k);
            int ns = 0;
            while (!t.namespaces().get(ns).name().equals(g.namespace())) {
                ns++;
            }
            String from = g.device().isPresent() ? labels.id(new Topology.Endpoint(g.namespace(), g.device().get()))
                    : Labels.clusterId(ns) + "_routes";
            String to;
            if (g.owner().isPresent()) {
                to = labels.id(g.owner().get());
            } else {
                to = "gateway" + k;
                sb.append("  ").append(to).append("([").append(text(List.of(IpText.format(g.gateway()), "not drawn")))
                        .append("])\n");
            }
            sb.append("  ").append(from).append(" -.->|").append(text(List.of(Labels.gateway(g)))).append("| ")
                    .append(to).append('\n');
        }
        return sb.toString();
    }

    /**
     * A quoted Mermaid label: lines joined by {@code <br/>}; quotes, angle brackets, ampersands and
     * {@code #} as Mermaid's entity codes, so no name can end the label or open markup.
     */
    static String text(List<String> lines) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                q.append("<br/>");
            }
            String s = lines.get(i);
            for (int c = 0; c < s.length(); c++) {
                char ch = s.charAt(c);
                switch (ch) {
                    case '"' -> q.append("#quot;");
                    case '<' -> q.append("#lt;");
                    case '>' -> q.append("#gt;");
                    case '&' -> q.append("#amp;");
                    case '#' -> q.append("#35;");
                    case '|' -> q.append("#124;");
                    default -> q.append(ch < 0x20 ? ' ' : ch);
                }
            }
        }
        return q.append('"').toString();
    }
}
