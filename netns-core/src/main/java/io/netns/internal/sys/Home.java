// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import java.lang.ref.Cleaner;

/**
 * The process's home network namespace, and the library's long-lived threads, which live there.
 *
 * <p>A new thread is born in the namespace of the thread that starts it. The library starts its
 * helper threads lazily (the cleaner, the namespace factory, the virtual-thread waker), and the
 * thread that happens to start one may be inside a namespace: a pinned thread, or a caller in an
 * {@code enter()} scope. A helper born there would keep that namespace alive for as long as it
 * lives, devices included. So every helper moves itself home first, before it does any work.
 *
 * <p>Home is the network namespace of the process's initial thread ({@code /proc/self/ns/net}).
 * The {@code java} launcher runs {@code main} on another thread and leaves the initial one waiting,
 * so no Java code moves it.
 */
public final class Home {
    private static final String HOME = "/proc/self/ns/net";
    private static final String HERE = "/proc/thread-self/ns/net";

    /**
     * The library's one {@link Cleaner}: its thread moves home before it runs any cleaning action,
     * whichever thread first needed it.
     */
    public static final Cleaner CLEANER = Cleaner.create(task -> daemon("netns-cleaner", task));

    private Home() {
    }

    /**
     * An unstarted daemon platform thread that moves home (see {@link #moveHere()}) and then runs
     * {@code body}.
     *
     * @param name the thread's name
     * @param body what it runs once home
     * @return the thread, not started
     */
    public static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(null, () -> {
            moveHere();
            body.run();
        }, name, 0, false);
        t.setDaemon(true);
        return t;
    }

    /**
     * Moves the calling platform thread into the home network namespace if it is elsewhere.
     * Best effort: if the kernel refuses (a process without CAP_SYS_ADMIN could not have left home
     * in the first place), the thread stays where it is.
     *
     * @return whether the thread is home now
     */
    public static boolean moveHere() {
        try {
            Stat home = FileCalls.stat(HOME);
            if (home.sameFile(FileCalls.stat(HERE))) {
                return true;
            }
            int fd = FileCalls.open(HOME, Linux.O_RDONLY | Linux.O_CLOEXEC, 0);
            try {
                NamespaceCalls.setns(fd, Linux.CLONE_NEWNET, "home network namespace " + HOME);
            } finally {
                FileCalls.closeQuietly(fd);
            }
            return home.sameFile(FileCalls.stat(HERE));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
