package io.netns.netlink;

import io.netns.NetworkNamespace;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * What {@link Rtnetlink#linkAdd(LinkSpec)} creates: {@code ip link add NAME [options] type KIND
 * [kind options]}. Immutable; each option returns a changed copy.
 *
 * <pre>{@code
 * rt.linkAdd(LinkSpec.veth("veth0", "veth1").peerNamespace(ns2).mtu(1400));
 * rt.linkAdd(LinkSpec.bridge("br0").up());
 * rt.linkAdd(LinkSpec.vxlan("vx0", 42).dstPort(4789).device("veth0"));
 * }</pre>
 *
 * <p>Names are checked as the kernel would (1..15 bytes, no '/', ':' or whitespace) when the spec
 * is made, before anything is sent.
 */
public final class LinkSpec {
    /** Link kinds and their kind-specific options (IFLA_INFO_KIND and IFLA_INFO_DATA). */
    public sealed interface Kind {
        /** {@return the IFLA_INFO_KIND string} */
        String name();
    }

    /**
     * {@code type veth peer name PEER [netns NS]}.
     *
     * @param peerName the other end's name
     * @param peerNamespace where the other end is created, or null for the device's namespace
     * @param peerMtu the other end's MTU, or 0 for the kernel's default
     * @param peerAddress the other end's MAC address, or null for a random one
     * @param peerIndex the other end's ifindex, or 0 to let the kernel choose
     */
    public record Veth(String peerName, NetworkNamespace peerNamespace, int peerMtu, MacAddress peerAddress,
                       int peerIndex) implements Kind {
        public String name() {
            return "veth";
        }
    }

    /** {@code type bridge}. */
    public record Bridge() implements Kind {
        public String name() {
            return "bridge";
        }
    }

    /**
     * {@code type macvlan|macvtap mode MODE}.
     *
     * @param mode MACVLAN_MODE_*: private 1, vepa 2, bridge 4, passthru 8, source 16
     * @param tap whether it is a macvtap rather than a macvlan
     */
    public record Macvlan(int mode, boolean tap) implements Kind {
        public String name() {
            return tap ? "macvtap" : "macvlan";
        }
    }

    /**
     * {@code type vxlan id VNI [dstport P] [local A] [remote A | group A] [ttl T] [dev D]}; -1/null: unset.
     *
     * @param vni the VXLAN network identifier
     * @param port the UDP destination port, or -1 for the kernel's default
     * @param local the local source address, or null
     * @param remote the unicast remote or multicast group, or null
     * @param ttl the TTL of the outer packets, or -1 for the kernel's default
     * @param learning whether source addresses are learned
     */
    public record Vxlan(int vni, int port, InetAddress local, InetAddress remote, int ttl, boolean learning)
            implements Kind {
        public String name() {
            return "vxlan";
        }
    }

    /** {@code type ifb}. */
    public record Ifb() implements Kind {
        public String name() {
            return "ifb";
        }
    }

    /** {@code type dummy} (a kernel module this machine's kernel may lack). */
    public record Dummy() implements Kind {
        public String name() {
            return "dummy";
        }
    }

    /**
     * {@code type vlan id ID [protocol 802.1Q|802.1ad]}; needs a parent device.
     *
     * @param vlanId the VLAN id, 0..4095
     * @param protocol 0x8100 (802.1Q) or 0x88a8 (802.1ad), or 0 for the kernel's default (802.1Q)
     */
    public record Vlan(int vlanId, int protocol) implements Kind {
        public String name() {
            return "vlan";
        }
    }

    /**
     * {@code type ipvlan mode l2|l3|l3s}; needs a parent device.
     *
     * @param mode IPVLAN_MODE_*: 0 l2, 1 l3, 2 l3s
     * @param flags IPVLAN_F_* flags (0: bridge)
     */
    public record Ipvlan(int mode, int flags) implements Kind {
        public String name() {
            return "ipvlan";
        }
    }

    /**
     * {@code type bond mode MODE}.
     *
     * @param mode BOND_MODE_*: 0 balance-rr, 1 active-backup, ...
     */
    public record Bond(int mode) implements Kind {
        public String name() {
            return "bond";
        }
    }

