// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Every system call of the library goes through libc's {@code syscall(2)} with one descriptor
 * (a number and six {@code long}s), so the JVM builds one native call stub for all of them.
 *
 * <p>Why: each distinct {@link FunctionDescriptor} costs the JVM a generated stub class and its
 * method-handle forms the first time it is linked, about 15 ms each on a small machine; with one
 * handle per libc function a CLI command paid for some twenty of them before doing anything.
 * Arguments are passed as {@code long}s (an {@code int} widened, a pointer as its address): on
 * x86_64 and aarch64 the kernel reads each argument register whole for pointers and sizes, and only
 * the low 32 bits for {@code int}s, so widening is exact. Unused arguments are passed as 0.
 *
 * <p>The numbers are those of {@code asm/unistd_64.h} (x86_64) and {@code asm-generic/unistd.h}
 * (aarch64); a test compares them with {@code SYS_*} of the installed headers.
 */
final class Syscall {
    private Syscall() {
    }

    private static final boolean ARM64 = "aarch64".equals(Linux.ARCH);

    private static final FunctionDescriptor DESCRIPTOR = FunctionDescriptor.of(JAVA_LONG,
            JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);

    /** {@code long syscall(long number, ...)} with six {@code long} arguments after the number. */
    static final MethodHandle SYSCALL = sameStub("syscall");

    /**
     * A libc function called through the stub of {@link #SYSCALL} (the JVM makes one stub per
     * descriptor and options and only binds the address per function): a handle taking the errno
     * capture segment and seven {@code long}s. Only for functions of up to seven integer or pointer
     * arguments returning an integer, a pointer or nothing: the extra arguments are ignored by the
     * callee, and so is the variadic convention's register count.
     */
    static MethodHandle sameStub(String function) {
        return Downcalls.capturingVariadic(function, DESCRIPTOR, 1);
    }

    static final long SYS_close = ARM64 ? 57 : 3;
    static final long SYS_ioctl = ARM64 ? 29 : 16;
    static final long SYS_socket = ARM64 ? 198 : 41;
    static final long SYS_sendto = ARM64 ? 206 : 44;
    static final long SYS_recvfrom = ARM64 ? 207 : 45;
    static final long SYS_sendmsg = ARM64 ? 211 : 46;
    static final long SYS_bind = ARM64 ? 200 : 49;
    static final long SYS_getsockname = ARM64 ? 204 : 51;
    static final long SYS_setsockopt = ARM64 ? 208 : 54;
    static final long SYS_getsockopt = ARM64 ? 209 : 55;
    static final long SYS_flock = ARM64 ? 32 : 73;
    static final long SYS_statfs = ARM64 ? 43 : 137;
    static final long SYS_fstatfs = ARM64 ? 44 : 138;
    static final long SYS_mount = ARM64 ? 40 : 165;
    static final long SYS_umount2 = ARM64 ? 39 : 166;
    static final long SYS_gettid = ARM64 ? 178 : 186;
    static final long SYS_openat = ARM64 ? 56 : 257;
    static final long SYS_mkdirat = ARM64 ? 34 : 258;
    static final long SYS_unlinkat = ARM64 ? 35 : 263;
    static final long SYS_readlinkat = ARM64 ? 78 : 267;
    /** aarch64 has no {@code poll}: {@code ppoll} is on both. */
    static final long SYS_ppoll = ARM64 ? 73 : 271;
    static final long SYS_unshare = ARM64 ? 97 : 272;
    static final long SYS_setns = ARM64 ? 268 : 308;
    static final long SYS_statx = ARM64 ? 291 : 332;
    static final long SYS_write = ARM64 ? 64 : 1;
    static final long SYS_getdents64 = ARM64 ? 61 : 217;
    static final long SYS_geteuid = ARM64 ? 175 : 107;
}
