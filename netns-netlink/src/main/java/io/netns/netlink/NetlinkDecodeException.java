// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.NetnsException;

/**
 * A netlink message could not be decoded: truncated, a length that points outside the buffer, an
 * attribute of the wrong size. The only exception the decoder throws; its message says where
 * ("while decoding IFLA_LINKINFO of RTM_NEWLINK at offset 52: ...").
 */
public final class NetlinkDecodeException extends NetnsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and where
     */
    public NetlinkDecodeException(String message) {
        super(message);
    }
}
