// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.route.Route;
import io.netns.netlink.route.RouteSpec;
import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.netlink.link.LinkSpec;
import java.util.stream.Stream;

/**
 * Run by {@link SmallHeapDumpTest} in a JVM with a 64 MiB heap: fills a namespace with routes
 * through batches, then counts them with a streamed dump. Prints COUNT=n and the heap figures.
 */
public final class SmallHeapDumpMain {
    public static void main(String[] args) {
        String name = args[0];
        int routes = Integer.parseInt(args[1]);
        try (NetworkNamespace ns = Netns.open(name); Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.veth("va", "vb").up());
            rt.links().setUp("vb");
            rt.addresses().add("va", "198.18.0.1/24");
            for (int base = 0; base < routes; base += 10_000) {
                Batch b = rt.batch(); // in slices, so the specs are not all in memory at once either
                for (int i = base; i < Math.min(routes, base + 10_000); i++) {
                    b.routes().add(RouteSpec.to("198.19." + (i >> 8 & 0xff) + "." + (i & 0xff) + "/32")
                            .table(1000 + (i >> 16)).via("198.18.0.2"));
                }
                b.execute().throwIfFailed();
            }
            long count;
            try (Stream<Route> s = rt.routes().stream(Family.INET, 0)) {
                count = s.filter(r -> r.table() >= 1000).count();
            }
            Runtime rtm = Runtime.getRuntime();
            System.out.println("COUNT=" + count);
            System.out.println("MAXHEAP_MB=" + rtm.maxMemory() / (1 << 20));
        }
    }
}
