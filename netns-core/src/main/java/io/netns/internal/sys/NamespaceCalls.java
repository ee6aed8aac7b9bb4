// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import static io.netns.internal.sys.Syscall.SYSCALL;
import static io.netns.internal.sys.Syscall.SYS_gettid;
import static io.netns.internal.sys.Syscall.SYS_setns;
import static io.netns.internal.sys.Syscall.SYS_unshare;
import static io.netns.internal.sys.Downcalls.fail;
import static io.netns.internal.sys.Downcalls.once;

/** Moving the calling OS thread between namespaces: {@code setns}, {@code unshare}, {@code gettid}. */
public final class NamespaceCalls {
    private NamespaceCalls() {
    }

    /**
     * {@code setns(fd, nstype)}: moves the calling OS thread into the namespace {@code fd} refers to.
     *
     * @param fd a namespace file descriptor
     * @param nstype the expected namespace type ({@link Linux#CLONE_NEWNET}) or 0
     * @param target what the fd is, for the error message
     */
    public static void setns(int fd, int nstype, String target) {
        FaultInjection.Hook hook = FaultInjection.setns;
        if (hook != null) {
            int injected = hook.errnoFor(fd, target);
            if (injected != 0) {
                throw fail("setns", target, -injected);
            }
        }
        long rc = once(c -> (long) SYSCALL.invokeExact(c, SYS_setns, (long) fd, (long) nstype, 0L, 0L, 0L, 0L));
        if (rc != 0) {
            throw fail("setns", target, rc);
        }
    }

    /** {@code unshare(flags)} for the calling thread. */
    public static void unshare(int flags) {
        long rc = once(c -> (long) SYSCALL.invokeExact(c, SYS_unshare, (long) flags, 0L, 0L, 0L, 0L, 0L));
        if (rc != 0) {
            throw fail("unshare", flagsName(flags), rc);
        }
    }

    private static String flagsName(int flags) {
        StringBuilder sb = new StringBuilder();
        if ((flags & Linux.CLONE_NEWNET) != 0) {
            sb.append("CLONE_NEWNET");
        }
        if ((flags & Linux.CLONE_NEWNS) != 0) {
            sb.append(sb.isEmpty() ? "" : "|").append("CLONE_NEWNS");
        }
        if ((flags & Linux.CLONE_NEWUSER) != 0) {
            sb.append(sb.isEmpty() ? "" : "|").append("CLONE_NEWUSER");
        }
        return sb.isEmpty() ? "0x" + Integer.toHexString(flags) : sb.toString();
    }

    /** {@code gettid()}: the kernel id of the calling OS thread (cannot fail). */
    public static int gettid() {
        return (int) once(c -> (long) SYSCALL.invokeExact(c, SYS_gettid, 0L, 0L, 0L, 0L, 0L, 0L));
    }
}
