package io.netns.netlink;

/**
 * A dump was interrupted by concurrent changes (the kernel set NLM_F_DUMP_INTR) more times than
 * the retry limit allowed, or during a streamed dump whose items were already handed out. The
 * results may be inconsistent; dump again.
 */
public final class DumpInterruptedException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    DumpInterruptedException(String requestType, int attempts) {
        super(requestType, "dump interrupted by concurrent changes " + attempts + " time(s); dump again", 4, null, -1);
    }
}