    /**
     * A persistent tun or tap device ({@code ip tuntap add NAME mode tun|tap}); created through
     * /dev/net/tun, since the kernel does not create them over rtnetlink.
     *
     * @param tap whether it is a tap (Ethernet frames) rather than a tun (IP packets)
     * @param multiQueue whether it has several queues ({@code multi_queue})
     * @param owner the owning user id, or -1 for none
     * @param group the owning group id, or -1 for none
     */
    public record Tun(boolean tap, boolean multiQueue, int owner, int group) implements Kind {
        public String name() {
            return "tun";
        }
    }

    final String name;
    final Kind kind;
    final IfRef parent;
    final int index;
    final int mtu;
    final MacAddress address;
    final int txQueueLength;
    final int group;
    final String alias;
    final boolean up;
    final IfRef master;
    final NetworkNamespace namespace;

    /** The mutable twin used to derive changed copies; never escapes. */
    private static final class B {
        String name;
        Kind kind;
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

        B(String name, Kind kind) {
            this.name = name;
            this.kind = kind;
        }

        B(LinkSpec s) {
            name = s.name;
            kind = s.kind;
            parent = s.parent;
            index = s.index;
            mtu = s.mtu;
            address = s.address;
            txQueueLength = s.txQueueLength;
            group = s.group;
            alias = s.alias;
            up = s.up;
            master = s.master;
            namespace = s.namespace;
        }
    }

    private LinkSpec(B b) {
        this.name = b.name;
        this.kind = b.kind;
        this.parent = b.parent;
        this.index = b.index;
        this.mtu = b.mtu;
        this.address = b.address;
        this.txQueueLength = b.txQueueLength;
        this.group = b.group;
        this.alias = b.alias;
        this.up = b.up;
        this.master = b.master;
        this.namespace = b.namespace;
    }

    private static LinkSpec of(String name, Kind kind) {
        return new LinkSpec(new B(LinkNames.check(name), kind));
    }

    private LinkSpec change(java.util.function.Consumer<B> edit) {
        B b = new B(this);
        edit.accept(b);
        return new LinkSpec(b);
    }

    /**
     * A veth pair: {@code ip link add NAME type veth peer name PEER}.
     *
     * @param name this end
     * @param peerName the other end
     * @return the spec
     */
    public static LinkSpec veth(String name, String peerName) {
        LinkNames.check(peerName);
        return of(name, new Veth(peerName, null, 0, null, 0));
    }

    /**
     * {@return {@code ip link add NAME type bridge}}
     *
     * @param name the new device
     */
    public static LinkSpec bridge(String name) {
        return of(name, new Bridge());
    }

    /**
     * {@code ip link add link PARENT name NAME type macvlan mode MODE}.
     *
     * @param name the new device
     * @param parent the lower device
     * @param mode MACVLAN_MODE_*: 1 private, 2 vepa, 4 bridge, 8 passthru, 16 source
     * @return the spec
     */
    public static LinkSpec macvlan(String name, String parent, int mode) {
        return of(name, new Macvlan(checkMacvlanMode(mode), false)).parent(parent);
    }

    /**
     * As {@link #macvlan}, creating a macvtap (a tap character device on top):
     * {@code ip link add link PARENT name NAME type macvtap mode MODE}.
     *
     * @param name the new device
     * @param parent the lower device
     * @param mode MACVLAN_MODE_*: 1 private, 2 vepa, 4 bridge, 8 passthru, 16 source
     * @return the spec
     */
    public static LinkSpec macvtap(String name, String parent, int mode) {
        return of(name, new Macvlan(checkMacvlanMode(mode), true)).parent(parent);
    }

    private static int checkMacvlanMode(int mode) {
        if (mode != 1 && mode != 2 && mode != 4 && mode != 8 && mode != 16) {
            throw new IllegalArgumentException("macvlan mode must be 1, 2, 4, 8 or 16, not " + mode);
        }
        return mode;
    }

    /**
     * {@code ip link add NAME type vxlan id VNI}. Learning is on, as with ip.
     *
     * @param name the new device
     * @param vni the VXLAN network identifier, 0..16777215
     * @return the spec
     */
    public static LinkSpec vxlan(String name, int vni) {
        if (vni < 0 || vni > 0xffffff) {
            throw new IllegalArgumentException("VXLAN id must be 0..16777215, not " + vni);
        }
        return of(name, new Vxlan(vni, -1, null, null, -1, true));
    }

