// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.event.NetlinkEvent;
import io.netns.netlink.event.NetlinkMonitor;
import io.netns.netlink.link.LinkSpec;

import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Watch namespaces come and go (the run directory, like {@code ip netns monitor}) and links change
 * inside one ({@code ip -n NAME monitor link}).
 *
 * <p>Replaces: {@code ip netns monitor}; {@code ip -n NAME monitor link}.
 */
public final class WatchEvents {
    private WatchEvents() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** @return the events seen, as printed */
    public static List<String> run(PrintStream out) throws Exception {
        List<String> seen = new ArrayList<>();
        String name = "ex-watch-" + ProcessHandle.current().pid();
        var dir = Netns.registry().directory();
        Files.createDirectories(dir);
        try (WatchService ws = FileSystems.getDefault().newWatchService()) {
            dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
            try (NetworkNamespace ns = Netns.create(name); Rtnetlink rt = Rtnetlink.open(ns)) {
                // docs:begin cookbook.md
                try (NetlinkMonitor m = NetlinkMonitor.open(ns, NetlinkMonitor.Group.LINK, NetlinkMonitor.Group.IPV4_ADDRESS)) {
                    rt.links().add(LinkSpec.veth("va", "vb"));                  // ip link add va type veth peer name vb
                    rt.links().setUp("va");                                     // ip link set va up
                    rt.links().del("va");                                       // ip link del va
                    Optional<NetlinkEvent> e;
                    while ((e = m.poll(Duration.ofMillis(200))).isPresent()) {  // m.take() waits without a limit
                        if (e.get() instanceof NetlinkEvent.LinkEvent l) {      // AddressEvent, RouteEvent, ..., Overrun: resync
                            seen.add("link " + l.action() + " " + l.link().name() + " " + l.link().operState());
                        }
                    }
                }
                // docs:end
            } finally {
                Netns.delete(name);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < deadline && seen.stream().noneMatch(s -> s.startsWith("netns DELETE"))) {
                WatchKey key = ws.poll(100, TimeUnit.MILLISECONDS);
                if (key == null) {
                    continue;
                }
                key.pollEvents().stream()
                        .filter(ev -> ev.context().toString().equals(name))
                        .forEach(ev -> seen.add("netns " + ev.kind().name().replace("ENTRY_", "") + " " + name));
                key.reset();
            }
        }
        seen.forEach(out::println);
        return seen;
    }
}
