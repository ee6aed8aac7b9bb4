// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5.docs;

import io.netns.NetworkNamespace;
import io.netns.junit5.NetnsTest;
import io.netns.junit5.TempNetns;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.link.Link;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The first example of docs/junit5.md: run directly by surefire, as a user's test would be. */
// docs:begin
@NetnsTest
class TempNamespaceTest {
    @TempNetns NetworkNamespace ns;                       // a fresh namespace for each test

    @Test
    void startsWithOnlyLoopback() {
        try (Rtnetlink rt = Rtnetlink.open(ns)) {         // ip -n NAME link show
            assertEquals(List.of("lo"), rt.links().stream().map(Link::name).toList());
        }
    }

    @Test
    void twoMore(@TempNetns NetworkNamespace a, @TempNetns NetworkNamespace b) {
        assertNotEquals(a.inode(), b.inode());            // three namespaces in this test
        assertNotEquals(ns.inode(), a.inode());
    }
}
// docs:end
