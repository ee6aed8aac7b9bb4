// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.internal;

/**
 * Where a family's change requests go: an {@link Exchange} runs each at once and throws when the
 * kernel refuses it; a batch queues them and reports failures in its result. Both the direct
 * handles and the batch views of a family submit the very same {@link Request}s, so the two APIs
 * cannot drift apart.
 */
public interface Sink {
    /**
     * Runs or queues a request.
     *
     * @param request the request
     */
    void submit(Request request);

    /** {@return the exchange behind this sink: reads and lookups always run at once} */
    Exchange exchange();

    /** {@return the group every link created through this sink gets, or -1 for none (a batch's {@code linkGroup})} */
    default int linkGroup() {
        return -1;
    }
}
