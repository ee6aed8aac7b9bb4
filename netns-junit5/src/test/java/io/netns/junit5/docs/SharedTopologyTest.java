// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5.docs;

import io.netns.NetworkNamespace;
import io.netns.junit5.NetnsTest;
import io.netns.junit5.RunInside;
import io.netns.junit5.TempNetns;
import io.netns.junit5.VethPair;
import io.netns.netlink.Rtnetlink;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The class-level topology example of docs/junit5.md. */
// docs:begin
@NetnsTest
@VethPair(left = "a", right = "b", leftAddress = {"198.18.7.1/24", "fd42:6e73:7::1/64"},
          rightAddress = {"198.18.7.2/24", "fd42:6e73:7::2/64"})
@VethPair(left = "b", right = "c", leftAddress = "198.18.8.1/24", rightAddress = "198.18.8.2/24")
class SharedTopologyTest {                                // a - b - c, built once for the class
    @TempNetns("b") static NetworkNamespace router;

    @Test
    void bHasBothLinks() {
        try (Rtnetlink rt = Rtnetlink.open(router)) {     // ip -n B link show veth-a
            assertEquals("veth-a", rt.links().get("veth-a").name());
            assertEquals("veth-c", rt.links().get("veth-c").name());
        }
    }

    @Test
    @RunInside("a")
    void aHasAnOnLinkRouteToB() throws Exception {
        String routes = Files.readString(Path.of("/proc/thread-self/net/route"));   // ip -n A route
        assertTrue(routes.contains("veth-b"), routes);
    }
}
// docs:end
