// SPDX-License-Identifier: Apache-2.0
package io.netns.netty;

import io.netty.channel.DefaultChannelId;
import io.netty.util.NetUtil;

import java.util.Objects;

/**
 * Values Netty computes once per JVM, on the thread that first needs them, from that thread's
 * namespace: the machine id in channel ids (from the network interfaces it sees) and the default
 * listen backlog ({@code net.core.somaxconn}, a per-namespace sysctl). The factories of this
 * package have them computed on the thread that creates the factory or group, rather than during
 * the first channel's construction on a pinned thread inside some namespace (a fresh namespace
 * has no hardware address, and Netty then logs a warning).
 */
final class JvmWideValues {
    static {
        DefaultChannelId.newInstance();
        Objects.requireNonNull(NetUtil.LOCALHOST, "NetUtil.LOCALHOST"); // initialises NetUtil.SOMAXCONN too
    }

    private JvmWideValues() {
    }

    /** Runs the static initialiser once, on the calling thread. */
    static void initialise() {
        // the static initialiser did the work
    }
}
