// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.internal.Request;
import io.netns.netlink.wire.Ifla;
import io.netns.netlink.wire.MessageWriter;
import io.netns.netlink.wire.Rtm;

/**
 * Requests the tests send on sockets of their own (captures, error cases), encoded here by hand
 * with the wire layer rather than through the library's family code, so they also check it.
 */
final class TestRequests {
    static final int CREATE = Request.CREATE;
    static final int CHANGE = Request.CHANGE;
    static final int DUMP = Request.DUMP;

    private TestRequests() {
    }

    static Request.Encoder linkDump() {
        return (w, seq) -> {
            w.beginMessage(Rtm.RTM_GETLINK, DUMP, seq, 0);
            w.ifinfomsg(0, 0, 0, 0, 0);
            w.endMessage();
        };
    }

    static Request.Encoder linkGet(String name) {
        return (w, seq) -> {
            w.beginMessage(Rtm.RTM_GETLINK, CHANGE, seq, 0);
            w.ifinfomsg(0, 0, 0, 0, 0);
            w.attrString(Ifla.IFLA_IFNAME, name);
            w.endMessage();
        };
    }

    /** {@code ip link set dev INDEX up}. */
    static void linkSetUp(MessageWriter w, int seq, int index) {
        w.beginMessage(Rtm.RTM_NEWLINK, CHANGE, seq, 0);
        w.ifinfomsg(0, 0, index, 1, 1);
        w.endMessage();
    }

    static Request.Encoder addressDump() {
        return (w, seq) -> {
            w.beginMessage(Rtm.RTM_GETADDR, DUMP, seq, 0);
            w.ifaddrmsg(0, 0, 0, 0, 0);
            w.endMessage();
        };
    }

    static Request.Encoder routeDump() {
        return (w, seq) -> {
            w.beginMessage(Rtm.RTM_GETROUTE, DUMP, seq, 0);
            w.rtmsg(0, 0, 0, 0, 0, 0, 0, 0, 0);
            w.endMessage();
        };
    }

    static Request.Encoder neighbourDump() {
        return (w, seq) -> {
            w.beginMessage(Rtm.RTM_GETNEIGH, DUMP, seq, 0);
            w.ndmsg(0, 0, 0, 0, 0);
            w.endMessage();
        };
    }

    static Request.Encoder ruleDump() {
        return (w, seq) -> {
            w.beginMessage(Rtm.RTM_GETRULE, DUMP, seq, 0);
            w.fibRuleHdr(0, 0, 0, 0, 0, 0, 0);
            w.endMessage();
        };
    }

    static Request.Encoder nsidDump() {
        return (w, seq) -> {
            w.beginMessage(Rtm.RTM_GETNSID, DUMP, seq, 0);
            w.rtgenmsg(0);
            w.endMessage();
        };
    }
}
