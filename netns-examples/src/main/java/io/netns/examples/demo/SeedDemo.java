// SPDX-License-Identifier: Apache-2.0
package io.netns.examples.demo;

import io.netns.NamespaceNotFoundException;
import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.OperState;
import io.netns.netlink.route.RouteSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The seed demo: builds, step by step, the topology of the classic {@code ip netns} tutorials,
 * printing each step as the {@code ip} command it replaces, then tears it all down and checks that
 * nothing is left.
 *
 * <pre>
 *   demo-host  198.18.1.1 ---veth--- 198.18.1.2  demo-ns1  198.18.2.1 ---veth--- 198.18.2.2  demo-ns2
 *                                                      \                              /
 *                                      198.18.3.1 eth1  \__ br0 (in demo-sw) ______/  eth1 198.18.3.2
 * </pre>
 *
 * <p>The "host" is a namespace of its own by default, so the demo never touches the machine's real
 * interfaces, routes or traffic. {@code --root-host} uses the real root namespace instead (it then
 * adds a veth, an address and a route there, all removed at the end). Only 198.18.0.0/15 and
 * fd42:6e73::/32 addresses are used. Interrupting (Ctrl-C) or a failure midway still tears down;
 * leftovers of a killed earlier run are removed first, so re-running is fine.
 */
public final class SeedDemo {
    static final String HOST = "demo-host";
    static final String NS1 = "demo-ns1";
    static final String NS2 = "demo-ns2";
    static final String SWITCH = "demo-sw";
    static final List<String> NAMES = List.of(HOST, NS1, NS2, SWITCH);
    private static final Duration UP = Duration.ofSeconds(5);

    private final PrintStream out;
    private final boolean rootHost;
    private final List<NetworkNamespace> handles = new ArrayList<>();
    private final AtomicBoolean tornDown = new AtomicBoolean();
    private NetworkNamespace host;
    private NetworkNamespace ns1;
    private NetworkNamespace ns2;
    private NetworkNamespace sw;
    private int step;

    SeedDemo(PrintStream out, boolean rootHost) {
        this.out = out;
        this.rootHost = rootHost;
    }

