// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.FileCalls;
import io.netns.internal.sys.Home;
import io.netns.internal.sys.Linux;
import io.netns.internal.sys.NamespaceCalls;
import io.netns.internal.sys.StatFs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts processes inside a namespace the way {@code ip netns exec} does, on a throwaway thread:
 * enter the network namespace, take a private mount namespace (allowed per thread, unlike entering
 * an existing one), make {@code /} a slave so nothing propagates back, mount a {@code /sys} that
 * shows this namespace's devices, bind {@code /etc/netns/NAME/*} over {@code /etc}, then start the
 * process, which inherits all of it. The thread ends afterwards, so no thread of the JVM keeps
 * the altered mounts.
 *
 * <p>The JDK waits for each child on a "process reaper" thread from a cached pool, and starts a
 * new one, from the thread that starts the process, when none is idle. Started from the exec
 * thread it would be born inside the namespace and its private mount namespace, and keep both
 * alive for the minute it stays idle afterwards. So before starting a process inside, the launcher
 * makes sure an idle reaper exists, if need be by starting {@code true} from home (see
 * {@link #primeReaper()}).
 */
final class ProcessLauncher {
    static final Path ETC_NETNS = Path.of("/etc/netns");

    private ProcessLauncher() {
    }

    static Process start(NetworkNamespace ns, ProcessBuilder builder) {
        String name = ns.name().orElse(null);
        primeReaper();
        return Throwaway.run("netns-exec", () -> {
            ns.fd().use(fd -> {
                NamespaceCalls.setns(fd, Linux.CLONE_NEWNET, ns.describe());
                return null;
            });
            NamespaceCalls.unshare(Linux.CLONE_NEWNS);
            FileCalls.mount("", "/", "none", Linux.MS_SLAVE | Linux.MS_REC, null);
            remountSys(name);
            if (name != null) {
                bindEtc(name);
            }
            try {
                return builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + builder.command() + " in " + ns, e);
            }
        });
    }

    /** Replaces /sys with a sysfs instance of the current network namespace, keeping it read-only if it was. */
    private static void remountSys(String name) {
        long flags = 0;
        try {
            StatFs fs = FileCalls.statfs("/sys");
            if ((fs.flags() & Linux.ST_RDONLY) != 0) {
                flags |= Linux.MS_RDONLY;
            }
        } catch (NetnsException noSys) {
            // no /sys at all: mount below reports it
        }
        try {
            FileCalls.umount2("/sys", Linux.MNT_DETACH);
        } catch (NetnsException notMounted) {
            // nothing was mounted there; that is fine
        }
        FileCalls.mount(name == null ? "none" : name, "/sys", "sysfs", flags, null);
    }

    /** Binds each file of /etc/netns/NAME over its namesake in /etc (resolv.conf, hosts...). */
    private static void bindEtc(String name) {
        Path dir = ETC_NETNS.resolve(name);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path source : entries) {
                Path target = Path.of("/etc").resolve(source.getFileName().toString());
                FileCalls.mount(source.toString(), target.toString(), "none", Linux.MS_BIND, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    // ------------------------------------------------------------------ the JDK's process reaper

    /** Programs that exit at once; the first that exists primes the reaper pool. */
    private static final String[] TRUE = {"/bin/true", "/usr/bin/true"};
    private static final String REAPER = "process reaper";
    /** How long to wait for the primed reaper to go back to its pool; it takes microseconds. */
    private static final long REAPER_IDLE_NANOS = 100_000_000L;

    /**
     * Makes sure the JDK has an idle process reaper, so the process about to be started inside a
     * namespace does not make the JDK start one there. If none is idle, starts {@code true} from a
     * thread at home and waits until the reaper that collected it is idle again. Best effort: a
     * process started by another thread at the same moment may take that reaper first, and without
     * a {@code true} program nothing is primed.
     */
    static void primeReaper() {
        if (idleReaperExists()) {
            return;
        }
        String program = null;
        for (String candidate : TRUE) {
            if (new File(candidate).canExecute()) {
                program = candidate;
                break;
            }
        }
        if (program == null) {
            return;
        }
        String[] command = {program};
        boolean started;
        try {
            started = Throwaway.run("netns-reaper-primer", () -> {
                if (!Home.moveHere()) {
                    return false; // a reaper started here would be no better than one started by exec
                }
                Process p = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                p.waitFor();
                return true;
            });
        } catch (RuntimeException notPrimed) {
            return; // only an optimisation: the exec itself reports real problems
        }
        long deadline = System.nanoTime() + REAPER_IDLE_NANOS;
        while (started && !idleReaperExists() && System.nanoTime() < deadline) {
            Thread.yield();
        }
    }

    /** Whether a JDK process reaper thread waits in its pool for the next process. */
    static boolean idleReaperExists() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            // a busy reaper is named "process reaper (pid N)" and blocks in waitpid (RUNNABLE)
            if (REAPER.equals(t.getName()) && t.getState() == Thread.State.TIMED_WAITING) {
                return true;
            }
        }
        return false;
    }
}
