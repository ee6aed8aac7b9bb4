package io.netns.examples;

import io.netns.netlink.*;
import io.netns.netlink.link.*;
import io.netns.netlink.link.kind.*;
import io.netns.netlink.address.*;
import io.netns.netlink.route.*;
import io.netns.netlink.neighbour.*;
import io.netns.netlink.rule.*;
import io.netns.netlink.nsid.*;
import io.netns.netlink.event.*;
import io.netns.Netns;
import io.netns.NetworkNamespace;

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
 */
public final class WatchEventsExample {
    private WatchEventsExample() {
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
            try (NetworkNamespace ns = Netns.create(name);
                 NetlinkMonitor links = NetlinkMonitor.open(ns, NetlinkMonitor.Group.LINK);
                 Rtnetlink rt = Rtnetlink.open(ns)) {
                rt.links().add(LinkSpec.veth("va", "vb"));
                rt.links().setUp("va");
                rt.links().del("va");
                Optional<NetlinkEvent> e;
                while ((e = links.poll(Duration.ofMillis(200))).isPresent()) {
                    if (e.get() instanceof NetlinkEvent.LinkEvent l) {
                        seen.add("link " + l.action() + " " + l.link().name() + " " + l.link().operState());
                    }
                }
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
