// SPDX-License-Identifier: Apache-2.0
package io.netns.cli.link.kind;

import io.netns.cli.Args;
import io.netns.cli.CliException;
import io.netns.cli.LinkArgs;
import io.netns.cli.LinkCmd;
import io.netns.cli.Session;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.kind.Veth;

/** {@code type veth [peer [name] NAME [mtu N] [address MAC] [netns NS]]} (iplink's link_veth.c). */
final class VethKind implements LinkKindCli {
    @Override
    public String id() {
        return "veth";
    }

    @Override
    public LinkSpec<?> parse(String name, LinkArgs link, Args a, Session s) {
        LinkArgs peer = null;
        if (a.has()) {
            String w = a.take();
            if (!w.equals("peer")) {
                throw new CliException(CliException.USAGE, "veth: unknown option \"" + w + "\"?");
            }
            peer = link.parsePeer(a, s);
            if (peer.type != null) {
                throw CliException.duparg2("type", peer.type);
            }
        }
        String peerName = peer != null ? (peer.name != null ? peer.name : peer.dev) : null;
        if (peerName == null) {
            // ip lets the kernel pick vethN; the library needs a name
            throw new CliException(CliException.USAGE, "netns: veth needs \"peer name NAME\"");
        }
        LinkCmd.checkName(peerName);
        Veth.Spec spec = LinkSpec.veth(name, peerName);
        if (peer.netns != null) {
            spec = spec.peerNamespace(peer.netns);
        }
        if (peer.mtu >= 0) {
            spec = spec.peerMtu((int) peer.mtu);
        }
        if (peer.address != null) {
            spec = spec.peerAddress(peer.address);
        }
        return link.withLowerDevice(spec, s);
    }
}
