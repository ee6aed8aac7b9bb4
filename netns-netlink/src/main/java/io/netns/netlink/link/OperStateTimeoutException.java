// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link;

import io.netns.NetnsException;

import java.time.Duration;

/** {@link Links#awaitOperState} gave up: the link did not reach the state in time. */
public final class OperStateTimeoutException extends NetnsException {
    private static final long serialVersionUID = 1L;

    private final transient Link last;

    OperStateTimeoutException(String device, OperState wanted, Link last, Duration timeout) {
        super("waiting for " + device + " to be " + wanted + ": still " + last.operState() + " after "
                + timeout.toMillis() + " ms");
        this.last = last;
    }

    /** {@return the link as last seen} */
    public Link last() {
        return last;
    }
}