    /**
     * {@return {@code ip link add NAME type ifb}}
     *
     * @param name the new device
     */
    public static LinkSpec ifb(String name) {
        return of(name, new Ifb());
    }

    /**
     * {@return {@code ip link add NAME type dummy}}
     *
     * @param name the new device
     */
    public static LinkSpec dummy(String name) {
        return of(name, new Dummy());
    }

    /**
     * {@code ip link add link PARENT name NAME type vlan id ID}.
     *
     * @param name the new device
     * @param parent the lower device
     * @param vlanId 0..4095
     * @return the spec (802.1Q; see {@link #vlanProtocol})
     */
    public static LinkSpec vlan(String name, String parent, int vlanId) {
        if (vlanId < 0 || vlanId > 4095) {
            throw new IllegalArgumentException("VLAN id must be 0..4095, not " + vlanId);
        }
        return of(name, new Vlan(vlanId, 0)).parent(parent);
    }

    /**
     * {@code ip link add link PARENT name NAME type ipvlan mode l2|l3|l3s}.
     *
     * @param name the new device
     * @param parent the lower device
     * @param mode 0 l2, 1 l3, 2 l3s
     * @return the spec
     */
    public static LinkSpec ipvlan(String name, String parent, int mode) {
        if (mode < 0 || mode > 2) {
            throw new IllegalArgumentException("ipvlan mode must be 0 (l2), 1 (l3) or 2 (l3s), not " + mode);
        }
        return of(name, new Ipvlan(mode, 0)).parent(parent);
    }

    /**
     * {@code ip link add NAME type bond mode MODE}.
     *
     * @param name the new device
     * @param mode 0 balance-rr, 1 active-backup, 2 balance-xor, 3 broadcast, 4 802.3ad, 5 balance-tlb, 6 balance-alb
     * @return the spec
     */
    public static LinkSpec bond(String name, int mode) {
        if (mode < 0 || mode > 6) {
            throw new IllegalArgumentException("bond mode must be 0..6, not " + mode);
        }
        return of(name, new Bond(mode));
    }

    /**
     * {@return {@code ip tuntap add NAME mode tun} (persistent, created through /dev/net/tun)}
     *
     * @param name the new device
     */
    public static LinkSpec tun(String name) {
        return of(name, new Tun(false, false, -1, -1));
    }

    /**
     * {@return {@code ip tuntap add NAME mode tap} (persistent, created through /dev/net/tun)}
     *
     * @param name the new device
     */
    public static LinkSpec tap(String name) {
        return of(name, new Tun(true, false, -1, -1));
    }

    /**
     * {@return with the lower device ({@code link DEV}; for vxlan {@code dev DEV})}
     *
     * @param device the lower device's name
     */
    public LinkSpec parent(String device) {
        return change(b -> b.parent = IfRef.of(device));
    }

    /**
     * {@return with the lower device given by index}
     *
     * @param index the lower device's ifindex
     * @throws IllegalArgumentException if it is not positive
     */
    public LinkSpec parent(int index) {
        return change(b -> b.parent = IfRef.of(index));
    }

    /**
     * For vxlan, same as {@link #parent(String)}: {@code dev DEV}.
     *
     * @param device the underlying device's name
     * @return the changed spec
     */
    public LinkSpec device(String device) {
        return parent(device);
    }

    /**
     * {@return with {@code mtu N}}
     *
     * @param mtu the MTU, at least 68; 0 for the kernel's default
     * @throws IllegalArgumentException if it is out of range
     */
    public LinkSpec mtu(int mtu) {
        if (mtu < 68 && mtu != 0 || mtu > 65535 * 4) {
            throw new IllegalArgumentException("MTU " + mtu + " is out of range");
        }
        return change(b -> b.mtu = mtu);
    }

    /**
     * {@return with {@code address MAC}}
     *
     * @param address the device's link-layer address
     */
    public LinkSpec address(MacAddress address) {
        Objects.requireNonNull(address, "address");
        return change(b -> b.address = address);
    }

