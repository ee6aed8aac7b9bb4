// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5.docs;

import io.netns.NetworkNamespace;
import io.netns.junit5.NetnsTest;
import io.netns.junit5.RunInside;
import io.netns.junit5.TempNetns;
import io.netns.netlink.Rtnetlink;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The @RunInside example of docs/junit5.md. */
// docs:begin
@NetnsTest
class RunInsideExampleTest {

    @Test
    @RunInside("server")
    void bodyRunsInside(@TempNetns NetworkNamespace server) throws Exception {
        long inode = (Long) Files.getAttribute(Path.of("/proc/thread-self/ns/net"), "unix:ino");
        assertEquals(server.inode(), inode);              // this thread is inside "server"

        try (Rtnetlink rt = Rtnetlink.open(server)) {
            rt.links().setUp("lo");                           // ip -n NAME link set lo up
        }
        // plain java.net sockets now live in "server": its own loopback, its own ports
        try (ServerSocket listener = new ServerSocket(8080, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080));
            try (Socket accepted = listener.accept()) {
                assertEquals(client.getLocalPort(), accepted.getPort());
            }
        }
    }
}
// docs:end
