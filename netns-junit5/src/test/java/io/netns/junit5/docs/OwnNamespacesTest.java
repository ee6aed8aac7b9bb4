// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5.docs;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.junit5.NetnsExtension;
import io.netns.junit5.NetnsTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The leak-check example of docs/junit5.md. */
// docs:begin
@NetnsTest
class OwnNamespacesTest {

    @Test
    void createsAndDeletesItsOwn() {
        String name = NetnsExtension.namePrefix() + "mine";   // checked for leaks after the test
        try (NetworkNamespace mine = Netns.create(name)) {     // ip netns add junit-PID-mine
            assertTrue(Netns.exists(name));
        } finally {
            Netns.delete(name);                                // ip netns del junit-PID-mine
        }
    }
}
// docs:end
