// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.topology;

import io.netns.NetworkNamespace;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.link.OperState;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A picture of some network namespaces as one immutable value: each namespace's devices with their
 * kind, state, MTU, master and addresses, and the edges between them: veth pairs (also across
 * namespaces), bridge (or other master) membership, and the gateways of routes, found on the
 * segment of the route's device. It combines what {@code ip -d link show}, {@code ip addr show},
 * {@code ip route show table all} and {@code ip netns list-id} say about each namespace, matched up
 * across namespaces ({@code link-netnsid} and the peer's ifindex), which no single {@code ip}
 * command shows.
 *
 * <pre>{@code
 * Topology t = Topology.snapshot(host, ns1, ns2);    // or Topology.snapshotAll(): every named namespace
 * System.out.println(t);                             // readable text
 * Files.writeString(Path.of("net.dot"), t.toDot());  // dot -Tsvg net.dot > net.svg
 * }</pre>
 *
 * <p>Everything is sorted (namespaces by name, devices by name, edges by their ends), so the same
 * network gives the same text, {@link #toDot() dot}, {@link #toMermaid() Mermaid} and
 * {@link #toJson() JSON}: they can be compared with a golden copy. The pictures (dot, Mermaid) leave
 * out the values that change from run to run (ifindexes, namespace inodes); the text and JSON keep
 * them. IPv6 link-local addresses ({@code fe80::/10}, scope link), which the kernel derives from
 * random MAC addresses, are left out of the value.
 *
 * <p>A snapshot is read namespace after namespace, one dump at a time; it is not atomic against
 * changes made meanwhile.
 *
 * @param namespaces the namespaces, sorted by name
 * @param peers the veth pairs whose two ends are both in the snapshot, each once
 * @param foreignPeers the veth ends whose peer is in a namespace outside the snapshot
 * @param ports the devices with a master (bridge ports, bond slaves), with their master
 * @param gateways the gateways of routes (one per next hop), with the device that owns the address
 */
public record Topology(List<Namespace> namespaces, List<Peer> peers, List<ForeignPeer> foreignPeers,
                       List<Port> ports, List<Gateway> gateways) {

    /** Copies the lists. */
    public Topology {
        namespaces = List.copyOf(namespaces);
        peers = List.copyOf(peers);
        foreignPeers = List.copyOf(foreignPeers);
        ports = List.copyOf(ports);
        gateways = List.copyOf(gateways);
    }

    /**
     * One namespace of the snapshot.
     *
     * @param name its name, or {@code net:[INODE]} for a namespace without one
     * @param inode the inode of its nsfs file (what {@code /proc/PID/ns/net} links to)
     * @param devices its devices, sorted by name
     */
    public record Namespace(String name, long inode, List<Device> devices) {
        /** Checks and copies. */
        public Namespace {
            Objects.requireNonNull(name, "name");
            devices = List.copyOf(devices);
        }

        /**
         * {@return the device named {@code name} here, if any}
         *
         * @param name a device name
         */
        public Optional<Device> device(String name) {
            return devices.stream().filter(d -> d.name().equals(name)).findFirst();
        }
    }

    /**
     * A device, as {@code ip -d link show} and {@code ip addr show} describe it.
     *
     * @param name the interface name
     * @param index the ifindex
     * @param kind IFLA_INFO_KIND ({@code veth}, {@code bridge} ...), {@code loopback} for lo,
     *        {@code device} for one without a kind (a physical device)
     * @param state the operational state
     * @param mtu the MTU
     * @param master the name of its master (a bridge, a bond), if it has one
     * @param addresses its addresses with their prefix lengths, IPv4 first, without IPv6 link-local ones
     */
    public record Device(String name, int index, String kind, OperState state, int mtu, Optional<String> master,
                         List<IpPrefix> addresses) {
        /** Checks and copies. */
        public Device {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(master, "master");
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * A device in a namespace of the snapshot.
     *
     * @param namespace the namespace's {@linkplain Namespace#name() name}
     * @param device the device's name
     */
    public record Endpoint(String namespace, String device) implements Comparable<Endpoint> {
        private static final Comparator<Endpoint> ORDER = Comparator.comparing(Endpoint::namespace)
                .thenComparing(Endpoint::device);

        /** Checks. */
        public Endpoint {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(device, "device");
        }

        @Override
        public int compareTo(Endpoint o) {
            return ORDER.compare(this, o);
        }

        /** {@return {@code namespace/device}} */
        @Override
        public String toString() {
            return namespace + "/" + device;
        }
    }

    /**
     * The two ends of a veth pair, {@code a} before {@code b}.
     *
     * @param a one end
     * @param b the other end
     */
    public record Peer(Endpoint a, Endpoint b) {
        /** Checks. */
        public Peer {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
        }
    }

    /**
     * A veth end whose peer is in a namespace that is not in the snapshot: {@code ip link} shows it
     * as {@code eth0@if7 ... link-netnsid 0}.
     *
     * @param end the end in the snapshot
     * @param peerNsid the peer namespace's id as {@code end}'s namespace numbers it (IFLA_LINK_NETNSID),
     *        empty if the kernel sent none
     * @param peerIndex the peer's ifindex in its namespace (IFLA_LINK)
     */
    public record ForeignPeer(Endpoint end, OptionalInt peerNsid, int peerIndex) {
        /** Checks. */
        public ForeignPeer {
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(peerNsid, "peerNsid");
        }
    }

    /**
     * A device enslaved to a master in the same namespace ({@code ip link set PORT master BRIDGE}).
     *
     * @param master the bridge (or bond ...)
     * @param port the device
     */
    public record Port(Endpoint master, Endpoint port) {
        /** Checks. */
        public Port {
            Objects.requireNonNull(master, "master");
            Objects.requireNonNull(port, "port");
        }
    }

    /**
     * A route's gateway ({@code ip route add DESTINATION via GATEWAY}), one per next hop of a
     * multipath route.
     *
     * @param namespace the namespace of the route
     * @param destination the route's destination ({@code 0.0.0.0/0} for a default route)
     * @param gateway the gateway's address
     * @param device the route's output device, if it has one in its namespace
     * @param table the routing table (254 main)
     * @param owner the device holding the gateway address on the output device's segment (reached
     *        through veth pairs and bridges of the snapshot), if it is in the snapshot
     */
    public record Gateway(String namespace, IpPrefix destination, InetAddress gateway, Optional<String> device,
                          long table, Optional<Endpoint> owner) {
        /** Checks. */
        public Gateway {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(gateway, "gateway");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(owner, "owner");
        }
    }

    /**
     * Reads the given namespaces: for each, {@code ip -d link show}, {@code ip addr show} and
     * {@code ip route show table all}, then matches veth peers across them through the namespace ids
     * ({@code ip netns list-id}). Handles naming the same namespace count once. The handles stay
     * open (they are the caller's).
     *
     * @param namespaces the namespaces to draw
     * @return the snapshot
     * @throws IllegalArgumentException if no namespace is given
     * @throws io.netns.netlink.NetlinkException if the kernel refuses a dump
     */
    public static Topology snapshot(NetworkNamespace... namespaces) {
        Objects.requireNonNull(namespaces, "namespaces");
        return snapshot(Arrays.asList(namespaces));
    }

    /**
     * {@link #snapshot(NetworkNamespace...)} for a collection.
     *
     * @param namespaces the namespaces to draw
     * @return the snapshot
     * @throws IllegalArgumentException if the collection is empty
     */
    public static Topology snapshot(Collection<NetworkNamespace> namespaces) {
        Objects.requireNonNull(namespaces, "namespaces");
        namespaces.forEach(ns -> Objects.requireNonNull(ns, "a namespace is null"));
        if (namespaces.isEmpty()) {
            throw new IllegalArgumentException("no namespace to draw");
        }
        return TopologyReader.read(List.copyOf(namespaces));
    }

    /**
     * Every named namespace ({@code ip netns list}) in one snapshot, as
     * {@link #snapshot(NetworkNamespace...)} reads them; a name deleted while the snapshot is taken
     * is left out. With no named namespace the snapshot is empty.
     *
     * @return the snapshot
     */
    public static Topology snapshotAll() {
        return TopologyReader.readAll();
    }

    /**
     * {@return the namespace named {@code name} in the snapshot, if any}
     *
     * @param name a namespace name as in {@link Namespace#name()}
     */
    public Optional<Namespace> namespace(String name) {
        return namespaces.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /**
     * {@return the snapshot as a Graphviz graph: a cluster per namespace, a node per device (name,
     * kind, state, MTU, addresses), veth pairs as solid lines, master membership dashed, gateways as
     * dotted arrows from the route's device to the gateway's owner;} render it with {@code dot -Tsvg}.
     */
    public String toDot() {
        return new DotWriter(this).write();
    }

    /**
     * {@return the snapshot as a Mermaid flowchart (GitHub renders it in a {@code mermaid} code block),}
     * with the same nodes and edges as {@link #toDot()}
     */
    public String toMermaid() {
        return new MermaidWriter(this).write();
    }

    /**
     * {@return the snapshot as JSON: {@code namespaces} (with {@code devices}), {@code peers},
     * {@code foreignPeers}, {@code ports} and {@code gateways}, keys in a fixed order, indented}
     */
    public String toJson() {
        return TopologyJson.write(this);
    }

    /**
     * {@return the snapshot as readable text: each namespace with its devices ({@code INDEX: NAME
     * KIND STATE mtu N [master M] ADDRESSES}), then the veth pairs, the master membership and the
     * gateways}
     */
    @Override
    public String toString() {
        return TopologyText.write(this);
    }
}
