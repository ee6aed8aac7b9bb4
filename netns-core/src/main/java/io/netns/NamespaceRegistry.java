// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.FaultInjection;
import io.netns.internal.sys.FileCalls;
import io.netns.internal.sys.Linux;
import io.netns.internal.sys.NamespaceCalls;
import io.netns.internal.sys.Stat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Named network namespaces in one run directory, kept exactly as iproute2 keeps them: each name is
 * an empty file with the namespace's nsfs file bind-mounted on it, so {@code ip netns} and this
 * library see the same namespaces.
 *
 * <p>{@link Netns} uses the system registry ({@code /run/netns}, or the directory named by the
 * system property {@value #RUN_DIR_PROPERTY}). A registry of its own directory lets a program
 * without access to {@code /run/netns} (a rootless JVM under {@code unshare -Urnm}, say) keep
 * names in a tmpfs of its own.
 *
 * <p>The run directory is not trusted by its path. Each operation opens it component by component
 * without following symlinks (a symlink anywhere on the path is refused with {@code ELOOP}: name
 * the real directory, {@code /run/netns} rather than {@code /var/run/netns}), and then works
 * through descriptors: the namespace is mounted onto the very file {@code create} made. The
 * directory must be owned by root or by this process's user and must not be writable by group or
 * others, and no directory above it may be writable by others unless it is sticky ({@code /tmp});
 * otherwise every operation refuses it with a {@link NetnsException} that says why, because another
 * user could swap a name for a symlink between its creation and its mount and have root mount a
 * namespace over any file. {@code /run/netns} as iproute2 makes it (root, 0755) passes.
 */
public final class NamespaceRegistry {
    /** System property naming the run directory of {@link #system()}. */
    public static final String RUN_DIR_PROPERTY = "netns.run.dir";
    /**
     * The run directory iproute2 uses. {@code /var/run/netns} means the same on current systems
     * ({@code /var/run} is a symlink to {@code /run}), but a registry refuses a path through a symlink.
     */
    public static final Path DEFAULT_RUN_DIR = Path.of("/run/netns");

    private final Path dir;
    private final String dirString;

    private NamespaceRegistry(Path dir) {
        this.dir = dir;
        this.dirString = dir.toString();
    }

    /**
     * The registry in {@code directory}, created on first use with mode 0755. Nothing is checked
     * yet: each operation checks the directory (no symlink on its path, owned by root or this
     * user, not writable by others) when it runs.
     *
     * @param directory an absolute path, not {@code /}
     * @return the registry
     */
    public static NamespaceRegistry at(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!directory.isAbsolute()) {
            throw new IllegalArgumentException("run directory must be absolute: " + directory);
        }
        if (directory.normalize().getNameCount() == 0) {
            throw new IllegalArgumentException("run directory must not be /");
        }
        return new NamespaceRegistry(directory.normalize());
    }

    /** {@return the registry in {@code /run/netns}, or in the directory the system property names} */
    public static NamespaceRegistry system() {
        String configured = System.getProperty(RUN_DIR_PROPERTY);
        return at(configured == null || configured.isBlank() ? DEFAULT_RUN_DIR : Path.of(configured));
    }

    /** {@return the run directory} */
    public Path directory() {
        return dir;
    }

    private String pathOf(String name) {
        return dirString + "/" + name;
    }

    // ------------------------------------------------------------------ create

    /**
     * Creates a new network namespace and names it, like {@code ip netns add NAME}: the namespace
     * has only a loopback device, down. On failure nothing is left behind (no file, no mount).
     *
     * @param name the name: not empty, no '/', not "." or "..", at most 255 bytes, no control characters
     * @return an open handle on the new namespace
     * @throws NamespaceExistsException if the name is taken
     * @throws IllegalArgumentException if the name is not acceptable
     * @throws NetnsException if the kernel refuses (EPERM without CAP_SYS_ADMIN, ...) or the run
     *         directory is refused (a symlink on its path, writable by others: see the class comment)
     */
    public NetworkNamespace create(String name) {
        Names.check(name);
        String path = pathOf(name);
        return createNamed(name, path, "create", () -> {
            NamespaceCalls.unshare(Linux.CLONE_NEWNET);
            return "/proc/thread-self/ns/net";
        });
    }

    /**
     * Gives the network namespace of process {@code pid} a name, like {@code ip netns attach NAME PID}.
     *
     * @param name the name to give
     * @param pid the process whose namespace is named
     * @return an open handle on that namespace
     * @throws NamespaceExistsException if the name is taken
     * @throws NamespaceNotFoundException if there is no such process
     */
    public NetworkNamespace attach(String name, long pid) {
        Names.check(name);
        checkPid(pid);
        String path = pathOf(name);
        // Pin the namespace before naming it, so a PID reused meanwhile cannot swap it.
        try (NetworkNamespace target = Netns.ofPid(pid)) {
            return target.fd().use(fd -> createNamed(name, path, "attach", () -> "/proc/self/fd/" + fd));
        }
    }

    /** Where the bind-mount source comes from; runs on the namespace factory's thread. */
    private interface MountSource {
        String prepare();
    }

    private NetworkNamespace createNamed(String name, String path, String operation, MountSource source) {
        try (RunDirectory run = RunDirectory.openForCreate(dir)) { // locked until closed
            int dirFd = run.fd();
            int placeholder = createPlaceholder(dirFd, name, path, operation);
            Stat placeholderStat = null;
            int nsFd = -1;
            boolean mounted = false;
            try {
                placeholderStat = FileCalls.fstat(placeholder, path);
                FaultInjection.checkpoint("create:file-created");
                // on the dedicated factory thread: creating moves the thread into the new namespace
                nsFd = NamespaceFactory.call(() -> bind(source.prepare(), placeholder, path));
                mounted = true;
                FaultInjection.checkpoint("create:mounted");
                return new NetworkNamespace(nsFd, FileCalls.fstat(nsFd, path), name, Netns.pathOrNull(path));
            } catch (RuntimeException | Error e) {
                if (mounted) {
                    unmountQuietly(dirFd, name, path, nsFd);
                }
                FileCalls.closeQuietly(nsFd);
                boolean replaced = placeholderStat != null && !isEntry(dirFd, name, path, placeholderStat);
                if (!replaced) {
                    unlinkQuietly(dirFd, name, path);
                }
                if (replaced && !mounted && e instanceof NetnsException ne) {
                    throw new NetnsException(operation + " " + path + ": the empty file made for the name was"
                            + " replaced by another before the namespace was mounted on it; nothing was mounted and"
                            + " the other file is left alone (" + ne.getMessage() + ")", ne.operation().orElse(null),
                            path, ne.errno(), null, ne);
                }
                throw e;
            } finally {
                FileCalls.closeQuietly(placeholder);
            }
        }
    }

    /**
     * Bind-mounts {@code source} onto the placeholder through descriptors: the mount lands on the
     * very file {@code create} made, even if its name was replaced by a symlink meanwhile (then the
     * kernel refuses, as the file is no longer linked). Returns a descriptor of the namespace.
     */
    private static int bind(String source, int placeholder, String path) {
        int ns = FileCalls.open(source, Linux.O_RDONLY | Linux.O_CLOEXEC, 0);
        try {
            FileCalls.mount(RunDirectory.fdPath(ns), RunDirectory.fdPath(placeholder), "none", Linux.MS_BIND, null,
                    source + " -> " + path);
            return ns;
        } catch (RuntimeException e) {
            FileCalls.closeQuietly(ns);
            throw e;
        }
    }

    /** Creates the empty file the namespace is mounted on, like iproute2 (mode 0); returns it open. */
    private int createPlaceholder(int dirFd, String name, String path, String operation) {
        try {
            return FileCalls.openat(dirFd, name, Linux.O_RDONLY | Linux.O_CREAT | Linux.O_EXCL | Linux.O_CLOEXEC
                    | Linux.O_NOFOLLOW, 0, path);
        } catch (NetnsException e) {
            if (e.errno() == Errno.EEXIST) {
                if (classify(dirFd, name, path) == Entry.STALE) {
                    throw new NamespaceExistsException(name, path + ", an empty file that is not a mounted"
                            + " namespace: left by an interrupted create? Netns.delete(\"" + name
                            + "\") or ip netns del removes it", operation);
                }
                throw new NamespaceExistsException(name, path, operation);
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ open, list

    /**
     * Opens the namespace named {@code name}, like the lookup {@code ip -n NAME} does. A symlink
     * planted in the run directory is refused, not followed.
     *
     * @param name the name
     * @return an open handle
     * @throws NamespaceNotFoundException if there is no such name
     * @throws NotANetworkNamespaceException if the name is a symlink, a stale placeholder or another file
     */
    public NetworkNamespace open(String name) {
        Names.check(name);
        String path = pathOf(name);
        try (RunDirectory run = RunDirectory.openExisting(dir)) {
            if (run == null) {
                throw notFound(name, "open", path);
            }
            int fd;
            try {
                fd = FileCalls.openat(run.fd(), name, Linux.O_RDONLY | Linux.O_CLOEXEC | Linux.O_NOFOLLOW, 0, path);
            } catch (NetnsException e) {
                if (e.errno() == Errno.ENOENT) {
                    throw notFound(name, "open", path);
                }
                if (e.errno() == Errno.ELOOP) {
                    throw new NotANetworkNamespaceException(path, "a symbolic link (not followed)");
                }
                throw e;
            }
            return Netns.verified(fd, name, path);
        }
    }

    private static NamespaceNotFoundException notFound(String name, String operation, String path) {
        return new NamespaceNotFoundException("no network namespace named \"" + name + "\"", operation, path,
                Errno.ENOENT);
    }

    /**
     * Whether {@code name} is a live namespace (not a stale placeholder).
     *
     * @param name the name
     * @return whether {@link #open(String)} would find a namespace
     */
    public boolean exists(String name) {
        Names.check(name);
        return list().contains(name);
    }

    /**
     * The names of the live namespaces, sorted, like {@code ip netns list}. Entries that are not
     * namespaces (a placeholder left by an interrupted create, a planted symlink) are not listed;
     * see {@link #listStale()}.
     *
     * @return the names
     */
    public List<String> list() {
        return entries(Entry.LIVE);
    }

    /**
     * Empty placeholder files with no namespace mounted on them: what a process killed in the middle
     * of {@code create} leaves. {@link #delete(String)} removes them.
     *
     * @return their names, sorted
     */
    public List<String> listStale() {
        return entries(Entry.STALE);
    }

    private enum Entry { LIVE, STALE, OTHER, MISSING }

    private List<String> entries(Entry wanted) {
        try (RunDirectory run = RunDirectory.openExisting(dir)) {
            return run == null ? new ArrayList<>() : entries(run, wanted);
        }
    }

    /**
     * The names of one kind, sorted. Names are read as bytes and decoded as strict UTF-8: a name
     * this library cannot address (bytes that are not UTF-8, control characters: made by ip) is
     * left out rather than listed in a lossy form that would mean another file.
     */
    private List<String> entries(RunDirectory run, Entry wanted) {
        List<String> names = new ArrayList<>();
        for (byte[] raw : FileCalls.readDirectory(run.fd(), dirString)) {
            String name = Names.decode(raw);
            if (name != null && classify(run.fd(), name, pathOf(name)) == wanted) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    private static Entry classify(int dirFd, String name, String path) {
        Stat st;
        try {
            st = FileCalls.statx(dirFd, name, Linux.AT_SYMLINK_NOFOLLOW, path);
        } catch (NetnsException e) {
            return Entry.MISSING;
        }
        if (st.isSymlink()) {
            return Entry.OTHER;
        }
        if (st.devMajor() == Netns.nsfsDevice().devMajor() && st.devMinor() == Netns.nsfsDevice().devMinor()) {
            return Entry.LIVE;
        }
        return st.isRegularFile() && !st.isMountRoot() && st.size() == 0 ? Entry.STALE : Entry.OTHER;
    }

    // ------------------------------------------------------------------ delete, identify

    /**
     * Removes the name, like {@code ip netns del NAME}: unmounts it (lazily, MNT_DETACH) and deletes
     * the file. A namespace still used by processes, handles or sockets lives on until they are gone.
     * Also removes a stale placeholder left by an interrupted create.
     *
     * @param name the name
     * @throws NamespaceNotFoundException if there is no such name
     */
    public void delete(String name) {
        Names.check(name);
        String path = pathOf(name);
        try (RunDirectory run = RunDirectory.openExisting(dir)) {
            if (run == null) {
                throw notFound(name, "delete", path);
            }
            int entry;
            try {
                // O_PATH | O_NOFOLLOW: the entry itself, a planted symlink included, never what it points to
                entry = FileCalls.openat(run.fd(), name, Linux.O_PATH | Linux.O_NOFOLLOW | Linux.O_CLOEXEC, 0, path);
            } catch (NetnsException e) {
                if (e.errno() == Errno.ENOENT) {
                    throw notFound(name, "delete", path);
                }
                throw e;
            }
            try {
                if (!FileCalls.fstat(entry, path).isSymlink()) {
                    // through the descriptor: exactly the mount on this entry, lazily (MNT_DETACH) as ip does
                    FileCalls.umount2(RunDirectory.fdPath(entry), Linux.MNT_DETACH, path);
                }
            } catch (NetnsException e) {
                // EINVAL: not a mount point (a stale placeholder)
                if (e.errno() != Errno.EINVAL) {
                    throw e;
                }
            } finally {
                FileCalls.closeQuietly(entry);
            }
            try {
                FileCalls.unlinkat(run.fd(), name, 0, path);
            } catch (NetnsException e) {
                if (e.errno() != Errno.ENOENT) { // ENOENT: a concurrent delete removed it meanwhile
                    throw e;
                }
            }
        }
    }

    /**
     * The name of the namespace process {@code pid} is in, like {@code ip netns identify PID}.
     *
     * @param pid a process id
     * @return the first name (in sorted order) bound to that namespace, empty if it has none
     * @throws NamespaceNotFoundException if there is no such process
     */
    public Optional<String> identify(long pid) {
        checkPid(pid);
        String nsPath = "/proc/" + pid + "/ns/net";
        Stat target;
        try {
            target = FileCalls.stat(nsPath);
        } catch (NetnsException e) {
            throw Netns.noProcess(pid, "identify", nsPath, e);
        }
        return identify(target);
    }

    /**
     * The name under which {@code namespace} is registered here, if any.
     *
     * @param namespace a handle
     * @return the first name (in sorted order) bound to it
     */
    public Optional<String> nameOf(NetworkNamespace namespace) {
        return identify(namespace.stat());
    }

    private Optional<String> identify(Stat target) {
        try (RunDirectory run = RunDirectory.openExisting(dir)) {
            if (run == null) {
                return Optional.empty();
            }
            for (String name : entries(run, Entry.LIVE)) {
                try {
                    if (target.sameFile(FileCalls.statx(run.fd(), name, Linux.AT_SYMLINK_NOFOLLOW, pathOf(name)))) {
                        return Optional.of(name);
                    }
                } catch (NetnsException raced) {
                    // deleted meanwhile
                }
            }
            return Optional.empty();
        }
    }

    static void checkPid(long pid) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("not a process id: " + pid);
        }
    }

    /** Undoes the mount {@code create} made on {@code name}, if that is still what the name shows. */
    private static void unmountQuietly(int dirFd, String name, String path, int nsFd) {
        int entry = -1;
        try {
            entry = FileCalls.openat(dirFd, name, Linux.O_PATH | Linux.O_NOFOLLOW | Linux.O_CLOEXEC, 0, path);
            if (FileCalls.fstat(entry, path).sameFile(FileCalls.fstat(nsFd, path))) {
                FileCalls.umount2(RunDirectory.fdPath(entry), Linux.MNT_DETACH, path);
            }
        } catch (RuntimeException ignored) {
            // best effort on a path that already failed
        } finally {
            FileCalls.closeQuietly(entry);
        }
    }

    /** Whether {@code name} is (still) the file {@code expected} describes. */
    private static boolean isEntry(int dirFd, String name, String path, Stat expected) {
        try {
            return expected.sameFile(FileCalls.statx(dirFd, name, Linux.AT_SYMLINK_NOFOLLOW, path));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void unlinkQuietly(int dirFd, String name, String path) {
        try {
            FileCalls.unlinkat(dirFd, name, 0, path);
        } catch (RuntimeException ignored) {
            // best effort on a path that already failed
        }
    }

    @Override
    public String toString() {
        return "NamespaceRegistry[" + dir + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamespaceRegistry r && r.dir.equals(dir);
    }

    @Override
    public int hashCode() {
        return dir.hashCode();
    }
}
