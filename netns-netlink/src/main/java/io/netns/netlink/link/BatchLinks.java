// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link;

import io.netns.netlink.internal.Sink;
import io.netns.netlink.link.kind.Tun;

/** A batch's view of the link changes: the same requests as {@link Links}, queued. */
final class BatchLinks extends LinkRequests {
    BatchLinks(Sink sink) {
        super(sink);
    }

    @Override
    void addTun(Tun.Spec spec) {
        throw new IllegalArgumentException("tun/tap devices are created through /dev/net/tun, not in a batch");
    }
}
