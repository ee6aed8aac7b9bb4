// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5.docs;

import io.netns.NetworkNamespace;
import io.netns.junit5.NetnsTest;
import io.netns.junit5.TempNetns;
import io.netns.junit5.VethPair;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The topology example of docs/junit5.md. */
// docs:begin
@NetnsTest
class EchoOverVethTest {

    @Test
    @VethPair(left = "client", right = "server",
              leftAddress = "198.18.0.1/24", rightAddress = "198.18.0.2/24")
    void echoes(@TempNetns("client") NetworkNamespace client,
                @TempNetns("server") NetworkNamespace server) throws Exception {
        try (ServerSocketChannel listener = server.openServerSocketChannel()) {   // a socket in "server"
            listener.bind(new InetSocketAddress("198.18.0.2", 7007));
            try (SocketChannel c = client.openSocketChannel()) {                  // a socket in "client"
                c.connect(new InetSocketAddress("198.18.0.2", 7007));             // over the veth pair
                try (SocketChannel s = listener.accept()) {
                    c.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));
                    ByteBuffer got = ByteBuffer.allocate(5);
                    while (got.hasRemaining() && s.read(got) >= 0) {
                        // read all five bytes
                    }
                    assertEquals("hello", new String(got.array(), StandardCharsets.US_ASCII));
                    assertEquals("198.18.0.1", ((InetSocketAddress) s.getRemoteAddress()).getHostString());
                }
            }
        }
    }
}
// docs:end
