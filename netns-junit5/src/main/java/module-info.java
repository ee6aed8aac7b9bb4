// SPDX-License-Identifier: Apache-2.0
/**
 * A JUnit Jupiter extension for tests that need network namespaces: fresh, uniquely named
 * namespaces injected into fields and parameters ({@code ip netns add} before, {@code ip netns del}
 * after, pass or fail), test bodies run on a thread inside one, veth topologies declared by
 * annotation, leak detection, and a capability condition. Register it with
 * {@link io.netns.junit5.NetnsTest @NetnsTest}.
 *
 * <p>On the module path, open the test packages to this module so it can inject fields
 * ({@code opens my.tests to io.netns.junit5}), and grant native access to {@code io.netns}.
 */
module io.netns.junit5 {
    requires transitive io.netns;
    requires io.netns.netlink;
    requires transitive org.junit.jupiter.api;

    exports io.netns.junit5;
}
