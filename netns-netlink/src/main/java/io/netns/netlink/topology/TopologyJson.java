// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.topology;

import io.netns.netlink.internal.IpText;
import io.netns.netlink.topology.Topology.Device;
import io.netns.netlink.topology.Topology.Endpoint;
import io.netns.netlink.topology.Topology.ForeignPeer;
import io.netns.netlink.topology.Topology.Gateway;
import io.netns.netlink.topology.Topology.Namespace;
import io.netns.netlink.topology.Topology.Peer;
import io.netns.netlink.topology.Topology.Port;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Topology#toJson()}, without a JSON library: the value as ordered maps and lists, then
 * written indented two spaces, one entry a line (empty objects and arrays as {@code {}} and
 * {@code []}).
 */
final class TopologyJson {
    /** JSON's null. */
    private static final Object NULL = new Object();

    private TopologyJson() {
    }

    static String write(Topology t) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> namespaces = new ArrayList<>();
        for (Namespace ns : t.namespaces()) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("name", ns.name());
            n.put("inode", ns.inode());
            List<Object> devices = new ArrayList<>();
            for (Device d : ns.devices()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", d.name());
                m.put("index", (long) d.index());
                m.put("kind", d.kind());
                m.put("state", d.state().toString());
                m.put("mtu", (long) d.mtu());
                m.put("master", orNull(d.master()));
                m.put("addresses", new ArrayList<Object>(d.addresses().stream().map(Labels::prefix).toList()));
                devices.add(m);
            }
            n.put("devices", devices);
            namespaces.add(n);
        }
        root.put("namespaces", namespaces);
        List<Object> peers = new ArrayList<>();
        for (Peer p : t.peers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("a", endpoint(p.a()));
            m.put("b", endpoint(p.b()));
            peers.add(m);
        }
        root.put("peers", peers);
        List<Object> foreign = new ArrayList<>();
        for (ForeignPeer f : t.foreignPeers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("end", endpoint(f.end()));
            m.put("peerNsid", f.peerNsid().isPresent() ? (Object) (long) f.peerNsid().getAsInt() : NULL);
            m.put("peerIndex", (long) f.peerIndex());
            foreign.add(m);
        }
        root.put("foreignPeers", foreign);
        List<Object> ports = new ArrayList<>();
        for (Port p : t.ports()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("master", endpoint(p.master()));
            m.put("port", endpoint(p.port()));
            ports.add(m);
        }
        root.put("ports", ports);
        List<Object> gateways = new ArrayList<>();
        for (Gateway g : t.gateways()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("namespace", g.namespace());
            m.put("destination", Labels.prefix(g.destination()));
            m.put("gateway", IpText.format(g.gateway()));
            m.put("device", orNull(g.device()));
            m.put("table", g.table());
            m.put("owner", g.owner().isPresent() ? endpoint(g.owner().get()) : NULL);
            gateways.add(m);
        }
        root.put("gateways", gateways);
        StringBuilder sb = new StringBuilder();
        value(sb, root, 0);
        return sb.append('\n').toString();
    }

    private static Object orNull(Optional<String> s) {
        return s.isPresent() ? s.get() : NULL;
    }

    private static Map<String, Object> endpoint(Endpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", e.namespace());
        m.put("device", e.device());
        return m;
    }

    private static void value(StringBuilder sb, Object v, int level) {
        switch (v) {
            case Map<?, ?> m when m.isEmpty() -> sb.append("{}");
            case Map<?, ?> m -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sb.append(first ? "\n" : ",\n").append("  ".repeat(level + 1));
                    first = false;
                    string(sb, (String) e.getKey());
                    sb.append(": ");
                    value(sb, e.getValue(), level + 1);
                }
                sb.append('\n').append("  ".repeat(level)).append('}');
            }
            case List<?> l when l.isEmpty() -> sb.append("[]");
            case List<?> l -> {
                sb.append('[');
                boolean first = true;
                for (Object o : l) {
                    sb.append(first ? "\n" : ",\n").append("  ".repeat(level + 1));
                    first = false;
                    value(sb, o, level + 1);
                }
                sb.append('\n').append("  ".repeat(level)).append(']');
            }
            case String s -> string(sb, s);
            case Long n -> sb.append(n.longValue());
            default -> {
                if (v != NULL) {
                    throw new IllegalArgumentException("not a JSON value: " + v);
                }
                sb.append("null");
            }
        }
    }

    /** A JSON string: quote, backslash and control characters escaped. */
    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
