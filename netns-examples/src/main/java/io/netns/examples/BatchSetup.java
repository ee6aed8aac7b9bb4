// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.netlink.Batch;
import io.netns.netlink.BatchResult;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.address.AddressSpec;
import io.netns.netlink.link.LinkSpec;

import java.io.PrintStream;

/**
 * Bulk work: many veth pairs and their addresses queued on one {@link Batch} (pipelined, a few
 * round trips instead of one per request), then removed with one request for their whole group.
 *
 * <p>Replaces: {@code ip -n ex-batch-PID -batch FILE} where FILE holds
 * {@code link add aN group 7 type veth peer name bN} and {@code addr add 198.18.4.X/32 dev aN} lines;
 * then {@code ip -n ex-batch-PID link del group 7}.
 */
public final class BatchSetup {
    private BatchSetup() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** @return how many links the namespace held: after the batch, and after the group delete */
    public static int[] run(PrintStream out) {
        String name = "ex-batch-" + ProcessHandle.current().pid();
        try (NetworkNamespace ns = Netns.create(name); Rtnetlink rt = Rtnetlink.open(ns)) {
            // docs:begin cookbook.md
            Batch b = rt.batch();
            for (int i = 0; i < 100; i++) {
                b.links().add(LinkSpec.veth("a" + i, "b" + i).group(7));
                b.addresses().add(AddressSpec.of("198.18.4." + (i + 1) + "/32", "a" + i));
            }
            b.execute().throwIfFailed();   // a few round trips instead of 200
            int afterBatch = rt.links().list().size();
            rt.links().delGroup(7);        // one request, one RCU grace period, instead of 100 x ~20 ms
            // docs:end
            int afterDelete = rt.links().list().size();
            // docs:begin netlink.md
            BatchResult r = rt.batch(q -> {
                for (int i = 0; i < 10; i++) {
                    q.links().add(LinkSpec.veth("c" + i, "d" + i).index(1000 + 2 * i).peerIndex(1001 + 2 * i));
                    q.addresses().add(AddressSpec.of(IpPrefix.parse("198.18.5." + (i + 1) + "/32"), 1000 + 2 * i));
                }
            });
            r.throwIfFailed();             // or r.failures(), r.failure(i)
            // docs:end
            out.println("after the batch: " + afterBatch + " links; after del group 7: " + afterDelete
                    + "; a second batch by index: " + r.size() + " requests, ok " + r.ok());
            return new int[] {afterBatch, afterDelete, rt.links().list().size()};
        } finally {
            Netns.delete(name);
        }
    }
}
