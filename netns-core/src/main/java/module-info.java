// SPDX-License-Identifier: Apache-2.0
/**
 * Linux network namespaces from Java: create, open, enter and name them as {@code ip netns}
 * does, run code and processes inside, and open JDK sockets that belong to them.
 *
 * <p>This is the only module of netns that calls native code (through the FFM API): grant it
 * with {@code --enable-native-access=io.netns}. Its internal syscall layer is exported only to
 * the netns modules that build on it.
 */
module io.netns {
    exports io.netns;
    exports io.netns.internal.sys to io.netns.netlink;
}
