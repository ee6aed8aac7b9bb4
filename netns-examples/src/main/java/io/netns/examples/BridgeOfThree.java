// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.OperState;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A bridge in a switch namespace with three member namespaces plugged into it, each over a veth
 * pair, on one subnet (198.18.20.1-3/24); then TCP from the third member to the first.
 *
 * <p>Replaces: {@code ip netns add} (four times); {@code ip -n sw link add br0 type bridge};
 * {@code ip -n sw link set br0 up}; for each member N:
 * {@code ip -n sw link add portN type veth peer name eth0 netns mN}; {@code ip -n sw link set portN master br0 up};
 * {@code ip -n mN addr add 198.18.20.N/24 dev eth0}; {@code ip -n mN link set eth0 up};
 * {@code ip -n sw link show master br0}; {@code ip netns del ...}.
 */
public final class BridgeOfThree {
    private static final Duration UP = Duration.ofSeconds(5);

    private BridgeOfThree() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** @return the bridge's ports, as {@code ip link show master br0} lists them */
    public static List<Link> run(PrintStream out) throws Exception {
        long pid = ProcessHandle.current().pid();
        String swName = "ex-br-sw-" + pid;
        List<String> names = new ArrayList<>();
        List<NetworkNamespace> members = new ArrayList<>();
        try (NetworkNamespace sw = Netns.create(swName); Rtnetlink rs = Rtnetlink.open(sw)) {
            rs.links().add(LinkSpec.bridge("br0").up());                                 // ip link add br0 type bridge; ... up
            for (int i = 1; i <= 3; i++) {
                String name = "ex-br-m" + i + "-" + pid;
                names.add(name);
                NetworkNamespace member = Netns.create(name);
                members.add(member);
                rs.links().add(LinkSpec.veth("port" + i, "eth0").peerNamespace(member).master("br0").up());
                try (Rtnetlink rm = Rtnetlink.open(member)) {
                    rm.addresses().add("eth0", "198.18.20." + i + "/24");
                    rm.links().setUp("eth0");
                    rm.links().awaitOperState("eth0", OperState.UP, UP);
                }
            }
            rs.links().awaitOperState("br0", OperState.UP, UP);
            List<Link> ports = rs.links().ofMaster("br0");                               // ip link show master br0
            ports.forEach(p -> out.println(p.index() + ": " + p.name() + " master br0 state " + p.operState()));

            try (ServerSocketChannel server = members.get(0).openServerSocketChannel()) {
                server.bind(new InetSocketAddress("198.18.20.1", 0));
                int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
                Thread echo = Thread.ofVirtual().start(() -> {
                    try (SocketChannel c = server.accept()) {
                        c.write(java.nio.ByteBuffer.wrap(("hello " + c.getRemoteAddress()).getBytes(StandardCharsets.UTF_8)));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                String reply = members.get(2).call(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("198.18.20.1", port), 3000);
                        return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    }
                });
                echo.join();
                out.println(names.get(2) + " -> " + names.get(0) + ": " + reply);
            }
            return ports;
        } finally {
            members.forEach(NetworkNamespace::close);
            for (String name : names) {
                Netns.delete(name);
            }
            Netns.delete(swName);
        }
    }
}
