// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** What the kernel answered to each request of a {@link Batch}, in order. */
public final class BatchResult {
    private final List<NetlinkException> results;

    BatchResult(List<NetlinkException> results) {
        this.results = Collections.unmodifiableList(new ArrayList<>(results));
    }

    /** {@return how many requests ran} */
    public int size() {
        return results.size();
    }

    /** {@return whether every request succeeded} */
    public boolean ok() {
        return results.stream().allMatch(r -> r == null);
    }

    /**
     * The outcome of one request.
     *
     * @param i the request's position in the batch, from 0
     * @return why it failed, empty if it succeeded
     * @throws IndexOutOfBoundsException if there is no request at {@code i}
     */
    public Optional<NetlinkException> failure(int i) {
        return Optional.ofNullable(results.get(i));
    }

    /** {@return the failures, in order} */
    public List<NetlinkException> failures() {
        return results.stream().filter(r -> r != null).toList();
    }

    /**
     * Throws if any request failed, for callers that treat every failure as fatal.
     *
     * @return this result when every request succeeded
     * @throws NetlinkException the first failure, with the others attached as suppressed exceptions
     */
    public BatchResult throwIfFailed() {
        List<NetlinkException> f = failures();
        if (f.isEmpty()) {
            return this;
        }
        NetlinkException first = f.get(0);
        for (int i = 1; i < f.size(); i++) {
            first.addSuppressed(f.get(i));
        }
        throw first;
    }
}
