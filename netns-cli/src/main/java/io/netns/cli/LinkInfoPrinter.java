// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.cli.Printer.Mode;
import io.netns.cli.link.kind.LinkKindCli;
import io.netns.cli.link.kind.LinkKinds;

import static io.netns.netlink.wire.IflaInfo.IFLA_INFO_DATA;
import static io.netns.netlink.wire.IflaInfo.IFLA_INFO_KIND;
import static io.netns.netlink.wire.IflaInfo.IFLA_INFO_SLAVE_DATA;
import static io.netns.netlink.wire.IflaInfo.IFLA_INFO_SLAVE_KIND;

/**
 * The {@code linkinfo} object of {@code ip -d link} (iplink's print_linktype): the kind, then its
 * IFLA_INFO_DATA through the kind's own printer; the same for a port's slave kind. Kinds with no
 * printer (veth, ifb, kinds the CLI does not know) get {@code info_kind} only.
 */
final class LinkInfoPrinter {
    private final Session s;
    private final Printer p;

    LinkInfoPrinter(Session s, Printer p) {
        this.s = s;
        this.p = p;
    }

    /** @param info the attributes nested in IFLA_LINKINFO */
    void print(AttrIndex info) {
        p.openObject("linkinfo");
        if (info.has(IFLA_INFO_KIND)) {
            String kind = info.str(IFLA_INFO_KIND);
            p.nl();
            p.str(Mode.ANY, "info_kind", "    %s ", kind);
            data("info_data", kind, info.nested(IFLA_INFO_DATA));
        }
        if (info.has(IFLA_INFO_SLAVE_KIND)) {
            String kind = info.str(IFLA_INFO_SLAVE_KIND);
            p.nl();
            p.str(Mode.ANY, "info_slave_kind", "    %s_slave ", kind);
            data("info_slave_data", kind + "_slave", info.nested(IFLA_INFO_SLAVE_DATA));
        }
        p.closeObject();
    }

    private void data(String key, String kind, AttrIndex data) {
        LinkKindCli k = LinkKinds.byId(kind).orElse(null);
        if (k != null && k.printsData()) {
            p.openObject(key);
            k.print(data, p, s);
            p.closeObject();
        }
    }
}
