// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.internal.sys.FaultInjection;
import io.netns.netlink.link.LinkSpec;

/**
 * Run by {@link BatchCrashTest}: runs a batch of veth pairs, each with an address, tagged with a
 * link group, and stops dead once at least {@code stopAfter} requests have their outcome.
 */
public final class BatchCrashMain {
    public static void main(String[] args) {
        String name = args[0];
        int group = Integer.parseInt(args[1]);
        int pairs = Integer.parseInt(args[2]);
        int stopAfter = Integer.parseInt(args[3]);
        FaultInjection.checkpoint = point -> {
            if (point.startsWith("batch:acked ") && Integer.parseInt(point.substring(12)) >= stopAfter) {
                System.out.println("AT " + point.substring(12));
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE); // until SIGKILL
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (NetworkNamespace ns = Netns.open(name); Rtnetlink rt = Rtnetlink.open(ns)) {
            Batch b = rt.batch().linkGroup(group);
            for (int i = 0; i < pairs; i++) {
                b.links().add(LinkSpec.veth("c" + i, "d" + i));
                b.addresses().add("c" + i, "198.18." + (i >> 8) + "." + (i & 0xff) + "/32");
            }
            System.out.println("DONE " + b.execute());
        }
    }
}
