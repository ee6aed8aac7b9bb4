// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import io.netns.NetworkNamespace;
import io.netns.netlink.topology.Topology;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The picture of a failed test's namespaces, attached to its report. */
final class FailureTopology {
    private FailureTopology() {
    }

    /**
     * Publishes the snapshot of {@code namespaces} (those still open) as the report entries
     * {@link NetnsExtension#TOPOLOGY_ENTRY} and {@link NetnsExtension#TOPOLOGY_DOT_ENTRY}; nothing
     * when there is none. A snapshot that fails is reported in the text entry instead: it must not
     * hide the test's own failure.
     */
    static void publish(ExtensionContext context, List<NetworkNamespace> namespaces) {
        List<NetworkNamespace> open = namespaces.stream().filter(ns -> !ns.isClosed()).toList();
        if (open.isEmpty()) {
            return;
        }
        Map<String, String> entry = new LinkedHashMap<>();
        try {
            Topology t = Topology.snapshot(open);
            entry.put(NetnsExtension.TOPOLOGY_ENTRY, t.toString());
            entry.put(NetnsExtension.TOPOLOGY_DOT_ENTRY, t.toDot());
        } catch (RuntimeException e) {
            entry.put(NetnsExtension.TOPOLOGY_ENTRY, "no snapshot of the test's namespaces: " + e);
        }
        context.publishReportEntry(entry);
    }
}
