// SPDX-License-Identifier: Apache-2.0
package io.netns.cli.link.kind;

import java.util.List;
import java.util.Optional;

/** The kinds the CLI knows, looked up by IFLA_INFO_KIND (iproute2's get_link_kind). */
public final class LinkKinds {
    private static final List<LinkKindCli> KINDS = List.of(new VethKind(), new BridgeKind(), new BridgeSlaveKind(),
            new SimpleKind("dummy"), new SimpleKind("ifb"), new MacvlanKind("macvlan"), new MacvlanKind("macvtap"),
            new VlanKind(), new VxlanKind(), new TunKind("tun"), new TunKind("tap"));

    private LinkKinds() {
    }

    /** {@return the kind called {@code id} ({@code vxlan}, {@code bridge_slave}), if the CLI knows it} */
    public static Optional<LinkKindCli> byId(String id) {
        for (LinkKindCli k : KINDS) {
            if (k.id().equals(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
