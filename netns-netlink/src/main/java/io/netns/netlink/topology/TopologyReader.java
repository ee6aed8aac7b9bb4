// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.topology;

import io.netns.NamespaceNotFoundException;
import io.netns.Netns;
import io.netns.NetworkNamespace;
import io.netns.netlink.Family;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.Scope;
import io.netns.netlink.address.Address;
import io.netns.netlink.link.Link;
import io.netns.netlink.route.NextHop;
import io.netns.netlink.route.Route;
import io.netns.netlink.topology.Topology.Device;
import io.netns.netlink.topology.Topology.Endpoint;
import io.netns.netlink.topology.Topology.ForeignPeer;
import io.netns.netlink.topology.Topology.Gateway;
import io.netns.netlink.topology.Topology.Namespace;
import io.netns.netlink.topology.Topology.Peer;
import io.netns.netlink.topology.Topology.Port;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads a {@link Topology}: the dumps of each namespace, then the edges matched across them. */
final class TopologyReader {
    /** What one namespace's dumps said. */
    private record Dumps(String name, long inode, Map<Integer, Link> links, List<Address> addresses,
                         List<Route> routes, Map<Integer, Integer> nsidToNamespace) {
        String linkName(int index) {
            Link l = links.get(index);
            return l != null ? l.name() : "if" + index;
        }
    }

    private final List<Dumps> dumps = new ArrayList<>();
    private final Map<Endpoint, Set<Endpoint>> segments = new HashMap<>();

    private TopologyReader() {
    }

    static Topology readAll() {
        List<NetworkNamespace> open = new ArrayList<>();
        try {
            for (String name : Netns.list()) {
                try {
                    open.add(Netns.open(name));
                } catch (NamespaceNotFoundException deletedMeanwhile) {
                    // gone between the listing and the open: not part of the picture
                }
            }
            return open.isEmpty() ? new Topology(List.of(), List.of(), List.of(), List.of(), List.of()) : read(open);
        } finally {
            open.forEach(NetworkNamespace::close);
        }
    }

    static Topology read(List<NetworkNamespace> given) {
        // one entry per namespace (two handles may name the same one), in the order given
        Map<String, NetworkNamespace> distinct = new LinkedHashMap<>();
        for (NetworkNamespace ns : given) {
            distinct.putIfAbsent(ns.device() + ":" + ns.inode(), ns);
        }
        List<NetworkNamespace> namespaces = List.copyOf(distinct.values());
        List<String> names = names(namespaces);
        TopologyReader r = new TopologyReader();
        for (int i = 0; i < namespaces.size(); i++) {
            r.dumps.add(dump(namespaces, i, names.get(i)));
        }
        return r.build();
    }

    /** The handles' names; an unnamed namespace, or a second one with a name already taken, gets its inode. */
    private static List<String> names(List<NetworkNamespace> namespaces) {
        List<String> names = new ArrayList<>();
        for (NetworkNamespace ns : namespaces) {
            String inode = "net:[" + ns.inode() + "]";
            String name = ns.name().orElse(inode);
            names.add(names.contains(name) ? name + " (" + inode + ")" : name);
        }
        return names;
    }

