// SPDX-License-Identifier: Apache-2.0
/**
 * Netty channels and event loops in Linux network namespaces: a {@code ChannelFactory} that
 * creates every channel's socket inside a chosen namespace, and thread factories and event loop
 * groups whose threads are inside the namespace you choose, never the one that happened to give
 * them their first task.
 *
 * <p>Netty 4.2 ships real modules (in {@code META-INF/versions/11}), required here by name. The
 * native epoll library lives in a module of its own that nothing requires (its name depends on
 * the platform, e.g. {@code io.netty.transport.epoll.linux.x86_64}): on the module path add it
 * with {@code --add-modules}, or {@code Epoll.isAvailable()} is false. See {@code docs/netty.md}.
 */
module io.netns.netty {
    requires transitive io.netns;
    requires transitive io.netty.common;
    requires transitive io.netty.transport;
    requires transitive io.netty.transport.classes.epoll;

    exports io.netns.netty;
}
