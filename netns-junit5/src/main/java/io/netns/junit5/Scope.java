// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The namespaces of one extension context (a test, a test class): named ones (hints, topology
 * names) and anonymous ones, in creation order. Names are looked up outwards through the parents.
 */
final class Scope implements AutoCloseable {
    /**
     * A veth pair of this scope with an end in an outer scope: removed explicitly at the end, so the
     * outer end does not linger until the kernel has freed this scope's namespace.
     */
    private record OuterPair(NetworkNamespace side, String device) {
    }

    private final Scope parent;
    private final String description;
    private final Map<String, NetworkNamespace> named = new LinkedHashMap<>();
    private final List<NetworkNamespace> created = new ArrayList<>();
    private final List<OuterPair> outerPairs = new ArrayList<>();
    private Set<String> runDirectoryBefore;
    private boolean closed;

    Scope(Scope parent, String description) {
        this.parent = parent;
        this.description = description;
    }

    String description() {
        return description;
    }

    synchronized void recordRunDirectory(Set<String> entries) {
        if (runDirectoryBefore == null) {
            runDirectoryBefore = entries;
        }
    }

    synchronized Set<String> runDirectoryBefore() {
        return runDirectoryBefore == null ? Set.of() : runDirectoryBefore;
    }

    /** The namespaces made by this scope and the outer ones, innermost first, each once. */
    List<NetworkNamespace> visibleNamespaces() {
        List<NetworkNamespace> all = new ArrayList<>();
        for (Scope s = this; s != null; s = s.parent) {
            synchronized (s) {
                for (NetworkNamespace ns : s.created) {
                    if (!all.contains(ns)) {
                        all.add(ns);
                    }
                }
            }
        }
        return all;
    }

    /** The namespace named {@code name} here or in an outer scope. */
    Optional<NetworkNamespace> find(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            synchronized (s) {
                NetworkNamespace ns = s.named.get(name);
                if (ns != null) {
                    return Optional.of(ns);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code ns} was created by this very scope (not an outer one). */
    synchronized boolean owns(NetworkNamespace ns) {
        return created.contains(ns);
    }

    /** The names visible from here, innermost first. */
    List<String> visibleNames() {
        List<String> names = new ArrayList<>();
        for (Scope s = this; s != null; s = s.parent) {
            synchronized (s) {
                for (String n : s.named.keySet()) {
                    if (!names.contains(n)) {
                        names.add(n);
                    }
                }
            }
        }
        return names;
    }

    /** The namespace named {@code name}, looked up outwards, else created here. */
    NetworkNamespace named(String name) {
        Optional<NetworkNamespace> found = find(name);
        if (found.isPresent()) {
            return found.get();
        }
        synchronized (this) {
            checkOpen();
            NetworkNamespace ns = named.get(name);
            if (ns == null) {
                ns = Owned.create(name);
                created.add(ns);
                named.put(name, ns);
            }
            return ns;
        }
    }

    /** A namespace of its own, for an injection point without a hint. */
    synchronized NetworkNamespace anonymous(String hint) {
        checkOpen();
        NetworkNamespace ns = Owned.create(hint);
        created.add(ns);
        return ns;
    }

    synchronized void addOuterPair(NetworkNamespace side, String device) {
        outerPairs.add(new OuterPair(side, device));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the namespaces of " + description + " were already deleted");
        }
    }

    /**
     * Deletes what this scope made: pairs between outer namespaces ({@code ip link del}), then its
     * namespaces, newest first ({@code ip netns del}). Idempotent.
     *
     * @return the problems met, empty if none
     */
    List<Throwable> tearDown() {
        List<OuterPair> pairs;
        List<NetworkNamespace> namespaces;
        synchronized (this) {
            if (closed) {
                return List.of();
            }
            closed = true;
            pairs = List.copyOf(outerPairs);
            namespaces = new ArrayList<>(created);
            outerPairs.clear();
            created.clear();
            named.clear();
        }
        List<Throwable> problems = new ArrayList<>();
        for (OuterPair p : pairs) {
            try {
                deleteLink(p.side(), p.device());
            } catch (RuntimeException | Error e) {
                problems.add(e);
            }
        }
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            try {
                Owned.delete(namespaces.get(i));
            } catch (RuntimeException | Error e) {
                problems.add(e);
            }
        }
        return problems;
    }

    private static void deleteLink(NetworkNamespace side, String device) {
        NetworkNamespace ns = side.isClosed() ? reopen(side) : side;
        if (ns == null) {
            return; // its namespace is gone, and the pair with it
        }
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            if (rt.links().find(device).isPresent()) {
                rt.links().del(device);
            }
        } finally {
            if (ns != side) {
                ns.close();
            }
        }
    }

    private static NetworkNamespace reopen(NetworkNamespace closedHandle) {
        String name = closedHandle.name().orElseThrow();
        return Owned.registry().exists(name) ? Owned.registry().open(name) : null;
    }

    @Override
    public void close() {
        List<Throwable> problems = tearDown();
        if (!problems.isEmpty()) {
            IllegalStateException e = new IllegalStateException("deleting the namespaces of " + description + " failed");
            problems.forEach(e::addSuppressed);
            throw e;
        }
    }

    @Override
    public String toString() {
        return "Scope[" + description + "]";
    }
}
