// SPDX-License-Identifier: Apache-2.0
package io.netns;


import java.util.Optional;

/**
 * The root of every exception this library throws for a failed kernel operation.
 *
 * <p>It carries what a user needs to act without re-running under strace: the errno number and
 * its symbolic name ({@link #errnoName()}, e.g. {@code EPERM}), the operation that failed
 * ({@code "setns"}, {@code "mount"}, {@code "RTM_NEWLINK"}), what it was applied to (a path, a
 * namespace name, a link) and, for netlink requests, the kernel's own extended-ack text: the
 * message {@code ip} prints after {@code "Error:"}.
 *
 * <p>Unchecked, so lambdas and try-with-resources stay clean. Bad arguments detected before the
 * kernel is touched are reported as {@link IllegalArgumentException} instead.
 */
public class NetnsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The errno number, 0 when there is none. */
    private final int errno;
    /** The system call or request type, or null. */
    private final String operation;
    /** What the operation was applied to, or null. */
    private final String target;
    /** The kernel's extended-ack message, or null. */
    private final String kernelMessage;

    /**
     * A failure without an errno (for example a state the library detected itself).
     *
     * @param message what went wrong
     */
    public NetnsException(String message) {
        this(message, null, null, 0, null, null);
    }

    /**
     * A failure without an errno, caused by another exception.
     *
     * @param message what went wrong
     * @param cause the underlying exception
     */
    public NetnsException(String message, Throwable cause) {
        this(message, null, null, 0, null, cause);
    }

    /**
     * A failed system call or kernel request.
     *
     * @param operation the system call or request type, e.g. {@code "setns"} or {@code "RTM_NEWLINK"}
     * @param target what it was applied to (path, name, link), or {@code null}
     * @param errno the positive errno number the kernel returned
     */
    public NetnsException(String operation, String target, int errno) {
        this(describe(operation, target, errno, null), operation, target, errno, null, null);
    }

    /**
     * The full constructor, for subclasses in other modules (netlink errors carry the kernel's text).
     *
     * @param message the detail message
     * @param operation the system call or request type, or {@code null}
     * @param target what it was applied to, or {@code null}
     * @param errno the errno number, or 0 when there is none
     * @param kernelMessage the kernel's extended-ack message, or {@code null}
     * @param cause the cause, or {@code null}
     */
    protected NetnsException(String message, String operation, String target, int errno,
                             String kernelMessage, Throwable cause) {
        super(message, cause);
        this.errno = errno;
        this.operation = operation;
        this.target = target;
        this.kernelMessage = kernelMessage;
    }

    /**
     * Builds the standard message: {@code "mount /run/netns/a: EPERM (Operation not permitted)"},
     * followed by the kernel's message and, for permission errors, a pointer to the environment check.
     *
     * @param operation the operation
     * @param target the target, or {@code null}
     * @param errno the errno number
     * @param kernelMessage the kernel's extended-ack message, or {@code null}
     * @return the message
     */
    protected static String describe(String operation, String target, int errno, String kernelMessage) {
        StringBuilder sb = new StringBuilder(operation);
        if (target != null && !target.isEmpty()) {
            sb.append(' ').append(target);
        }
        sb.append(": ").append(Errno.name(errno)).append(" (").append(Errno.describe(errno)).append(')');
        if (kernelMessage != null && !kernelMessage.isEmpty()) {
            sb.append(": Error: ").append(kernelMessage);
        }
        if (errno == Errno.EPERM || errno == Errno.EACCES) {
            sb.append(". ").append(permissionHint(operation, target)).append("; print Netns.checkEnvironment() for details");
        }
        return sb.toString();
    }

    /** Which privilege the failed operation needs, so a permission error names what is missing. */
    static String permissionHint(String operation, String target) {
        if (target != null && target.startsWith("/proc/sys/net/")) {
            return "writing net.* sysctls (sysctl -w) needs CAP_NET_ADMIN over the namespace's user namespace";
        }
        if (target != null && target.startsWith("/proc/") && operation.equals("open")) {
            return "opening another process's namespace needs root (or CAP_SYS_PTRACE over it)";
        }
        if (operation.startsWith("RTM_") || operation.startsWith("NLMSG_")) {
            return "Changing links, addresses, routes, rules or namespace ids needs CAP_NET_ADMIN";
        }
        return switch (operation) {
            case "setns", "unshare", "mount", "umount2" -> operation + " needs CAP_SYS_ADMIN";
            case "socket", "setsockopt" -> operation + " failed for lack of privilege (CAP_NET_ADMIN or CAP_NET_RAW)";
            case "ioctl(TUNSETIFF)", "ioctl(TUNSETPERSIST)" -> "creating a tun/tap device needs CAP_NET_ADMIN";
            default -> operation + " was denied: it needs root, or write access to the run directory";
        };
    }

    /** {@return the errno number (one of the {@link Errno} constants), or 0 when the failure did not come from the kernel} */
    public int errno() {
        return errno;
    }

    /**
     * The symbolic errno name, for messages and logs. To test for a case, compare the number:
     * {@code e.errno() == Errno.EEXIST}.
     *
     * @return {@link Errno#name(int)} of {@link #errno()}: {@code "EEXIST"}, ..., or {@code "OK"}
     *         when the kernel gave no errno
     */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** {@return the system call or request type that failed, e.g. {@code "setns"} or {@code "RTM_NEWLINK"}} */
    public Optional<String> operation() {
        return Optional.ofNullable(operation);
    }

    /** {@return what the operation was applied to: a path, a namespace or link name} */
    public Optional<String> target() {
        return Optional.ofNullable(target);
    }

    /** {@return the kernel's extended-ack message (what {@code ip} prints after "Error:"), if it gave one} */
    public Optional<String> kernelMessage() {
        return Optional.ofNullable(kernelMessage);
    }
}
