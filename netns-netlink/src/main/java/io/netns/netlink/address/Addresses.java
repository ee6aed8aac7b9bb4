// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.address;

import io.netns.netlink.internal.Request;
import io.netns.netlink.Family;
import io.netns.netlink.internal.Exchange;
import io.netns.netlink.internal.Families;
import io.netns.netlink.internal.LinkNames;
import io.netns.netlink.wire.MessageWriter;
import io.netns.netlink.wire.Rtm;

import java.util.List;
import java.util.Objects;

/**
 * The addresses of one namespace, like {@code ip addr}: {@code rt.addresses()}. Changes run at once
 * (see {@link AddressChanges}); reads dump them from the kernel each time.
 *
 * <pre>{@code
 * rt.addresses().add("veth0", "198.18.0.1/24");        // ip addr add 198.18.0.1/24 dev veth0
 * rt.addresses().ofDevice("veth0").forEach(System.out::println);  // ip addr show dev veth0
 * }</pre>
 */
public final class Addresses extends AddressRequests {
    static {
        Families.register(Addresses.class, sink -> new Addresses(sink.exchange()));
        Families.register(AddressChanges.class, AddressRequests::new);
    }

    private final Exchange ex;

    private Addresses(Exchange ex) {
        super(ex);
        this.ex = ex;
    }

    /** {@return every address of both families: {@code ip addr show}} */
    public List<Address> list() {
        return list(Family.UNSPEC, 0);
    }

    /**
     * The addresses of one family ({@code ip -4 addr}), all families for {@link Family#UNSPEC}.
     *
     * @param family {@link Family#INET}, {@link Family#INET6} or {@link Family#UNSPEC}
     * @return the addresses
     */
    public List<Address> list(Family family) {
        return list(Objects.requireNonNull(family, "family"), 0);
    }

    /**
     * The addresses of one device: {@code ip addr show dev DEV}.
     *
     * @param device the link's name
     * @return its addresses, of both families
     * @throws io.netns.netlink.NoSuchLinkException if there is no such link
     */
    public List<Address> ofDevice(String device) {
        return list(Family.UNSPEC, ex.linkIndex(LinkNames.check(device)));
    }

    private List<Address> list(Family family, int index) {
        return ex.dump("addresses", (w, seq) -> encodeDump(w, seq, family.number(), index), Rtm.RTM_NEWADDR,
                Address::decode, index > 0 ? a -> a.index() == index : null);
    }

    /** RTM_GETADDR dump of {@code family} (0: all), optionally of one link. */
    static void encodeDump(MessageWriter w, int seq, int family, int index) {
        w.beginMessage(Rtm.RTM_GETADDR, Request.DUMP, seq, 0);
        w.ifaddrmsg(family, 0, 0, 0, index);
        w.endMessage();
    }
}
