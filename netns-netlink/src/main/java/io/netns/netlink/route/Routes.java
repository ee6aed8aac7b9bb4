// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.route;

import io.netns.Errno;
import io.netns.netlink.internal.Request;
import io.netns.netlink.Family;
import io.netns.netlink.NetlinkException;
import io.netns.netlink.internal.Exchange;
import io.netns.netlink.internal.Families;
import io.netns.netlink.internal.IpText;
import io.netns.netlink.wire.MessageWriter;
import io.netns.netlink.wire.Rta;
import io.netns.netlink.wire.Rtm;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import java.util.stream.Stream;

/**
 * The routes of one namespace, like {@code ip route}: {@code rt.routes()}. Changes run at once
 * (see {@link RouteChanges}); reads dump them from the kernel each time.
 *
 * <pre>{@code
 * rt.routes().add(RouteSpec.to("198.18.9.0/24").via("198.18.0.2"));  // ip route add 198.18.9.0/24 via 198.18.0.2
 * Route r = rt.routes().get("198.18.9.1");                           // ip route get 198.18.9.1
 * }</pre>
 *
 * <p>A table is created by the first route put in it: before that, {@link #list()} is empty (as
 * {@code ip route show} prints nothing) and {@link #list(Family, long)} of that table fails with
 * ENOENT, as {@code ip route show table N} does.
 */
public final class Routes extends RouteRequests {
    /** RT_TABLE_MAIN. */
    private static final long MAIN = 254;


    static {
        Families.register(Routes.class, sink -> new Routes(sink.exchange()));
        Families.register(RouteChanges.class, RouteRequests::new);
    }

    private final Exchange ex;

    private Routes(Exchange ex) {
        super(ex);
        this.ex = ex;
    }

    /**
     * {@return the IPv4 routes of the main table: {@code ip route show}}; empty in a fresh namespace,
     * whose main table does not exist until a route goes into it (as ip prints nothing there)
     */
    public List<Route> list() {
        return list(Family.INET, MAIN);
    }

    /**
     * The routes of one family and table: {@code ip [-6] route show table N}.
     *
     * @param family {@link Family#INET}, {@link Family#INET6} or {@link Family#UNSPEC} for both
     * @param table a table id (254 main, 255 local), or 0 for every table ({@code ip route show table all})
     * @return the routes
     * @throws io.netns.netlink.NetlinkException ENOENT "FIB table does not exist" for a table no route was
     *         ever put in, as {@code ip route show table N} fails; except the main table, which a fresh
     *         namespace lacks too and ip lists as empty (so does this)
     */
    public List<Route> list(Family family, long table) {
        Objects.requireNonNull(family, "family");
        try {
            return ex.dump("routes", (w, seq) -> encodeDump(w, seq, family.number(), table), Rtm.RTM_NEWROUTE,
                    Route::decode, table == 0 ? null : r -> r.table() == table);
        } catch (NetlinkException e) {
            if (absentMainTable(e, table)) {
                return List.of();
            }
            throw e;
        }
    }

    /** ip's rule (iproute.c): a main table that does not exist yet is an empty one, not an error. */
    private static boolean absentMainTable(NetlinkException e, long table) {
        return table == MAIN && e.errno() == Errno.ENOENT;
    }

    /**
     * Streams the routes of one family and table as the kernel sends them, without holding them all
     * in memory (a table of a million routes needs only one 32 KiB datagram at a time). The stream
     * reads on a socket of its own, opened now in the namespace (keep the namespace handle open):
     * it holds nothing of the handle, which serves other requests and {@code close()} meanwhile.
     * Close it (try-with-resources) to free that socket at once; one dropped unfinished keeps it
     * until the handle is closed or the stream has been garbage-collected. A dump the kernel
     * reports interrupted by concurrent changes ends in
     * {@link io.netns.netlink.DumpInterruptedException} after the items already delivered.
     *
     * @param family the family, {@link Family#UNSPEC} for both
     * @param table a table id, or 0 for every table
     * @return the routes: {@code ip route show table N}
     * @throws IllegalStateException if the handle or the namespace handle is closed
     */
    public Stream<Route> stream(Family family, long table) {
        Objects.requireNonNull(family, "family");
        Stream<Route> routes = ex.stream("routes", (w, seq) -> encodeDump(w, seq, family.number(), table),
                Rtm.RTM_NEWROUTE, Route::decode, table == 0 ? null : r -> r.table() == table);
        if (table != MAIN) {
            return routes;
        }
        // the ENOENT of an absent main table comes with NLMSG_DONE, before any route: end the stream there
        Spliterator<Route> inner = routes.spliterator();
        Spliterator<Route> outer = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, inner.characteristics()) {
            @Override
            public boolean tryAdvance(Consumer<? super Route> action) {
                try {
                    return inner.tryAdvance(action);
                } catch (NetlinkException e) {
                    if (absentMainTable(e, table)) {
                        return false;
                    }
                    throw e;
                }
            }
        };
        return StreamSupport.stream(outer, false).onClose(routes::close);
    }

    /**
     * Asks the kernel which route it would use for {@code destination}: {@code ip route get ADDR}.
     *
     * @param destination an IP literal
     * @return the route, with its output device, gateway and preferred source filled in
     * @throws io.netns.netlink.NetlinkException ENETUNREACH if there is no route
     */
    public Route get(String destination) {
        return get(IpText.parse(destination));
    }

    /**
     * As {@link #get(String)}: {@code ip route get ADDR}.
     *
     * @param destination the address to route to
     * @return the route, with its output device, gateway and preferred source filled in
     * @throws io.netns.netlink.NetlinkException ENETUNREACH if there is no route
     */
    public Route get(InetAddress destination) {
        Objects.requireNonNull(destination, "destination");
        return ex.single(IpText.format(destination), (w, seq) -> encodeGet(w, seq, destination), Route::decode);
    }

    /** RTM_GETROUTE dump of {@code family}; a table filter is applied by the kernel (strict checking). */
    static void encodeDump(MessageWriter w, int seq, int family, long table) {
        w.beginMessage(Rtm.RTM_GETROUTE, Request.DUMP, seq, 0);
        w.rtmsg(family, 0, 0, 0, table > 0 && table < 256 ? (int) table : 0, 0, 0, 0, 0);
        if (table >= 256) {
            w.attrU32(Rta.RTA_TABLE, (int) table);
        }
        w.endMessage();
    }

    /** RTM_GETROUTE for one destination: the kernel's route lookup ({@code ip route get}). */
    static void encodeGet(MessageWriter w, int seq, InetAddress destination) {
        w.beginMessage(Rtm.RTM_GETROUTE, Request.CHANGE, seq, 0);
        int len = destination instanceof Inet4Address ? 32 : 128;
        w.rtmsg(destination instanceof Inet4Address ? 2 : 10, len, 0, 0, 0, 0, 0, 0, 0);
        w.attrBytes(Rta.RTA_DST, destination.getAddress());
        w.endMessage();
    }
}
