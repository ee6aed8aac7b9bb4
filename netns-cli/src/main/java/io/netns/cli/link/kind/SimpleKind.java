// SPDX-License-Identifier: Apache-2.0
package io.netns.cli.link.kind;

import io.netns.cli.Args;
import io.netns.cli.LinkArgs;
import io.netns.cli.Session;
import io.netns.netlink.link.LinkSpec;

/** {@code type dummy} and {@code type ifb}: no options, and ip prints no data for them. */
final class SimpleKind implements LinkKindCli {
    private final String id;

    SimpleKind(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public LinkSpec<?> parse(String name, LinkArgs link, Args a, Session s) {
        LinkKindCli.noOptions(id, a);
        LinkSpec<?> spec = id.equals("dummy") ? LinkSpec.dummy(name) : LinkSpec.ifb(name);
        return link.withLowerDevice(spec, s);
    }
}
