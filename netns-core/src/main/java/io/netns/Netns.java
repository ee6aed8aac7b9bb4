// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.FileCalls;
import io.netns.internal.sys.Linux;
import io.netns.internal.sys.NamespaceCalls;
import io.netns.internal.sys.Stat;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Entry points: create, open, list and delete network namespaces, and enter them.
 *
 * <pre>{@code
 * try (NetworkNamespace ns = Netns.create("blue")) {          // ip netns add blue
 *     ns.run(() -> System.out.println("inside blue"));        // ip netns exec blue ...
 *     try (var inside = ns.enter()) {                         // this thread, until closed
 *         ...
 *     }
 * } finally {
 *     Netns.delete("blue");                                   // ip netns del blue
 * }
 * }</pre>
 *
 * <p>Names live in the {@linkplain NamespaceRegistry#system() system registry}
 * ({@code /run/netns}, shared with iproute2); {@link #registry(Path)} gives another directory.
 * Everything here needs CAP_SYS_ADMIN (root, or a user namespace that owns the namespaces);
 * {@link #checkEnvironment()} tells what is missing.
 */
public final class Netns {
    private Netns() {
    }

    private static volatile Stat nsfs;

    /** {@return the registry of {@code /run/netns} (or of the {@value NamespaceRegistry#RUN_DIR_PROPERTY} property)} */
    public static NamespaceRegistry registry() {
        return NamespaceRegistry.system();
    }

    /**
     * A registry keeping names in another directory, e.g. a tmpfs of a rootless JVM.
     *
     * @param runDirectory an absolute directory path
     * @return the registry
     */
    public static NamespaceRegistry registry(Path runDirectory) {
        return NamespaceRegistry.at(runDirectory);
    }

    /**
     * Creates and names a new network namespace: {@code ip netns add NAME}.
     *
     * @param name the name
     * @return an open handle on it
     * @throws NamespaceExistsException if the name is taken
     * @see NamespaceRegistry#create(String)
     */
    public static NetworkNamespace create(String name) {
        return registry().create(name);
    }

    /**
     * Creates a new network namespace without a name, like {@code unshare --net} for a moment on a
     * dedicated thread: no file or mount in the run directory, so it is cheaper than
     * {@link #create(String)}. It lives as long as the returned handle, or a socket, process or
     * thread inside it, keeps it; closing the last of them destroys it with its devices.
     *
     * @return an open handle on the new namespace, unnamed
     * @throws NetnsException if the kernel refuses (EPERM without CAP_SYS_ADMIN, ...)
     */
    public static NetworkNamespace createUnnamed() {
        int fd = NamespaceFactory.call(() -> {
            NamespaceCalls.unshare(Linux.CLONE_NEWNET);
            return io.netns.internal.sys.CurrentNamespace.open();
        });
        try {
            return new NetworkNamespace(fd, FileCalls.fstat(fd, "new network namespace"), null, null);
        } catch (RuntimeException e) {
            FileCalls.closeQuietly(fd);
            throw e;
        }
    }

    /**
     * Names the network namespace of a process: {@code ip netns attach NAME PID}.
     *
     * @param name the name to give
     * @param pid the process
     * @return an open handle on its namespace
     * @see NamespaceRegistry#attach(String, long)
     */
    public static NetworkNamespace attach(String name, long pid) {
        return registry().attach(name, pid);
    }

    /**
     * Opens a named namespace (the lookup behind {@code ip -n NAME ...}).
     *
     * @param name the name
     * @return an open handle
     * @throws NamespaceNotFoundException if there is no such name
     * @see NamespaceRegistry#open(String)
     */
    public static NetworkNamespace open(String name) {
        return registry().open(name);
    }

    /**
     * Opens any network namespace file: a container runtime's bind mount, {@code /proc/PID/ns/net},
     * {@code /proc/PID/task/TID/ns/net}. Symlinks in the path are followed (the {@code /proc} entries
     * are magic links), but the file found must be a network namespace: nsfs, of type
     * CLONE_NEWNET.
     *
     * @param nsFile the file
     * @return an open handle, unnamed
     * @throws NotANetworkNamespaceException if it is a regular file or another kind of namespace
     * @throws NamespaceNotFoundException if it does not exist
     */
    public static NetworkNamespace open(Path nsFile) {
        Objects.requireNonNull(nsFile, "nsFile");
        String path = nsFile.toString();
        int fd;
        try {
            fd = FileCalls.open(path, Linux.O_RDONLY | Linux.O_CLOEXEC, 0);
        } catch (NetnsException e) {
            if (e.errno() == Errno.ENOENT) {
                throw new NamespaceNotFoundException("no such namespace file", "open", path, e.errno());
            }
            throw e;
        }
        return verified(fd, null, path);
    }

    /**
     * Opens the network namespace of a process: {@code nsenter -t PID -n}, {@code ip netns identify PID}.
     *
     * @param pid the process id
     * @return an open handle, unnamed
     * @throws NamespaceNotFoundException if there is no such process (or it exits meanwhile)
     */
    public static NetworkNamespace ofPid(long pid) {
        NamespaceRegistry.checkPid(pid);
        String path = "/proc/" + pid + "/ns/net";
        int fd;
        try {
            fd = FileCalls.open(path, Linux.O_RDONLY | Linux.O_CLOEXEC, 0);
        } catch (NetnsException e) {
            throw noProcess(pid, "open", path, e);
        }
        return verified(fd, null, path);
    }

    /**
     * Opens the network namespace the calling thread is in (on a virtual thread: its carrier's).
     *
     * @return an open handle, unnamed
     */
    public static NetworkNamespace current() {
        int fd = io.netns.internal.sys.CurrentNamespace.open();
        // name the file of this very thread: /proc/thread-self means another thread for other readers
        return verified(fd, null,
                "/proc/" + ProcessHandle.current().pid() + "/task/" + NamespaceCalls.gettid() + "/ns/net");
    }

    /**
     * The names of the live namespaces: {@code ip netns list}.
     *
     * @return the names, sorted
     * @see NamespaceRegistry#list()
     */
    public static List<String> list() {
        return registry().list();
    }

    /**
     * Whether a live namespace has this name.
     *
     * @param name the name
     * @return whether {@link #open(String)} would find it
     */
    public static boolean exists(String name) {
        return registry().exists(name);
    }

    /**
     * Removes a name: {@code ip netns del NAME}. The namespace lives on while processes or handles
     * still use it.
     *
     * @param name the name
     * @throws NamespaceNotFoundException if there is no such name
     * @see NamespaceRegistry#delete(String)
     */
    public static void delete(String name) {
        registry().delete(name);
    }

    /**
     * The name of a process's namespace: {@code ip netns identify PID}.
     *
     * @param pid the process id
     * @return its name, empty when its namespace has none
     * @throws NamespaceNotFoundException if there is no such process
     */
    public static Optional<String> identify(long pid) {
        return registry().identify(pid);
    }

    /**
     * Opens a named namespace and moves the calling platform thread into it until the returned
     * scope is closed (which also closes the handle): the Java form of {@code ip netns exec NAME}.
     *
     * <pre>{@code try (var ns = Netns.enter("ns1")) { ... } }</pre>
     *
     * @param name the name
     * @return the scope
     * @throws IllegalStateException on a virtual thread; use {@code call(...)} on a handle from
     *         {@link #open(String)} (in try-with-resources)
     * @throws NamespaceNotFoundException if there is no such name
     */
    public static NamespaceScope enter(String name) {
        if (Thread.currentThread().isVirtual()) {
            // refuse before opening anything
            throw new IllegalStateException("enter(\"" + name + "\") refused on a virtual thread: setns would move "
                    + "its carrier OS thread and unrelated virtual threads with it. Use call(...) on a handle: "
                    + "try (var ns = Netns.open(name)) { ns.call(...); }");
        }
        NetworkNamespace ns = open(name);
        try {
            return NamespaceScope.enter(ns, true);
        } catch (RuntimeException | Error e) {
            ns.close();
            throw e;
        }
    }

    /**
     * What this process may do, for a user to print when something fails: effective capabilities,
     * native access, the run directory, kernel features.
     *
     * @return the report
     */
    public static EnvironmentReport checkEnvironment() {
        return EnvironmentReport.probe(registry());
    }

    /**
     * As {@link #checkEnvironment()}, checking the run directory of {@code registry} (a rootless
     * program's own, for instance) instead of the system one.
     *
     * @param registry the registry whose directory is checked
     * @return the report
     */
    public static EnvironmentReport checkEnvironment(NamespaceRegistry registry) {
        return EnvironmentReport.probe(java.util.Objects.requireNonNull(registry, "registry"));
    }

    // ------------------------------------------------------------------ internals shared in the package

    /** Checks that {@code fd} is a network namespace (nsfs, CLONE_NEWNET) and wraps it, or closes it. */
    static NetworkNamespace verified(int fd, String name, String path) {
        try {
            long fsType = FileCalls.fstatfsType(fd, path);
            if (fsType != Linux.NSFS_MAGIC) {
                Stat st = FileCalls.fstat(fd, path);
                String what = st.isRegularFile() && st.size() == 0
                        ? "an empty file, not a mounted namespace (left by an interrupted create?)"
                        : st.isDirectory() ? "a directory" : "not an nsfs file (file system 0x" + Long.toHexString(fsType) + ")";
                throw new NotANetworkNamespaceException(path, what);
            }
            int type = FileCalls.ioctl(fd, Linux.NS_GET_NSTYPE, MemorySegment.NULL, "ioctl(NS_GET_NSTYPE)", path);
            if (type != Linux.CLONE_NEWNET) {
                throw new NotANetworkNamespaceException(path, "a " + namespaceKind(type) + " namespace");
            }
            return new NetworkNamespace(fd, FileCalls.fstat(fd, path), name, Path.of(path));
        } catch (RuntimeException | Error e) {
            FileCalls.closeQuietly(fd);
            throw e;
        }
    }

    private static String namespaceKind(int cloneFlag) {
        return switch (cloneFlag) {
            case 0x00020000 -> "mount";
            case 0x02000000 -> "cgroup";
            case 0x04000000 -> "UTS";
            case 0x08000000 -> "IPC";
            case 0x10000000 -> "user";
            case 0x20000000 -> "PID";
            case 0x00000080 -> "time";
            default -> "0x" + Integer.toHexString(cloneFlag);
        };
    }

    /** The nsfs device: every namespace file lives on it. */
    static Stat nsfsDevice() {
        Stat s = nsfs;
        if (s == null) {
            s = FileCalls.stat("/proc/self/ns/net");
            nsfs = s;
        }
        return s;
    }

    static NetnsException noProcess(long pid, String operation, String path, NetnsException cause) {
        if (cause.errno() == Errno.ENOENT || cause.errno() == Errno.ESRCH) {
            return new NamespaceNotFoundException("no process " + pid, operation, path, cause.errno());
        }
        if (cause.errno() == Errno.EACCES && hasExited(pid)) {
            // an exited, not yet reaped process (a zombie) has no namespaces left to open
            return new NamespaceNotFoundException("process " + pid + " has exited", operation, path, cause.errno());
        }
        return cause;
    }

    /** Whether {@code pid} is a zombie or gone, from the state field of /proc/PID/stat. */
    private static boolean hasExited(long pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
            int close = stat.lastIndexOf(')'); // the command name may hold spaces and parentheses
            char state = close > 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : 'X';
            return state == 'Z' || state == 'X';
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
