// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link;

import io.netns.NetworkNamespace;
import io.netns.netlink.MacAddress;
import io.netns.netlink.RawAttribute;
import io.netns.netlink.internal.Request;
import io.netns.netlink.internal.IfRef;
import io.netns.netlink.internal.LinkNames;
import io.netns.netlink.link.kind.Bond;
import io.netns.netlink.link.kind.BondMode;
import io.netns.netlink.link.kind.Bridge;
import io.netns.netlink.link.kind.Dummy;
import io.netns.netlink.link.kind.Ifb;
import io.netns.netlink.link.kind.Ipvlan;
import io.netns.netlink.link.kind.IpvlanMode;
import io.netns.netlink.link.kind.Macvlan;
import io.netns.netlink.link.kind.MacvlanMode;
import io.netns.netlink.link.kind.Tun;
import io.netns.netlink.link.kind.Veth;
import io.netns.netlink.link.kind.Vlan;
import io.netns.netlink.link.kind.Vxlan;
import io.netns.netlink.wire.Ifla;
import io.netns.netlink.wire.IflaInfo;
import io.netns.netlink.wire.MessageWriter;
import io.netns.netlink.wire.Rtm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * What {@link LinkChanges#add} creates: {@code ip link add NAME [options] type KIND [kind options]}.
 * Immutable; each option returns a changed copy. The options every kind has are here; each kind's
 * own options are on its spec ({@link Veth.Spec#peerNamespace}, {@link Vxlan.Spec#dstPort} ...),
 * and the factories below return that spec, so an option of another kind does not compile.
 *
 * <pre>{@code
 * rt.links().add(LinkSpec.veth("veth0", "veth1").mtu(1400).peerNamespace(ns2));
 * rt.links().add(LinkSpec.bridge("br0").up());
 * rt.links().add(LinkSpec.vxlan("vx0", 42).dstPort(4789).device("veth0"));
 * }</pre>
 *
 * <p>Names are checked when the spec is made, before anything is sent, exactly as the kernel's
 * {@code dev_valid_name} checks their UTF-8 bytes: 1..15 bytes, not {@code .} or {@code ..}, no
 * '/', ':' or byte the kernel counts as whitespace (0x09-0x0D, 0x20 and 0xA0, so {@code à}, C3 A0,
 * is refused while {@code é} is not). {@code %d} templates and strings UTF-8 cannot encode
 * (unpaired surrogates) are refused as well, all with {@link IllegalArgumentException}.
 *
 * @param <S> the kind's own spec type, returned by every option
 */
public abstract sealed class LinkSpec<S extends LinkSpec<S>>
        permits Veth.Spec, Bridge.Spec, Vxlan.Spec, Vlan.Spec, Macvlan.Spec, Ipvlan.Spec, Bond.Spec, Dummy.Spec,
        Ifb.Spec, Tun.Spec {

    /** The options every kind shares; kinds pass it through unchanged. */
    protected static final class Common {
        final String name;
        IfRef parent;
        int index;
        int mtu;
        MacAddress address;
        int txQueueLength = -1;
        int group = -1;
        String alias;
        boolean up;
        IfRef master;
        NetworkNamespace namespace;
        List<RawAttribute> extra = List.of();

        Common(String name) {
            this.name = LinkNames.check(name);
        }

        private Common copy() {
            Common c = new Common(name);
            c.parent = parent;
            c.index = index;
            c.mtu = mtu;
            c.address = address;
            c.txQueueLength = txQueueLength;
            c.group = group;
            c.alias = alias;
            c.up = up;
            c.master = master;
            c.namespace = namespace;
            c.extra = extra;
            return c;
        }
    }

    /** What the library resolved before a kind encodes its IFLA_INFO_DATA. */
    public interface Resolved {
        /** {@return the parent device's ifindex, 0 if the spec has none} */
        int parentIndex();

        /**
         * {@return the descriptor of a namespace the spec named}
         *
         * @param namespace a namespace from {@link LinkSpec#namespaces()}
         */
        int namespaceFd(NetworkNamespace namespace);
    }

    final Common common;

    /**
     * A spec of a new device.
     *
     * @param name the device's name
     */
    protected LinkSpec(String name) {
        this.common = new Common(name);
    }

    /**
     * A changed copy's spec.
     *
     * @param common the shared options, as handed to {@link #with(Common)}
     */
    protected LinkSpec(Common common) {
        this.common = common;
    }

    /**
     * {@return a copy of this spec (same kind options) with other shared options}
     *
     * @param common the shared options of the copy
     */
    protected abstract S with(Common common);

    /** {@return the shared options, for a kind's own changed copies} */
    protected final Common common() {
        return common;
    }

    private S change(java.util.function.Consumer<Common> edit) {
        Common c = common.copy();
        edit.accept(c);
        return with(c);
    }

    /** {@return the IFLA_INFO_KIND string, e.g. {@code veth}} */
    public abstract String kindName();

    /** {@return the kind's options, as the kind's record (the one {@link Link#details()} returns when reading)} */
    public abstract LinkKind kind();

    /**
     * Writes the kind's IFLA_INFO_DATA, if it has any, into the RTM_NEWLINK being encoded.
     *
     * @param w the writer, inside IFLA_LINKINFO
     * @param resolved the parent's index and the namespaces' descriptors
     */
    protected abstract void encodeInfoData(MessageWriter w, Resolved resolved);

    /** {@return the namespaces the kind's options name (a veth peer's), whose descriptors it encodes} */
    protected List<NetworkNamespace> namespaces() {
        return List.of();
    }

    /** {@return whether the kind carries its parent in IFLA_INFO_DATA (vxlan's {@code dev}) rather than IFLA_LINK} */
    protected boolean parentInInfoData() {
        return false;
    }

    // ------------------------------------------------------------------ factories

    /**
     * {@return a veth pair: {@code ip link add NAME type veth peer name PEER}}
     *
     * @param name this end
     * @param peerName the other end
     */
    public static Veth.Spec veth(String name, String peerName) {
        return Veth.spec(name, peerName);
    }

    /**
     * {@return {@code ip link add NAME type bridge}}
     *
     * @param name the new device
     */
    public static Bridge.Spec bridge(String name) {
        return Bridge.spec(name);
    }

    /**
     * {@return {@code ip link add link PARENT name NAME type macvlan mode MODE}}
     *
     * @param name the new device
     * @param parent the lower device
     * @param mode the mode
     */
    public static Macvlan.Spec macvlan(String name, String parent, MacvlanMode mode) {
        return Macvlan.spec(name, parent, mode, false);
    }

    /**
     * {@return as {@link #macvlan}, a macvtap (a tap character device on top):
     * {@code ip link add link PARENT name NAME type macvtap mode MODE}}
     *
     * @param name the new device
     * @param parent the lower device
     * @param mode the mode
     */
    public static Macvlan.Spec macvtap(String name, String parent, MacvlanMode mode) {
        return Macvlan.spec(name, parent, mode, true);
    }

    /**
     * {@return {@code ip link add NAME type vxlan id VNI}}; learning is on, as with ip
     *
     * @param name the new device
     * @param vni the VXLAN network identifier, 0..16777215
     */
    public static Vxlan.Spec vxlan(String name, int vni) {
        return Vxlan.spec(name, vni);
    }

    /**
     * {@return {@code ip link add NAME type ifb}}
     *
     * @param name the new device
     */
    public static Ifb.Spec ifb(String name) {
        return Ifb.spec(name);
    }

    /**
     * {@return {@code ip link add NAME type dummy}} (a kernel module some kernels lack)
     *
     * @param name the new device
     */
    public static Dummy.Spec dummy(String name) {
        return Dummy.spec(name);
    }

    /**
     * {@return {@code ip link add link PARENT name NAME type vlan id ID}} (802.1Q; see {@link Vlan.Spec#protocol})
     *
     * @param name the new device
     * @param parent the lower device
     * @param vlanId 0..4095
     */
    public static Vlan.Spec vlan(String name, String parent, int vlanId) {
        return Vlan.spec(name, parent, vlanId);
    }

    /**
     * {@return {@code ip link add link PARENT name NAME type ipvlan mode l2|l3|l3s}}
     *
     * @param name the new device
     * @param parent the lower device
     * @param mode the mode
     */
    public static Ipvlan.Spec ipvlan(String name, String parent, IpvlanMode mode) {
        return Ipvlan.spec(name, parent, mode);
    }

    /**
     * {@return {@code ip link add NAME type bond mode MODE}}
     *
     * @param name the new device
     * @param mode the bonding mode
     */
    public static Bond.Spec bond(String name, BondMode mode) {
        return Bond.spec(name, mode);
    }

    /**
     * {@return {@code ip tuntap add NAME mode tun}} (persistent, created through /dev/net/tun)
     *
     * @param name the new device
     */
    public static Tun.Spec tun(String name) {
        return Tun.spec(name, false);
    }

    /**
     * {@return {@code ip tuntap add NAME mode tap}} (persistent, created through /dev/net/tun)
     *
     * @param name the new device
     */
    public static Tun.Spec tap(String name) {
        return Tun.spec(name, true);
    }

    // ------------------------------------------------------------------ shared options

    /**
     * {@return with the lower device, for kinds that have one ({@code link DEV})}
     *
     * @param device the lower device's name
     */
    protected final S withParent(String device) {
        return change(c -> c.parent = IfRef.of(device));
    }

    /**
     * {@return with {@code mtu N}}
     *
     * @param mtu the MTU, at least 68; 0 for the kernel's default
     * @throws IllegalArgumentException if it is out of range
     */
    public S mtu(int mtu) {
        if (mtu < 68 && mtu != 0 || mtu > 65535 * 4) {
            throw new IllegalArgumentException("MTU " + mtu + " is out of range");
        }
        return change(c -> c.mtu = mtu);
    }

    /**
     * {@return with {@code address MAC}}
     *
     * @param address the device's link-layer address
     */
    public S address(MacAddress address) {
        Objects.requireNonNull(address, "address");
        return change(c -> c.address = address);
    }

    /**
     * {@return with {@code address MAC}}
     *
     * @param mac the device's link-layer address, e.g. {@code 02:00:00:00:00:01}
     * @throws IllegalArgumentException if it is not a link-layer address
     */
    public S address(String mac) {
        return address(MacAddress.parse(mac));
    }

    /**
     * {@return with {@code txqueuelen N}}
     *
     * @param length the transmit queue length, in packets
     * @throws IllegalArgumentException if it is negative
     */
    public S txQueueLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("txqueuelen must not be negative");
        }
        return change(c -> c.txQueueLength = length);
    }

    /**
     * {@return with {@code group N}}
     *
     * @param group the link group number
     * @throws IllegalArgumentException if it is negative
     */
    public S group(int group) {
        if (group < 0) {
            throw new IllegalArgumentException("group must not be negative");
        }
        return change(c -> c.group = group);
    }

    /**
     * {@return with {@code alias TEXT}}; set by a second request, since the kernel ignores an alias
     * on creation
     *
     * @param alias the alias, shorter than 256 bytes in UTF-8
     * @throws IllegalArgumentException if it is too long, holds a NUL or cannot be encoded as UTF-8
     */
    public S alias(String alias) {
        if (LinkNames.utf8("alias", alias).length >= 256) {
            throw new IllegalArgumentException("alias must be shorter than 256 bytes in UTF-8");
        }
        return change(c -> c.alias = alias);
    }

    /** {@return created administratively up ({@code ip link add ... up})} */
    public S up() {
        return change(c -> c.up = true);
    }

    /**
     * {@return enslaved to {@code master} (a bridge or bond) when created}
     *
     * @param master the bridge's or bond's name
     */
    public S master(String master) {
        return change(c -> c.master = IfRef.of(master));
    }

    /**
     * {@return created directly in another namespace ({@code ip link add NAME netns NS ...})}: no
     * name clash with devices of the socket's namespace, no second move
     *
     * @param namespace where the device is created
     */
    public S namespace(NetworkNamespace namespace) {
        Objects.requireNonNull(namespace, "namespace");
        return change(c -> c.namespace = namespace);
    }

    /**
     * {@return with a specific ifindex ({@code ip link add NAME index N ...})}, so later requests of
     * a batch can name the device by index before it exists; the kernel refuses a taken index
     *
     * @param index a positive ifindex
     */
    public S index(int index) {
        if (index <= 0) {
            throw new IllegalArgumentException("an interface index is positive");
        }
        return change(c -> c.index = index);
    }

    /**
     * {@return with an extra top-level attribute sent as given}, for what the typed options lack
     * (IFLA_* constants are in {@code io.netns.netlink.wire.Ifla})
     *
     * @param attributeType the attribute type
     * @param value its value, byte for byte
     */
    public S withAttribute(int attributeType, byte[] value) {
        RawAttribute a = new RawAttribute(attributeType, value.clone());
        return change(c -> {
            List<RawAttribute> l = new ArrayList<>(c.extra);
            l.add(a);
            c.extra = List.copyOf(l);
        });
    }

    /**
     * Encodes the RTM_NEWLINK that creates this device, attribute by attribute in the order
     * iproute2 uses (the golden-byte tests compare with captured {@code ip link add} requests).
     * Pure: devices are already resolved to indexes and namespaces to descriptors.
     *
     * @param w the writer
     * @param seq the sequence number
     * @param parentIndex the resolved parent ({@code link DEV}), 0 if none
     * @param masterIndex the resolved master, 0 if none
     * @param namespaceFds the descriptor of each namespace the spec names
     */
    public final void encode(MessageWriter w, int seq, int parentIndex, int masterIndex,
                             ToIntFunction<NetworkNamespace> namespaceFds) {
        Common c = common;
        w.beginMessage(Rtm.RTM_NEWLINK, Request.CREATE, seq, 0);
        int up = c.up ? LinkFlag.UP.bit() : 0;
        w.ifinfomsg(0, 0, c.index, up, up);
        if (parentIndex > 0 && !parentInInfoData()) {
            w.attrU32(Ifla.IFLA_LINK, parentIndex);
        }
        w.attrString(Ifla.IFLA_IFNAME, c.name);
        // no alias here: the kernel ignores IFLA_IFALIAS when creating; it is set afterwards
        if (c.mtu > 0) {
            w.attrU32(Ifla.IFLA_MTU, c.mtu);
        }
        if (c.address != null) {
            w.attrBytes(Ifla.IFLA_ADDRESS, c.address.bytes());
        }
        if (c.txQueueLength >= 0) {
            w.attrU32(Ifla.IFLA_TXQLEN, c.txQueueLength);
        }
        if (c.group >= 0) {
            w.attrU32(Ifla.IFLA_GROUP, c.group);
        }
        if (masterIndex > 0) {
            w.attrU32(Ifla.IFLA_MASTER, masterIndex);
        }
        if (c.namespace != null) {
            w.attrU32(Ifla.IFLA_NET_NS_FD, namespaceFds.applyAsInt(c.namespace));
        }
        for (RawAttribute a : c.extra) {
            w.attrBytes(a.type(), a.value());
        }
        long info = w.beginNested(Ifla.IFLA_LINKINFO);
        w.attrStringNoNul(IflaInfo.IFLA_INFO_KIND, kindName());
        encodeInfoData(w, new Resolved() {
            @Override
            public int parentIndex() {
                return parentIndex;
            }

            @Override
            public int namespaceFd(NetworkNamespace namespace) {
                return namespaceFds.applyAsInt(namespace);
            }
        });
        w.endNested(info);
        w.endMessage();
    }

    /** {@return the name of the device to create} */
    public final String name() {
        return common.name;
    }

    /** {@return the namespace the device is created in, if not the socket's} */
    public final Optional<NetworkNamespace> targetNamespace() {
        return Optional.ofNullable(common.namespace);
    }

    @Override
    public String toString() {
        return "LinkSpec[" + common.name + " type " + kind() + (common.parent != null ? " link " + common.parent : "")
                + "]";
    }
}
