// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.Netns;
import io.netns.NetworkNamespace;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Hand work to threads inside a namespace through the {@code java.util.concurrent} types: the
 * handle's own pinned executor, a thread factory whose threads enter when they start (for pools and
 * event loops that own their threads), and a {@link CompletableFuture} chain whose stages run
 * outside and inside. The executor snippets of docs/guide.md and docs/thread-model.md.
 *
 * <p>Replaces: {@code ip netns add NAME}; {@code ip netns exec NAME} for a pool of worker threads;
 * {@code ip netns del NAME}.
 */
public final class ExecutorInside {
    private ExecutorInside() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** @return the result of the chain: 43, computed by a pinned thread */
    public static long run(PrintStream out) throws Exception {
        String name = "blue-" + ProcessHandle.current().pid();
        Netns.create(name).close();                                      // ip netns add blue-PID
        try {
            // docs:begin guide.md
            try (NetworkNamespace ns = Netns.open(name);
                 ExecutorService pool = Executors.newFixedThreadPool(4, ns.threadFactory("blue-worker-"))) {
                CompletableFuture<String> f = CompletableFuture.supplyAsync(
                        () -> Thread.currentThread().getName(), ns.executor());     // "netns-blue-PID-N"
                pool.submit(() -> out.println("inside on " + Thread.currentThread().getName())).get();   // blue-worker-1
                out.println("supplied by " + f.get());
            }   // the pool is closed (its threads end) before the handle
            // docs:end
            try (NetworkNamespace ns = Netns.open(name)) {
                // docs:begin thread-model.md
                CompletableFuture<Long> f = CompletableFuture
                        .supplyAsync(() -> ns.call(() -> 42L))                    // common pool thread, outside
                        .thenApplyAsync(x -> x + 1, ns.executor());               // a pinned thread, inside
                // docs:end
                long result = f.get();
                out.println("chain: " + result);
                return result;
            }
        } finally {
            Netns.delete(name);                                          // ip netns del blue-PID
        }
    }
}
