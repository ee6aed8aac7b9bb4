// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.FaultInjection;
import io.netns.internal.sys.FileCalls;
import io.netns.internal.sys.Linux;
import io.netns.internal.sys.NamespaceCalls;
import io.netns.internal.sys.Stat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 */
public final class NamespaceRegistry {
    /** System property naming the run directory of {@link #system()}. */
    public static final String RUN_DIR_PROPERTY = "netns.run.dir";
    /** The run directory iproute2 uses ({@code /var/run/netns} is a symlink to it on current systems). */
    public static final Path DEFAULT_RUN_DIR = Path.of("/run/netns");

    private static final int UMOUNT_NOFOLLOW = 8;

    private final Path dir;
    private final String dirString;

    private NamespaceRegistry(Path dir) {
        this.dir = dir;
        this.dirString = dir.toString();
    }

    /**
     * The registry in {@code directory}, created on first use with mode 0755.
     *
     * @param directory an absolute path
     * @return the registry
     */
    public static NamespaceRegistry at(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!directory.isAbsolute()) {
            throw new IllegalArgumentException("run directory must be absolute: " + directory);
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
     * @throws NetnsException if the kernel refuses (EPERM without CAP_SYS_ADMIN, ...)
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
        int dirFd = prepareRunDirectory();
        try {
            createPlaceholder(dirFd, name, path, operation);
            FaultInjection.checkpoint("create:file-created");
            int nsFd;
            try {
                // on the dedicated factory thread: creating moves the thread into the new namespace
                nsFd = NamespaceFactory.call(() -> {
                    FileCalls.mount(source.prepare(), path, "none", Linux.MS_BIND, null);
                    try {
                        return FileCalls.open(path, Linux.O_RDONLY | Linux.O_CLOEXEC, 0);
                    } catch (RuntimeException e) {
                        umountQuietly(path);
                        throw e;
                    }
                });
            } catch (RuntimeException | Error e) {
                unlinkQuietly(dirFd, name, path);
                throw e;
            }
            FaultInjection.checkpoint("create:mounted");
            try {
                return new NetworkNamespace(nsFd, FileCalls.fstat(nsFd, path), name, Path.of(path));
            } catch (RuntimeException e) {
                FileCalls.closeQuietly(nsFd);
                umountQuietly(path);
                unlinkQuietly(dirFd, name, path);
                throw e;
            }
        } finally {
            FileCalls.closeQuietly(dirFd); // also releases the lock
        }
    }

    /**
     * mkdir -p the run directory, lock it (parallel creators must not stack mounts) and make it a
     * shared mount point, as iproute2 does. Returns the locked directory descriptor.
     */
    private int prepareRunDirectory() {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwxr-xr-x")));
            }
        } catch (IOException e) {
            throw new NetnsException("cannot create run directory " + dir + ": " + e, e);
        }
        int dirFd = FileCalls.open(dirString, Linux.O_RDONLY | Linux.O_DIRECTORY | Linux.O_CLOEXEC, 0);
        try {
            FileCalls.flock(dirFd, Linux.LOCK_EX, dirString);
            makeSharedMount();
            return dirFd;
        } catch (RuntimeException e) {
            FileCalls.closeQuietly(dirFd);
            throw e;
        }
    }

    private void makeSharedMount() {
        boolean madeMountPoint = false;
        while (true) {
            try {
                FileCalls.mount("", dirString, "none", Linux.MS_SHARED | Linux.MS_REC, null);
                return;
            } catch (NetnsException e) {
                // EINVAL: not a mount point yet. Make it one (bound onto itself), detach it from the
                // parent's peer group, then share it.
                if (e.errno() != Errno.EINVAL || madeMountPoint) {
                    throw e;
                }
                FileCalls.mount(dirString, dirString, "none", Linux.MS_BIND | Linux.MS_REC, null);
                FileCalls.mount("", dirString, "none", Linux.MS_PRIVATE | Linux.MS_REC, null);
                madeMountPoint = true;
            }
        }
    }

    private void createPlaceholder(int dirFd, String name, String path, String operation) {
        int fd;
        try {
            fd = FileCalls.openat(dirFd, name, Linux.O_RDONLY | Linux.O_CREAT | Linux.O_EXCL | Linux.O_CLOEXEC
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
        FileCalls.close(fd);
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
        int dirFd;
        try {
            dirFd = FileCalls.open(dirString, Linux.O_RDONLY | Linux.O_DIRECTORY | Linux.O_CLOEXEC, 0);
        } catch (NetnsException e) {
            if (e.errno() == Errno.ENOENT) {
                throw new NamespaceNotFoundException("no network namespace named \"" + name + "\"", "open",
                        path, e.errno());
            }
            throw e;
        }
        try {
            int fd;
            try {
                fd = FileCalls.openat(dirFd, name, Linux.O_RDONLY | Linux.O_CLOEXEC | Linux.O_NOFOLLOW, 0, path);
            } catch (NetnsException e) {
                if (e.errno() == Errno.ENOENT) {
                    throw new NamespaceNotFoundException("no network namespace named \"" + name + "\"", "open",
                            path, e.errno());
                }
                if (e.errno() == Errno.ELOOP) {
                    throw new NotANetworkNamespaceException(path, "a symbolic link (not followed)");
                }
                throw e;
            }
            return Netns.verified(fd, name, path);
        } finally {
            FileCalls.closeQuietly(dirFd);
        }
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
        List<String> names = new ArrayList<>();
        int dirFd;
        try {
            dirFd = FileCalls.open(dirString, Linux.O_RDONLY | Linux.O_DIRECTORY | Linux.O_CLOEXEC, 0);
        } catch (NetnsException e) {
            if (e.errno() == Errno.ENOENT) {
                return names;
            }
            throw e;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (classify(dirFd, name, pathOf(name)) == wanted) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            FileCalls.closeQuietly(dirFd);
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
        boolean unmounted = false;
        try {
            // UMOUNT_NOFOLLOW: a symlink planted under the name must not unmount what it points to.
            FileCalls.umount2(path, Linux.MNT_DETACH | UMOUNT_NOFOLLOW);
            unmounted = true;
        } catch (NetnsException e) {
            // EINVAL: not a mount point (a stale placeholder); ENOENT is reported by unlink below
            if (e.errno() != Errno.EINVAL && e.errno() != Errno.ENOENT) {
                throw e;
            }
        }
        try {
            FileCalls.unlinkat(Linux.AT_FDCWD, path, 0, path);
        } catch (NetnsException e) {
            if (e.errno() == Errno.ENOENT && !unmounted) {
                throw new NamespaceNotFoundException("no network namespace named \"" + name + "\"", "delete",
                        path, e.errno());
            }
            if (e.errno() != Errno.ENOENT) {
                throw e;
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
        for (String name : list()) {
            try {
                if (target.sameFile(FileCalls.stat(pathOf(name)))) {
                    return Optional.of(name);
                }
            } catch (NetnsException raced) {
                // deleted meanwhile
            }
        }
        return Optional.empty();
    }

    static void checkPid(long pid) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("not a process id: " + pid);
        }
    }

    private static void umountQuietly(String path) {
        try {
            FileCalls.umount2(path, Linux.MNT_DETACH | UMOUNT_NOFOLLOW);
        } catch (RuntimeException ignored) {
            // best effort on a path that already failed
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
