// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What became of each request of a {@link Batch}, in order: applied by the kernel, refused by it,
 * or never sent. Every request of the batch has an outcome; a failure of one never hides the
 * others'.
 */
public final class BatchResult {
    /** What became of one request. */
    public enum Outcome {
        /** The kernel acknowledged it without error: the change is made. */
        APPLIED,
        /** The kernel refused it; {@link BatchResult#failure(int)} has its errno and text. Nothing changed. */
        REFUSED,
        /**
         * It was never sent, so nothing changed: a device it names by name does not exist, or was to
         * be created (or renamed to that name) by an earlier request of the batch that failed.
         * {@link BatchResult#failure(int)} says which.
         */
        NOT_SENT
    }

    private final List<NetlinkException> results;
    private final boolean[] sent;

    BatchResult(List<NetlinkException> results, boolean[] sent) {
        this.results = Collections.unmodifiableList(new ArrayList<>(results));
        this.sent = sent.clone();
    }

    /** {@return how many requests the batch had} */
    public int size() {
        return results.size();
    }

    /** {@return whether every request was applied} */
    public boolean ok() {
        return results.stream().allMatch(r -> r == null);
    }

    /**
     * {@return what became of one request}
     *
     * @param i the request's position in the batch, from 0
     * @throws IndexOutOfBoundsException if there is no request at {@code i}
     */
    public Outcome outcome(int i) {
        if (results.get(i) == null) {
            return Outcome.APPLIED;
        }
        return sent[i] ? Outcome.REFUSED : Outcome.NOT_SENT;
    }

    /**
     * {@return whether the kernel applied one request}
     *
     * @param i the request's position in the batch, from 0
     * @throws IndexOutOfBoundsException if there is no request at {@code i}
     */
    public boolean applied(int i) {
        return results.get(i) == null;
    }

    /** {@return the positions of the requests the kernel applied, in order} */
    public List<Integer> applied() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) == null) {
                out.add(i);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The failure of one request.
     *
     * @param i the request's position in the batch, from 0
     * @return why it failed, empty if it was applied
     * @throws IndexOutOfBoundsException if there is no request at {@code i}
     */
    public Optional<NetlinkException> failure(int i) {
        return Optional.ofNullable(results.get(i));
    }

    /** {@return the failures (refused and not sent), in order} */
    public List<NetlinkException> failures() {
        return results.stream().filter(r -> r != null).toList();
    }

    /**
     * Throws if any request failed, for callers that treat every failure as fatal.
     *
     * @return this result when every request was applied
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

    @Override
    public String toString() {
        int[] n = new int[Outcome.values().length];
        for (int i = 0; i < results.size(); i++) {
            n[outcome(i).ordinal()]++;
        }
        return "BatchResult[" + results.size() + " requests: " + n[0] + " applied, " + n[1] + " refused, " + n[2]
                + " not sent]";
    }
}
