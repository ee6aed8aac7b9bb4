// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.NetworkNamespace;
import io.netns.netlink.link.Link;
import io.netns.netlink.link.LinkSpec;
import io.netns.testing.Leaks;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Streamed dumps never hold the handle: a stream that is dropped half-read, on a thread that then
 * ends, blocks no other request and not {@code close()}; its socket goes with the handle, or with
 * the stream once it has been collected.
 */
@PrivilegedTest
class StreamTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    /** Runs {@code body} on a daemon thread; returns whether it ended within 5 s (else it is stuck). */
    private static boolean endsInTime(Runnable body, AtomicReference<Throwable> failure) throws InterruptedException {
        Thread t = Thread.ofPlatform().daemon().start(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.join(5000);
        return !t.isAlive();
    }

    private static void fill(Rtnetlink rt, int pairs) {
        rt.batch(b -> {
            for (int i = 0; i < pairs; i++) {
                b.links().add(LinkSpec.veth("s" + i, "t" + i).group(9));
            }
        }).throwIfFailed();
    }

    @Test
    void aStreamAbandonedOnAThreadThatEndedBlocksNoOtherRequestAndNotClose() throws Exception {
        NetworkNamespace ns = temp.create("abandon");
        Rtnetlink rt = Rtnetlink.open(ns);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            fill(rt, 300); // a dump of several datagrams: most of it is still unread
            AtomicReference<Optional<Link>> first = new AtomicReference<>();
            assertThat(endsInTime(() -> first.set(rt.links().stream().findFirst()), failure)).isTrue();
            assertThat(first.get()).isPresent();
            AtomicReference<List<Link>> listed = new AtomicReference<>();
            assertThat(endsInTime(() -> listed.set(rt.links().list()), failure)).as("links() from another thread")
                    .isTrue();
            assertThat(listed.get()).hasSize(601);
            assertThat(endsInTime(() -> rt.links().delGroup(9), failure)).isTrue();
            assertThat(endsInTime(rt::close, failure)).as("close()").isTrue();
            assertThat(failure.get()).isNull();
        } finally {
            endsInTime(rt::close, failure); // where a stream held the handle, this thread stays stuck
        }
    }

    @Test
    void aStreamIsNotTiedToItsThreadOrToTheHandlesOtherRequests() throws Exception {
        NetworkNamespace ns = temp.create("own");
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            fill(rt, 300);
            try (Stream<Link> links = rt.links().stream()) {
                Iterator<Link> it = links.iterator();
                assertThat(it.next()).isNotNull();
                // the same thread may go on with other requests while the dump is open (a new link
                // would make the kernel flag the dump interrupted; an address does not)
                rt.addresses().add("s0", "198.18.0.1/32");
                assertThat(rt.links().list()).hasSize(601);
                // and another thread may finish the stream
                AtomicReference<Throwable> failure = new AtomicReference<>();
                int[] rest = {0};
                Thread t = Thread.ofPlatform().start(() -> {
                    try {
                        while (it.hasNext()) {
                            it.next();
                            rest[0]++;
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
                t.join(5000);
                assertThat(failure.get()).isNull();
                assertThat(rest[0]).isEqualTo(600);
            }
            rt.links().delGroup(9);
            assertThat(rt.links().list()).hasSize(1);
        }
    }

    @Test
    void closingTheHandleEndsItsStreamsAndTheirSockets() throws Exception {
        NetworkNamespace ns = temp.create("closing");
        Leaks.Snapshot before = Leaks.snapshot();
        Rtnetlink rt = Rtnetlink.open(ns);
        fill(rt, 300);
        Stream<Link> open = rt.links().stream();
        Iterator<Link> it = open.iterator();
        it.next();
        for (int i = 0; i < 5; i++) {
            assertThat(rt.links().stream().findFirst()).isPresent(); // abandoned, never closed
        }
        rt.links().delGroup(9);
        rt.close();
        assertThatThrownBy(it::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        open.close();
        assertThat(Leaks.leaksAfterSettling(before, true)).isEmpty();
    }

    @Test
    void theSocketOfAnAbandonedStreamIsReclaimedOnceTheStreamIsCollected() throws Exception {
        NetworkNamespace ns = temp.create("reclaim");
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            fill(rt, 300);
            rt.links().list();
            Leaks.Snapshot before = Leaks.snapshot();
            for (int i = 0; i < 20; i++) {
                assertThat(rt.links().stream().findFirst()).isPresent();
            }
            int left = Integer.MAX_VALUE;
            for (int i = 0; i < 100 && left > before.socketFds(); i++) {
                System.gc();
                Thread.sleep(20);
                try (Stream<Link> s = rt.links().stream()) { // reclaims what was collected meanwhile
                    s.findFirst();
                }
                left = Leaks.snapshot().socketFds();
            }
            assertThat(left).isEqualTo(before.socketFds());
            rt.links().delGroup(9);
        }
    }
}
