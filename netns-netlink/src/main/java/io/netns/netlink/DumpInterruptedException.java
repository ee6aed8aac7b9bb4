// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.Errno;

/**
 * A dump was interrupted by concurrent changes (the kernel set NLM_F_DUMP_INTR) more times than
 * the retry limit allowed, or during a streamed dump whose items were already handed out. The
 * results may be inconsistent; dump again. Its errno is EINTR.
 */
public final class DumpInterruptedException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param what what was dumped ({@code links}, {@code routes})
     * @param attempts how many dumps were interrupted
     */
    public DumpInterruptedException(String what, int attempts) {
        super("dump of " + what + " interrupted by concurrent changes " + attempts + " time(s); dump again",
                "dump", what, Errno.EINTR);
    }
}
