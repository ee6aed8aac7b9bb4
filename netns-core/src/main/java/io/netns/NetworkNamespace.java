// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.FileCalls;
import io.netns.internal.sys.Home;
import io.netns.internal.sys.Linux;
import io.netns.internal.sys.NamespaceAccess;
import io.netns.internal.sys.NamespaceCalls;
import io.netns.internal.sys.Stat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.net.ProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A handle on one Linux network namespace: an open namespace file descriptor, so the namespace
 * stays alive while the handle is open, whatever happens to its name.
 *
 * <p>Get one from {@link Netns}: {@link Netns#create(String)}, {@link Netns#open(String)},
 * {@link Netns#open(Path)}, {@link Netns#ofPid(long)} or {@link Netns#current()}. Then:
 * <ul>
 *   <li>{@link #run(Runnable)} / {@link #call(ThrowingCallable)} run code on a platform thread that
 *       lives inside (the safe default: the caller's thread never moves);</li>
 *   <li>{@link #enter()} moves the calling platform thread in until the returned scope is closed;</li>
 *   <li>{@link #exec(String...)} starts a process inside, like {@code ip netns exec};</li>
 *   <li>{@link #openSocketChannel()} and friends create JDK sockets inside that any thread may use.</li>
 * </ul>
 *
 * <p>Handles are thread-safe. Two handles are {@linkplain #equals equal} when they refer to the
 * same namespace (same nsfs device and inode). {@link #close()} releases the descriptor and the
 * pinned threads; the namespace itself lives on while a name, process or other handle holds it.
 * Close every handle (try-with-resources): one that is never closed keeps the namespace alive
 * until the garbage collector finds it unreachable, and only then does a cleaner release it.
 */
public final class NetworkNamespace implements AutoCloseable {
    static {
        NamespaceAccess.install(new NamespaceAccess.Accessor() {
            @Override
            public <T> T withFd(NetworkNamespace namespace, java.util.function.IntFunction<T> action) {
                try {
                    return namespace.fd.use(action);
                } finally {
                    Reference.reachabilityFence(namespace); // its cleaner must not close the fd first
                }
            }

            @Override
            public <T> T callBriefly(NetworkNamespace namespace, java.util.concurrent.Callable<T> step) {
                return NamespaceFactory.callInside(namespace, step);
            }
        });
    }

    private final NamespaceFd fd;
    private final Stat stat;
    private final String name;
    private final Path path;
    /** What close() or, for a handle never closed, the cleaner releases; it never refers to the handle. */
    private final Resources resources;
    private final Cleaner.Cleanable cleanable;
    /** The view {@link #executor()} hands out: it keeps this handle reachable while a caller keeps it. */
    private final Executor executor = new HandleExecutor();

    NetworkNamespace(int fd, Stat stat, String name, Path path) {
        this.stat = stat;
        this.name = name;
        this.path = path;
        this.fd = new NamespaceFd(fd, describe(name, stat));
        this.resources = new Resources(this.fd, "netns-" + (name != null ? name : "net:" + stat.ino()) + "-");
        this.cleanable = Home.CLEANER.register(this, resources);
    }

    /**
     * The descriptor and the pinned executor of one handle. Run once, by {@link #close()} or by the
     * library's cleaner after the handle became unreachable: refuses new tasks and ends the pinned
     * threads (see {@link PinnedExecutor#shutdown()}), then closes the descriptor.
     */
    private static final class Resources implements Runnable {
        private final NamespaceFd fd;
        private final String threadPrefix;
        private volatile PinnedExecutor executor;
        private volatile boolean closed;

        Resources(NamespaceFd fd, String threadPrefix) {
            this.fd = fd;
            this.threadPrefix = threadPrefix;
        }

        /** The executor, created on first use; IllegalStateException once closed. */
        PinnedExecutor pinned() {
            PinnedExecutor e = executor;
            if (e == null || closed) {
                synchronized (this) {
                    if (closed) {
                        throw new IllegalStateException(fd.description() + " handle is closed");
                    }
                    e = executor;
                    if (e == null) {
                        e = new PinnedExecutor(fd, threadPrefix);
                        executor = e;
                    }
                }
            }
            return e;
        }

        @Override
        public void run() {
            PinnedExecutor e;
            synchronized (this) {
                closed = true;
                e = executor;
            }
            if (e != null) {
                e.shutdown();
            }
            fd.close(); // now, or when the last pinned thread ended
        }
    }

    /** {@link #executor()}: a view on the pinned executor that keeps this handle reachable. */
    private final class HandleExecutor implements Executor {
        @Override
        public void execute(Runnable task) {
            PinnedExecutor e;
            try {
                e = resources.pinned();
            } catch (IllegalStateException closed) {
                throw new RejectedExecutionException(closed.getMessage(), closed);
            }
            try {
                e.execute(task);
            } finally {
                Reference.reachabilityFence(this); // and so the handle: not released meanwhile
            }
        }

        @Override
        public String toString() {
            return "executor of " + NetworkNamespace.this;
        }
    }

    private static String describe(String name, Stat stat) {
        return name != null ? "netns " + name : "netns net:[" + stat.ino() + "]";
    }

    NamespaceFd fd() {
        return fd;
    }

    String describe() {
        return fd.description();
    }

    /** {@return the name under the run directory, empty for a namespace opened by PID, path or as current} */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** {@return the file this handle was opened from ({@code /run/netns/NAME}, {@code /proc/PID/ns/net}...)} */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** {@return the namespace's inode number, the id {@code ls -l /proc/PID/ns/net} shows as {@code net:[inode]}} */
    public long inode() {
        return stat.ino();
    }

    /** {@return the device number of the nsfs file system; with {@link #inode()} it identifies the namespace} */
    public long device() {
        return stat.dev();
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return fd.isClosed();
    }

    // ------------------------------------------------------------------ entering

    /**
     * Moves the calling platform thread into this namespace until the returned scope is closed.
     * Replaces {@code ip netns exec NAME} for code running on the current thread.
     *
     * @return the scope; close it (try-with-resources) to move the thread back
     * @throws IllegalStateException on a virtual thread (setns would move its carrier); use {@link #call}
     * @throws NetnsException if the kernel refuses, e.g. {@code EPERM} without CAP_SYS_ADMIN
     */
    public NamespaceScope enter() {
        return NamespaceScope.enter(this, false);
    }

    /**
     * Runs {@code task} on a platform thread that lives inside this namespace and waits for it.
     * The calling thread does not move; virtual threads may call this. Interrupts and
     * {@link #close()} work as for {@link #call}. Like {@code ip netns exec NAME} for a piece of
     * Java code.
     *
     * @param task the code to run inside
     * @throws RuntimeException or Error: whatever {@code task} threw, unwrapped
     * @throws java.util.concurrent.CancellationException if the caller was interrupted before the task
     *         started; the task is not run
     * @throws IllegalStateException if the handle is closed, or was closed before the task started
     */
    public void run(Runnable task) {
        Objects.requireNonNull(task, "task");
        try {
            resources.pinned().call(() -> {
                task.run();
                return null;
            });
        } finally {
            Reference.reachabilityFence(this); // not released by the cleaner while the task runs
        }
    }

    /**
     * Computes a value on a platform thread that lives inside this namespace and returns it.
     * The calling thread does not move; virtual threads may call this. Exceptions reach the caller
     * with their own type ({@code X} is what the lambda declares). Like {@code ip netns exec NAME}
     * for a piece of Java code.
     *
     * <pre>{@code long inside = ns.call(() -> Files.readAttributes(...)); }</pre>
     *
     * <p>An interrupted caller: if the task has not started (the caller's interrupt status was
     * already set when it called, or it was interrupted while the task waited for a thread), the
     * task is withdrawn, never runs, and the caller gets {@code CancellationException}. If the task
     * has started, the interrupt is passed on to the task's thread (so {@code sleep}, blocking
     * channel calls and the like end early) and the caller waits for the task and gets its result
     * or exception. Never both: a task reported cancelled did not run. The caller's interrupt
     * status is still set afterwards, whatever the outcome. A call made from one of this handle's
     * own pinned threads runs inline, like a plain method call.
     *
     * <p>{@link #close()} lets a task that has started finish and deliver its result; a call whose
     * task has not started fails at once with {@code IllegalStateException}, as does every later call.
     *
     * @param task the code to run inside
     * @param <T> the result type
     * @param <X> the checked exception {@code task} may throw
     * @return what {@code task} returned
     * @throws X what {@code task} threw
     * @throws java.util.concurrent.CancellationException if the caller was interrupted before the task
     *         started; the task is not run
     * @throws IllegalStateException if the handle is closed, or was closed before the task started
     */
    public <T, X extends Exception> T call(ThrowingCallable<T, X> task) throws X {
        Objects.requireNonNull(task, "task");
        try {
            return resources.pinned().call(task);
        } finally {
            Reference.reachabilityFence(this); // not released by the cleaner while the task runs
        }
    }

    /**
     * An executor whose daemon platform threads live inside this namespace (created inside, never
     * moved out, named {@code netns-NAME-N}). Use it with {@code CompletableFuture.supplyAsync(...,
     * ns.executor())}. It is owned by this handle and ends with {@link #close()}: tasks submitted
     * before still run, later ones get {@link RejectedExecutionException}. Keeping the executor
     * keeps the handle from being collected, so it still works if the handle was not kept.
     *
     * @return the executor of this handle
     * @throws IllegalStateException if the handle is closed
     */
    public Executor executor() {
        resources.pinned();
        return executor;
    }

    /**
     * A factory of platform threads that enter this namespace before running their task, for
     * frameworks that own their threads (Netty event loops, thread pools). A thread that cannot
     * enter does not run its task and reports the error to its uncaught-exception handler.
     *
     * @param namePrefix prefix of the thread names; a counter is appended
     * @return the factory; each new thread uses this handle when it starts, so keep the handle open
     *         until the threads it made have started
     */
    public ThreadFactory threadFactory(String namePrefix) {
        Objects.requireNonNull(namePrefix, "namePrefix");
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Runnable inside = () -> {
                fd.use(raw -> {
                    NamespaceCalls.setns(raw, Linux.CLONE_NEWNET, describe());
                    return null;
                });
                task.run();
            };
            Thread t = new Thread(null, inside, namePrefix + counter.incrementAndGet(), 0, false);
            t.setDaemon(true);
            return t;
        };
    }

    // ------------------------------------------------------------------ processes

    /**
     * Starts {@code command} inside this namespace, like {@code ip netns exec NAME command...}:
     * the process sees this namespace's devices also under {@code /sys/class/net}, and files in
     * {@code /etc/netns/NAME/} replace their namesakes in {@code /etc}. No shell is involved; the
     * arguments are passed as they are.
     *
     * @param command the program and its arguments
     * @return the started process
     * @throws UncheckedIOException if the program cannot be started
     */
    public Process exec(String... command) {
        if (command.length == 0) {
            throw new IllegalArgumentException("exec needs a command");
        }
        return start(new ProcessBuilder(command));
    }

    /**
     * Starts the process {@code builder} describes inside this namespace; see {@link #exec(String...)}.
     *
     * @param builder the process to start (its directory, environment and redirects are kept)
     * @return the started process
     * @throws UncheckedIOException if the program cannot be started
     */
    public Process start(ProcessBuilder builder) {
        Objects.requireNonNull(builder, "builder");
        return ProcessLauncher.start(this, builder);
    }

    /**
     * The processes whose network namespace is this one, like {@code ip netns pids NAME}.
     *
     * @return their PIDs in ascending order
     */
    public List<Long> pids() {
        List<Long> result = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString())
                    .filter(s -> !s.isEmpty() && s.chars().allMatch(Character::isDigit))
                    .mapToLong(Long::parseLong)
                    .sorted()
                    .forEach(pid -> {
                        try {
                            if (stat.sameFile(FileCalls.stat("/proc/" + pid + "/ns/net"))) {
                                result.add(pid);
                            }
                        } catch (NetnsException gone) {
                            // exited meanwhile, or a kernel thread without a namespace link
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    // ------------------------------------------------------------------ sockets

    /**
     * Opens a TCP server channel whose socket belongs to this namespace. Bind and accept from any
     * thread, virtual threads included: a socket stays in the namespace it was created in.
     *
     * @return an unbound server socket channel
     * @throws UncheckedIOException if the socket cannot be created
     */
    public ServerSocketChannel openServerSocketChannel() {
        return briefly(ServerSocketChannel::open);
    }

    /**
     * As {@link #openServerSocketChannel()}, for one protocol family.
     *
     * @param family {@link java.net.StandardProtocolFamily#INET} or {@code INET6}
     * @return an unbound server socket channel
     */
    public ServerSocketChannel openServerSocketChannel(ProtocolFamily family) {
        return briefly(() -> ServerSocketChannel.open(family));
    }

    /**
     * Opens a TCP socket channel whose socket belongs to this namespace; connect it from any thread.
     *
     * @return an unconnected socket channel
     * @throws UncheckedIOException if the socket cannot be created
     */
    public SocketChannel openSocketChannel() {
        return briefly(SocketChannel::open);
    }

    /**
     * As {@link #openSocketChannel()}, for one protocol family.
     *
     * @param family {@link java.net.StandardProtocolFamily#INET} or {@code INET6}
     * @return an unconnected socket channel
     */
    public SocketChannel openSocketChannel(ProtocolFamily family) {
        return briefly(() -> SocketChannel.open(family));
    }

    /**
     * Opens a UDP channel whose socket belongs to this namespace.
     *
     * @return an unbound datagram channel
     * @throws UncheckedIOException if the socket cannot be created
     */
    public DatagramChannel openDatagramChannel() {
        return briefly(DatagramChannel::open);
    }

    /**
     * As {@link #openDatagramChannel()}, for one protocol family.
     *
     * @param family {@link java.net.StandardProtocolFamily#INET} or {@code INET6}
     * @return an unbound datagram channel
     */
    public DatagramChannel openDatagramChannel(ProtocolFamily family) {
        return briefly(() -> DatagramChannel.open(family));
    }

    /**
     * Opens a socket inside on the library's dedicated namespace thread (a few microseconds, and no
     * pinned thread is started for a namespace that only needs sockets).
     */
    private <T> T briefly(IoSupplier<T> open) {
        if (fd.isClosed()) {
            throw new IllegalStateException(describe() + " handle is closed");
        }
        return NamespaceFactory.callInside(this, () -> wrapIo(open));
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static <T> T wrapIo(IoSupplier<T> s) {
        try {
            return s.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ sysctl

    /**
     * Reads a network sysctl of this namespace, like {@code ip netns exec NAME sysctl -n KEY}.
     *
     * @param key a {@code net.*} key such as {@code net.ipv4.ip_forward}
     * @return the value, trimmed
     * @throws IllegalArgumentException for a key outside {@code net.} (those are not per namespace)
     */
    public String sysctl(String key) {
        Path file = sysctlPath(key);
        return call(() -> wrapIo(() -> Files.readString(file).trim()));
    }

    /**
     * Writes a network sysctl of this namespace, like {@code ip netns exec NAME sysctl -w KEY=VALUE}.
     *
     * @param key a {@code net.*} key such as {@code net.ipv4.ip_forward}
     * @param value the new value
     * @throws IllegalArgumentException for a key outside {@code net.} (those are not per namespace)
     */
    public void setSysctl(String key, String value) {
        Path file = sysctlPath(key);
        Objects.requireNonNull(value, "value");
        run(() -> wrapIo(() -> Files.writeString(file, value)));
    }

    /**
     * Maps a sysctl key to its file: {@code net.ipv4.ip_forward} or, as sysctl(8) accepts for
     * names holding dots (VLAN devices), {@code net/ipv4/conf/eth0.100/forwarding}.
     */
    static Path sysctlPath(String key) {
        Objects.requireNonNull(key, "key");
        boolean slashes = key.indexOf('/') >= 0;
        String[] parts = slashes ? key.split("/", -1) : key.split("\\.", -1);
        if (parts.length < 2 || !parts[0].equals("net")) {
            throw new IllegalArgumentException("only net.* sysctls belong to a network namespace: " + key);
        }
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("malformed sysctl key: " + key);
            }
        }
        return Path.of("/proc/sys", parts);
    }

    // ------------------------------------------------------------------ identity

    /**
     * Releases the namespace descriptor and stops this handle's pinned threads: calls whose task
     * has not started fail with {@link IllegalStateException}, tasks that started (and
     * {@link #executor()} tasks already submitted) run to their end, then the threads end. The
     * namespace itself is not deleted (see {@link Netns#delete(String)}). Idempotent. A handle that
     * is never closed is released the same way once it is unreachable, by a cleaner, at a time only
     * the garbage collector decides: close it.
     */
    @Override
    public void close() {
        cleanable.clean();
    }

    /** {@return whether {@code o} is a handle on the same namespace (same nsfs device and inode)} */
    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkNamespace other && stat.sameFile(other.stat);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(stat.ino()) * 31 + Long.hashCode(stat.dev());
    }

    @Override
    public String toString() {
        return "NetworkNamespace[" + (name != null ? name + ", " : "") + "net:[" + stat.ino() + "]"
                + (fd.isClosed() ? ", closed" : "") + "]";
    }

    Stat stat() {
        return stat;
    }

    int pinnedThreads() {
        PinnedExecutor e = resources.executor;
        return e == null ? 0 : e.liveThreads();
    }
}