    /**
     * Runs the demo.
     *
     * @param args {@code --root-host} to play the host side with the real root namespace
     * @return the exit status: 0 when every step and the final check passed
     */
    public static int run(String[] args) {
        boolean rootHost = false;
        for (String a : args) {
            if (a.equals("--root-host")) {
                rootHost = true;
            } else {
                System.err.println("usage: netns demo [--root-host]");
                return 1;
            }
        }
        SeedDemo demo = new SeedDemo(System.out, rootHost);
        Thread hook = new Thread(demo::teardownQuietly, "netns-demo-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            demo.runSteps();
            return demo.teardownAndVerify() ? 0 : 2;
        } catch (Exception e) {
            System.err.println("demo failed: " + e);
            demo.teardownQuietly();
            return 2;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    // ------------------------------------------------------------------ steps

    void runSteps() throws Exception {
        removeLeftovers();
        title("Two named namespaces; a new one has only lo, and it is down");
        ns1 = create(NS1);
        ns2 = create(NS2);
        show(NS1, "link", "show");
        cmd("ip -n " + NS1 + " link set lo up");
        try (Rtnetlink r1 = Rtnetlink.open(ns1)) {
            r1.links().setUp("lo");
        }
        show(NS1, "link", "show", "lo");

        title("A veth pair between the host side and " + NS1 + ", addresses on both ends, both up");
        host = rootHost ? track(Netns.current()) : create(HOST);
        String hostFlag = rootHost ? "" : "-n " + HOST + " ";
        try (Rtnetlink h = Rtnetlink.open(host); Rtnetlink r1 = Rtnetlink.open(ns1)) {
            cmd("ip " + hostFlag + "link add veth-ns1 type veth peer name eth0 netns " + NS1);
            h.links().add(LinkSpec.veth("veth-ns1", "eth0").peerNamespace(ns1));
            cmd("ip " + hostFlag + "addr add 198.18.1.1/24 dev veth-ns1");
            h.addresses().add("veth-ns1", "198.18.1.1/24");
            cmd("ip -n " + NS1 + " addr add 198.18.1.2/24 dev eth0");
            r1.addresses().add("eth0", "198.18.1.2/24");
            cmd("ip " + hostFlag + "link set veth-ns1 up; ip -n " + NS1 + " link set eth0 up");
            h.links().setUp("veth-ns1");
            r1.links().setUp("eth0");
            // a SYN sent before the link is operationally UP is often dropped: wait for it
            Link up = r1.links().awaitOperState("eth0", OperState.UP, UP);
            h.links().awaitOperState("veth-ns1", OperState.UP, UP);
            result("eth0 in " + NS1 + " is " + up.operState());
        }
        tcp("from a thread inside " + NS1 + " to a listener on the host side", ns1, "198.18.1.1");

        title("A veth pair between " + NS1 + " and " + NS2 + ", moved into them; routes between all three");
        try (Rtnetlink h = Rtnetlink.open(host); Rtnetlink r1 = Rtnetlink.open(ns1); Rtnetlink r2 = Rtnetlink.open(ns2)) {
            cmd("ip " + hostFlag + "link add v12 type veth peer name v21");
            h.links().add(LinkSpec.veth("v12", "v21"));
            cmd("ip " + hostFlag + "link set v12 netns " + NS1 + "; ip " + hostFlag + "link set v21 netns " + NS2);
            h.links().setNamespace("v12", ns1);
            h.links().setNamespace("v21", ns2);
            cmd("ip -n " + NS1 + " addr add 198.18.2.1/24 dev v12; ip -n " + NS2 + " addr add 198.18.2.2/24 dev v21");
            r1.addresses().add("v12", "198.18.2.1/24");
            r2.addresses().add("v21", "198.18.2.2/24");
            r1.links().setUp("v12");
            r2.links().setUp("v21");
            r2.links().setUp("lo");
            cmd("ip -n " + NS2 + " route add default via 198.18.2.1");
            r2.routes().add(RouteSpec.defaultRoute().via("198.18.2.1"));
            cmd("ip " + hostFlag + "route add 198.18.2.0/24 via 198.18.1.2");
            h.routes().add(RouteSpec.to("198.18.2.0/24").via("198.18.1.2"));
            cmd("ip netns exec " + NS1 + " sysctl -w net.ipv4.ip_forward=1");
            ns1.setSysctl("net.ipv4.ip_forward", "1");
            result(NS1 + " forwards: net.ipv4.ip_forward = " + ns1.sysctl("net.ipv4.ip_forward"));
            r1.links().awaitOperState("v12", OperState.UP, UP);
            r2.links().awaitOperState("v21", OperState.UP, UP);
            cmd("ip -n " + NS2 + " route get 198.18.1.1");
            result(r2.routes().get("198.18.1.1").gateway().map(g -> "via " + g.getHostAddress()).orElse("direct")
                    + " dev " + r2.links().get(r2.routes().get("198.18.1.1").outputInterface().orElseThrow()).name());
        }
        tcp("from " + NS2 + " to the host side, routed through " + NS1, ns2, "198.18.1.1");

        title("A bridge in a third namespace joining " + NS1 + " and " + NS2);
        sw = create(SWITCH);
        try (Rtnetlink s = Rtnetlink.open(sw)) {
            cmd("ip -n " + SWITCH + " link add br0 type bridge; ip -n " + SWITCH + " link set br0 up");
            s.links().add(LinkSpec.bridge("br0").up());
            int i = 1;
            for (NetworkNamespace member : List.of(ns1, ns2)) {
                String port = "port" + i;
                String name = member.name().orElseThrow();
                cmd("ip -n " + SWITCH + " link add " + port + " type veth peer name eth1 netns " + name
                        + "; ip -n " + SWITCH + " link set " + port + " master br0 up");
                s.links().add(LinkSpec.veth(port, "eth1").peerNamespace(member).master("br0").up());
                try (Rtnetlink m = Rtnetlink.open(member)) {
                    cmd("ip -n " + name + " addr add 198.18.3." + i + "/24 dev eth1; ip -n " + name
                            + " link set eth1 up");
                    m.addresses().add("eth1", "198.18.3." + i + "/24");
                    m.links().setUp("eth1");
                    m.links().awaitOperState("eth1", OperState.UP, UP);
                }
                i++;
            }
            s.links().awaitOperState("br0", OperState.UP, UP);
            cmd("ip -n " + SWITCH + " link show master br0");
            s.links().ofMaster("br0").forEach(l -> result(l.index() + ": " + l.name() + " master br0 state " + l.operState()));
        }
        tcp("from " + NS2 + " to " + NS1 + " across the bridge", ns2, "198.18.3.1", ns1);

        title("What each namespace holds, as ip shows it");
        for (String name : drawn()) {
            show(name, "link", "show");
            show(name, "addr", "show");
            show(name, "route", "show");
        }

        title("All of it in one picture: veth pairs, bridge ports and gateways matched across namespaces");
        List<String> argv = new ArrayList<>(List.of("graph"));
        argv.addAll(drawn());
        cmd("netns " + String.join(" ", argv) + "   # -format dot|mermaid|svg|json draws it");
        cli().run(out, System.err, argv.toArray(String[]::new));
    }

    /** The namespaces the demo shows (not the machine's real one under --root-host). */
    private List<String> drawn() {
        return rootHost ? List.of(NS1, NS2, SWITCH) : List.of(HOST, NS1, NS2, SWITCH);
    }

    /** Serves one echo on {@code listener}'s namespace and connects from a thread inside {@code client}. */
    private void tcp(String what, NetworkNamespace client, String address) throws Exception {
        tcp(what, client, address, host);
    }

    private void tcp(String what, NetworkNamespace client, String address, NetworkNamespace listener)
            throws Exception {
        cmd("# TCP echo " + what);
        // the listening socket is created inside the listener's namespace and used from any thread
        try (ServerSocketChannel server = listener.openServerSocketChannel()) {
            server.bind(new InetSocketAddress(address, 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            CompletableFuture<Void> echo = CompletableFuture.runAsync(() -> {
                try (SocketChannel s = server.accept()) {
                    ByteBuffer buf = ByteBuffer.allocate(5);
                    while (buf.hasRemaining() && s.read(buf) >= 0) {
                        // read the whole greeting
                    }
                    s.write(buf.flip());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String reply = client.call(() -> {
                // this lambda runs on a platform thread that lives inside the client namespace
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(address, port), 3000);
                    s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                    return new String(s.getInputStream().readNBytes(5), StandardCharsets.US_ASCII) + " from "
                            + ((InetSocketAddress) s.getRemoteSocketAddress()).getAddress().getHostAddress() + ":" + port;
                }
            });
            echo.get();
            result("echoed \"" + reply + "\"");
        }
    }

    // ------------------------------------------------------------------ teardown

    private NetworkNamespace create(String name) {
        cmd("ip netns add " + name);
        return track(Netns.create(name));
    }

    private NetworkNamespace track(NetworkNamespace ns) {
        synchronized (handles) {
            handles.add(ns);
        }
        return ns;
    }

    /** Removes what a killed earlier run may have left: only the demo's own names. */
    private void removeLeftovers() {
        for (String name : NAMES) {
            if (Netns.exists(name) || Netns.registry().listStale().contains(name)) {
                cmd("ip netns del " + name + "   # left by an earlier run");
                Netns.delete(name);
            }
        }
        if (rootHost) {
            try (NetworkNamespace root = Netns.current(); Rtnetlink r = Rtnetlink.open(root)) {
                for (String link : List.of("veth-ns1", "v12")) {
                    if (r.links().find(link).isPresent()) {
                        r.links().del(link);
                    }
                }
            }
        }
    }

    private void teardownQuietly() {
        try {
            teardown();
        } catch (RuntimeException e) {
            System.err.println("teardown: " + e);
        }
    }

    private void teardown() {
        if (!tornDown.compareAndSet(false, true)) {
            return;
        }
        title("Teardown");
        if (rootHost && host != null) {
            try (Rtnetlink h = Rtnetlink.open(host)) {
                // deleting veth-ns1 removes its peer; the route to 198.18.2.0/24 goes with the link
                if (h.links().find("veth-ns1").isPresent()) {
                    cmd("ip link del veth-ns1");
                    h.links().del("veth-ns1");
                }
            }
        }
        synchronized (handles) {
            handles.forEach(NetworkNamespace::close);
            handles.clear();
        }
        for (String name : NAMES) {
            try {
                if (Netns.exists(name)) {
                    cmd("ip netns del " + name);
                    Netns.delete(name);
                }
            } catch (NamespaceNotFoundException gone) {
                // removed meanwhile
            }
        }
    }

    /** Tears down, then checks with the kernel's own views that nothing of the demo remains. */
    boolean teardownAndVerify() throws IOException {
        teardown();
        List<String> left = new ArrayList<>();
        for (String name : NAMES) {
            if (Files.exists(Netns.registry().directory().resolve(name))) {
                left.add("namespace file " + name);
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            for (String name : NAMES) {
                if (line.contains(Netns.registry().directory().resolve(name).toString() + " ")) {
                    left.add("mount " + name);
                }
            }
        }
        if (rootHost) {
            try (NetworkNamespace root = Netns.current(); Rtnetlink r = Rtnetlink.open(root)) {
                for (String link : List.of("veth-ns1", "v12")) {
                    if (r.links().find(link).isPresent()) {
                        left.add("link " + link + " in the root namespace");
                    }
                }
            }
        }
        cmd("ip netns list | grep demo-; grep /run/netns/demo- /proc/self/mountinfo");
        if (left.isEmpty()) {
            result("nothing left: no demo namespace, no mount" + (rootHost ? ", no link in the root namespace" : ""));
            return true;
        }
        result("LEFT BEHIND: " + left);
        return false;
    }

    // ------------------------------------------------------------------ printing

    private void title(String text) {
        out.println();
        out.println("== " + (++step) + ". " + text);
    }

    private void cmd(String ipCommand) {
        out.println("$ " + ipCommand);
    }

    private void result(String text) {
        out.println("  " + text);
    }

    /** Shows what ip would show, through the bundled iproute2-compatible CLI (netlink, no ip process). */
    private void show(String namespace, String... args) {
        List<String> argv = new ArrayList<>(List.of("-n", namespace));
        argv.addAll(List.of(args));
        cmd("ip " + String.join(" ", argv));
        cli().run(out, System.err, argv.toArray(String[]::new));
    }

    /** The CLI of netns-cli (a module exporting nothing), as the "netns" tool. */
    static ToolProvider cli() {
        return ToolProvider.findFirst("netns").orElseThrow(() -> new IllegalStateException(
                "the netns-cli module (ToolProvider \"netns\") is not on the module or class path"));
    }
}
