// SPDX-License-Identifier: Apache-2.0
package io.netns.cli.link.kind;

import io.netns.cli.Args;
import io.netns.cli.CliException;
import io.netns.cli.LinkArgs;
import io.netns.cli.Session;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.kind.Vlan;
import io.netns.netlink.link.kind.VlanProtocol;

import java.util.Locale;

/** {@code type vlan id ID [protocol 802.1Q|802.1ad]} (iplink_vlan.c); this kernel has no 8021q, so no printer. */
final class VlanKind implements LinkKindCli {
    @Override
    public String id() {
        return "vlan";
    }

    @Override
    public LinkSpec<?> parse(String name, LinkArgs link, Args a, Session s) {
        long vlanId = -1;
        VlanProtocol protocol = null;
        while (a.has()) {
            String w = a.peek();
            if (w.equals("id")) {
                vlanId = Args.u32(a.nextArg(), "id is invalid");
            } else if (w.equals("protocol")) {
                String v = a.nextArg();
                protocol = switch (v.toLowerCase(Locale.ROOT)) {
                    case "802.1q" -> VlanProtocol.IEEE_802_1Q;
                    case "802.1ad" -> VlanProtocol.IEEE_802_1AD;
                    default -> throw CliException.invarg("protocol is invalid", v);
                };
            } else if (w.equals("link")) {
                // accepted here as well as before the name (ip wants it before "type")
                link.link = a.nextArg();
            } else {
                throw new CliException(CliException.USAGE, "vlan: unknown command \"" + w + "\"?");
            }
            a.take();
        }
        if (vlanId < 0) {
            throw new CliException(CliException.USAGE, "8021q: VLAN id is not specified");
        }
        Vlan.Spec spec = LinkSpec.vlan(name, link.requireLowerDevice(), (int) vlanId);
        return protocol != null ? spec.protocol(protocol) : spec;
    }
}