    /**
     * {@return with {@code address MAC}}
     *
     * @param mac the device's link-layer address, e.g. {@code 02:00:00:00:00:01}
     * @throws IllegalArgumentException if it is not a link-layer address
     */
    public LinkSpec address(String mac) {
        return address(MacAddress.parse(mac));
    }

    /**
     * {@return with {@code txqueuelen N}}
     *
     * @param length the transmit queue length, in packets
     * @throws IllegalArgumentException if it is negative
     */
    public LinkSpec txQueueLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("txqueuelen must not be negative");
        }
        return change(b -> b.txQueueLength = length);
    }

    /**
     * {@return with {@code group N}}
     *
     * @param group the link group number
     * @throws IllegalArgumentException if it is negative
     */
    public LinkSpec group(int group) {
        if (group < 0) {
            throw new IllegalArgumentException("group must not be negative");
        }
        return change(b -> b.group = group);
    }

    /**
     * {@return with {@code alias TEXT}}
     *
     * @param alias the alias, shorter than 256 bytes in UTF-8
     * @throws IllegalArgumentException if it is too long
     */
    public LinkSpec alias(String alias) {
        if (alias.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 256) {
            throw new IllegalArgumentException("alias must be shorter than 256 bytes");
        }
        return change(b -> b.alias = alias);
    }

    /** {@return created administratively up ({@code ip link add ... up})} */
    public LinkSpec up() {
        return change(b -> b.up = true);
    }

    /**
     * {@return enslaved to {@code master} (a bridge or bond) when created}
     *
     * @param master the bridge's or bond's name
     */
    public LinkSpec master(String master) {
        return change(b -> b.master = IfRef.of(master));
    }

    /**
     * Creates the device directly in another namespace ({@code ip link add NAME netns NS ...}):
     * no name clash with devices of the socket's namespace, no second move.
     *
     * @param namespace where the device is created
     * @return the changed spec
     */
    public LinkSpec namespace(NetworkNamespace namespace) {
        Objects.requireNonNull(namespace, "namespace");
        return change(b -> b.namespace = namespace);
    }

    /**
     * For a veth: creates the peer directly in {@code namespace} ({@code peer name P netns NS}).
     *
     * @param namespace the peer's namespace
     * @return the changed spec
     */
    public LinkSpec peerNamespace(NetworkNamespace namespace) {
        Veth v = veth();
        return change(b -> b.kind = new Veth(v.peerName, Objects.requireNonNull(namespace), v.peerMtu, v.peerAddress, v.peerIndex));
    }

    /**
     * For a veth: the peer's MTU ({@code peer name P mtu N}).
     *
     * @param mtu the peer's MTU; 0 for the kernel's default
     * @return the changed spec
     * @throws IllegalStateException if this is not a veth
     */
    public LinkSpec peerMtu(int mtu) {
        Veth v = veth();
        return change(b -> b.kind = new Veth(v.peerName, v.peerNamespace, mtu, v.peerAddress, v.peerIndex));
    }

    /**
     * For a veth: the peer's MAC address ({@code peer name P address MAC}).
     *
     * @param mac the peer's link-layer address, e.g. {@code 02:00:00:00:00:01}
     * @return the changed spec
     * @throws IllegalStateException if this is not a veth
     */
    public LinkSpec peerAddress(String mac) {
        Veth v = veth();
        return change(b -> b.kind = new Veth(v.peerName, v.peerNamespace, v.peerMtu, MacAddress.parse(mac), v.peerIndex));
    }

    /**
     * Asks for a specific ifindex ({@code ip link add NAME index N ...}), so later requests of a
     * {@link Batch} can name the device by index before it exists. The kernel refuses a taken index.
     *
     * @param index a positive ifindex
     * @return the changed spec
     */
    public LinkSpec index(int index) {
        if (index <= 0) {
            throw new IllegalArgumentException("an interface index is positive");
        }
        return change(b -> b.index = index);
    }

    /**
     * For a veth: the peer's ifindex ({@code peer name P index N}); see {@link #index(int)}.
     *
     * @param index a positive ifindex
     * @return the changed spec
     * @throws IllegalStateException if this is not a veth
     */
    public LinkSpec peerIndex(int index) {
        if (index <= 0) {
            throw new IllegalArgumentException("an interface index is positive");
        }
        Veth v = veth();
        return change(b -> b.kind = new Veth(v.peerName, v.peerNamespace, v.peerMtu, v.peerAddress, index));
    }

    private Veth veth() {
        if (!(kind instanceof Veth v)) {
            throw new IllegalStateException(kind.name() + " has no peer; peer options are for veth");
        }
        return v;
    }

    private Vxlan vx() {
        if (!(kind instanceof Vxlan v)) {
            throw new IllegalStateException("this option is for vxlan, not " + kind.name());
        }
        return v;
    }

    /**
     * For a vxlan: {@code dstport P}.
     *
     * @param port the UDP destination port, 0..65535 (4789 is IANA's)
     * @return the changed spec
     * @throws IllegalStateException if this is not a vxlan
     */
    public LinkSpec dstPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        Vxlan v = vx();
        return change(b -> b.kind = new Vxlan(v.vni, port, v.local, v.remote, v.ttl, v.learning));
    }

    /**
     * For a vxlan: {@code local ADDR}.
     *
     * @param address the local source address
     * @return the changed spec
     * @throws IllegalStateException if this is not a vxlan
     */
    public LinkSpec local(String address) {
        Vxlan v = vx();
        return change(b -> b.kind = new Vxlan(v.vni, v.port, Addresses.parse(address), v.remote, v.ttl, v.learning));
    }

    /**
     * For a vxlan: {@code remote ADDR} (unicast) or {@code group ADDR} (multicast).
     *
     * @param address the remote's unicast address or the multicast group
     * @return the changed spec
     * @throws IllegalArgumentException if it is not of the family of the local address
     * @throws IllegalStateException if this is not a vxlan
     */
    public LinkSpec remote(String address) {
        Vxlan v = vx();
        InetAddress r = Addresses.parse(address);
        if (v.local != null && (v.local instanceof Inet6Address) != (r instanceof Inet6Address)) {
            throw new IllegalArgumentException("local and remote of a vxlan must be of one family");
        }
        return change(b -> b.kind = new Vxlan(v.vni, v.port, v.local, r, v.ttl, v.learning));
    }

    /**
     * For a vxlan: {@code ttl N}.
     *
     * @param ttl the TTL of the outer packets, 1..255; 0 leaves the choice to the kernel
     * @return the changed spec
     * @throws IllegalStateException if this is not a vxlan
     */
    public LinkSpec ttl(int ttl) {
        Vxlan v = vx();
        return change(b -> b.kind = new Vxlan(v.vni, v.port, v.local, v.remote, ttl, v.learning));
    }

    /**
     * For a vxlan: {@code nolearning}.
     *
     * @return the changed spec
     * @throws IllegalStateException if this is not a vxlan
     */
    public LinkSpec noLearning() {
        Vxlan v = vx();
        return change(b -> b.kind = new Vxlan(v.vni, v.port, v.local, v.remote, v.ttl, false));
    }

    /**
     * For a vlan: {@code protocol 802.1Q} (0x8100) or {@code 802.1ad} (0x88a8).
     *
     * @param protocol 0x8100 or 0x88a8
     * @return the changed spec
     * @throws IllegalArgumentException if it is neither
     * @throws IllegalStateException if this is not a vlan
     */
    public LinkSpec vlanProtocol(int protocol) {
        if (!(kind instanceof Vlan v)) {
            throw new IllegalStateException("vlanProtocol is for vlan, not " + kind.name());
        }
        if (protocol != 0x8100 && protocol != 0x88a8) {
            throw new IllegalArgumentException("VLAN protocol must be 0x8100 or 0x88a8");
        }
        return change(b -> b.kind = new Vlan(v.vlanId, protocol));
    }

    /**
     * For a tun/tap: {@code multi_queue}.
     *
     * @return the changed spec
     * @throws IllegalStateException if this is not a tun or tap
     */
    public LinkSpec multiQueue() {
        if (!(kind instanceof Tun t)) {
            throw new IllegalStateException("multiQueue is for tun/tap, not " + kind.name());
        }
        return change(b -> b.kind = new Tun(t.tap, true, t.owner, t.group));
    }

    /** {@return the name of the device to create} */
    public String name() {
        return name;
    }

    /** {@return the kind and its options} */
    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return "LinkSpec[" + name + " type " + kind + (parent != null ? " link " + parent : "") + "]";
    }
}