    private static Dumps dump(List<NetworkNamespace> namespaces, int self, String name) {
        NetworkNamespace ns = namespaces.get(self);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            Map<Integer, Link> links = new TreeMap<>();
            for (Link l : rt.links().list()) {                           // ip -d link show
                links.put(l.index(), l);
            }
            List<Address> addresses = rt.addresses().list();              // ip addr show
            List<Route> routes = rt.routes().list(Family.UNSPEC, 0);      // ip route show table all (v4, v6)
            Map<Integer, Integer> nsids = new HashMap<>();
            // the link dump above made the kernel number every namespace a veth peer of this one is in
            if (links.values().stream().anyMatch(l -> l.linkNetnsId().isPresent())) {
                for (int j = 0; j < namespaces.size(); j++) {
                    if (j != self) {
                        int other = j;
                        rt.nsids().get(namespaces.get(j)).ifPresent(id -> nsids.put(id, other)); // ip netns list-id
                    }
                }
            }
            return new Dumps(name, ns.inode(), links, addresses, routes, nsids);
        }
    }

    private Topology build() {
        List<Namespace> namespaces = new ArrayList<>();
        Set<Peer> peers = new TreeSet<>(Comparator.comparing(Peer::a).thenComparing(Peer::b));
        List<ForeignPeer> foreign = new ArrayList<>();
        List<Port> ports = new ArrayList<>();
        for (Dumps d : dumps) {
            List<Device> devices = new ArrayList<>();
            for (Link l : d.links().values()) {
                Endpoint here = new Endpoint(d.name(), l.name());
                Optional<String> master = l.master().isPresent()
                        ? Optional.of(d.linkName(l.master().getAsInt())) : Optional.empty();
                master.ifPresent(m -> ports.add(new Port(new Endpoint(d.name(), m), here)));
                devices.add(new Device(l.name(), l.index(), kind(l), l.operState(), l.mtu(), master,
                        addresses(d.addresses(), l.index())));
                if (l.kind().orElse("").equals("veth") && l.link().isPresent() && l.link().getAsInt() != 0) {
                    Optional<Endpoint> other = peerOf(d, l);
                    if (other.isPresent()) {
                        Endpoint o = other.get();
                        peers.add(here.compareTo(o) <= 0 ? new Peer(here, o) : new Peer(o, here));
                    } else {
                        foreign.add(new ForeignPeer(here, l.linkNetnsId(), l.link().getAsInt()));
                    }
                }
            }
            devices.sort(Comparator.comparing(Device::name));
            namespaces.add(new Namespace(d.name(), d.inode(), devices));
        }
        namespaces.sort(Comparator.comparing(Namespace::name).thenComparingLong(Namespace::inode));
        foreign.sort(Comparator.comparing(ForeignPeer::end));
        ports.sort(Comparator.comparing(Port::master).thenComparing(Port::port));
        for (Peer p : peers) {
            link(p.a(), p.b());
        }
        for (Port p : ports) {
            link(p.master(), p.port());
        }
        List<Gateway> gateways = new ArrayList<>();
        for (Dumps d : dumps) {
            for (Route r : d.routes()) {
                r.gateway().ifPresent(g -> gateways.add(gateway(d, r, g, r.outputInterface())));
                for (NextHop h : r.nextHops()) {
                    h.gateway().ifPresent(g -> gateways.add(gateway(d, r, g, h.interfaceIndex() > 0
                            ? OptionalInt.of(h.interfaceIndex()) : OptionalInt.empty())));
                }
            }
        }
        gateways.sort(Comparator.comparing(Gateway::namespace).thenComparingLong(Gateway::table)
                .thenComparing(Gateway::destination, TopologyReader::comparePrefixes)
                .thenComparing(Gateway::gateway, TopologyReader::compareAddresses)
                .thenComparing(g -> g.device().orElse("")));
        return new Topology(namespaces, List.copyOf(peers), foreign, ports, gateways);
    }

    /** The other end of a veth: by IFLA_LINK in the namespace IFLA_LINK_NETNSID names, else in its own. */
    private Optional<Endpoint> peerOf(Dumps d, Link l) {
        int peerIndex = l.link().getAsInt();
        if (l.linkNetnsId().isPresent()) {
            Integer j = d.nsidToNamespace().get(l.linkNetnsId().getAsInt());
            if (j == null) {
                return Optional.empty();
            }
            Dumps other = dumps.get(j);
            Link peer = other.links().get(peerIndex);
            return peer == null ? Optional.empty() : Optional.of(new Endpoint(other.name(), peer.name()));
        }
        Link peer = d.links().get(peerIndex);
        // a peer in this namespace points back; anything else is a peer the kernel gave no nsid to
        return peer != null && peer.link().orElse(0) == l.index() && peer.linkNetnsId().isEmpty()
                ? Optional.of(new Endpoint(d.name(), peer.name())) : Optional.empty();
    }

    private static String kind(Link l) {
        return l.kind().orElse(l.isLoopback() ? "loopback" : "device");
    }

    /** The device's addresses, IPv4 first, sorted, without IPv6 link-local ones. */
    private static List<IpPrefix> addresses(List<Address> all, int index) {
        return all.stream().filter(a -> a.index() == index)
                .filter(a -> !(a.prefix().address() instanceof Inet6Address && a.scope().equals(Scope.LINK)))
                .map(a -> new IpPrefix(a.prefix().address(), a.prefixLength()))
                .sorted(TopologyReader::comparePrefixes).distinct().toList();
    }

    private void link(Endpoint a, Endpoint b) {
        segments.computeIfAbsent(a, k -> new TreeSet<>()).add(b);
        segments.computeIfAbsent(b, k -> new TreeSet<>()).add(a);
    }

    private Gateway gateway(Dumps d, Route r, InetAddress gateway, OptionalInt oif) {
        Optional<String> device = oif.isPresent() ? Optional.of(d.linkName(oif.getAsInt())) : Optional.empty();
        List<Endpoint> starts = new ArrayList<>();
        if (device.isPresent()) {
            starts.add(new Endpoint(d.name(), device.get()));
        } else {
            d.links().values().forEach(l -> starts.add(new Endpoint(d.name(), l.name())));
        }
        return new Gateway(d.name(), r.destination(), gateway, device, r.table(), owner(starts, gateway));
    }

    /**
     * The device holding {@code gateway} on the segment of {@code starts}: the devices reached through
     * veth pairs and master membership, nearest first (a device of the route itself only if no other has it).
     */
    private Optional<Endpoint> owner(List<Endpoint> starts, InetAddress gateway) {
        Deque<Endpoint> queue = new ArrayDeque<>(starts);
        Set<Endpoint> seen = new HashSet<>(starts);
        List<Endpoint> segment = new ArrayList<>();
        while (!queue.isEmpty()) {
            Endpoint e = queue.poll();
            segment.add(e);
            for (Endpoint next : segments.getOrDefault(e, Set.of())) {
                if (seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        Optional<Endpoint> own = Optional.empty();
        for (Endpoint e : segment) {
            if (holds(e, gateway)) {
                if (!starts.contains(e)) {
                    return Optional.of(e);
                }
                own = own.or(() -> Optional.of(e));
            }
        }
        return own;
    }

    private boolean holds(Endpoint e, InetAddress address) {
        for (Dumps d : dumps) {
            if (d.name().equals(e.namespace())) {
                for (Link l : d.links().values()) {
                    if (l.name().equals(e.device())) {
                        // every address, link-local ones included: an IPv6 gateway is often one
                        return d.addresses().stream().anyMatch(a -> a.index() == l.index()
                                && a.prefix().address().equals(address));
                    }
                }
            }
        }
        return false;
    }

    static int comparePrefixes(IpPrefix a, IpPrefix b) {
        int c = compareAddresses(a.address(), b.address());
        return c != 0 ? c : Integer.compare(a.prefixLength(), b.prefixLength());
    }

    /** IPv4 before IPv6, then by the bytes, unsigned. */
    static int compareAddresses(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        return x.length != y.length ? Integer.compare(x.length, y.length) : java.util.Arrays.compareUnsigned(x, y);
    }
}
