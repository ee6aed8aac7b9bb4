// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.Errno;

/**
 * There is no such link: {@code ip} says {@code Cannot find device "NAME"}. (ENODEV)
 */
public class NoSuchLinkException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from the kernel's answer.
     *
     * @param requestType the request's message type name, e.g. {@code RTM_NEWLINK}
     * @param target what the request was about
     * @param errno the errno (ENODEV)
     * @param kernelMessage the extended-ack message, or null
     * @param attributeOffset the offending attribute's offset in the request, or -1
     */
    public NoSuchLinkException(String requestType, String target, int errno, String kernelMessage, int attributeOffset) {
        super(requestType, target, errno, kernelMessage, attributeOffset);
    }

    /**
     * A device named in a request does not exist: found when its name was looked up, before the
     * request itself was sent. The message names the request as ip does:
     * {@code RTM_NEWADDR 198.18.0.1/24 dev nodev: Cannot find device "nodev"}.
     *
     * @param requestType the type of the request that named the device
     * @param target what that request was about
     * @param device the name that was not found
     */
    public NoSuchLinkException(String requestType, String target, String device) {
        super(requestType + (target == null || target.isEmpty() ? "" : " " + target) + ": Cannot find device \""
                + device + "\"", requestType, target, Errno.ENODEV);
    }

    /**
     * A request of a batch names a device that an earlier request of the same batch was to create
     * (or rename to that name) and did not: it is not sent, even if a link of that name exists from
     * before, since that is not the link the batch meant.
     *
     * @param requestType the type of the request that named the device
     * @param target what that request was about
     * @param device the name
     * @param failedRequest the earlier request's position in the batch
     * @param cause why the earlier request failed (the cause of this exception)
     */
    public NoSuchLinkException(String requestType, String target, String device, int failedRequest,
                               NetlinkException cause) {
        super(requestType + (target == null || target.isEmpty() ? "" : " " + target) + ": not sent: \"" + device
                + "\" was to be made by request #" + failedRequest + " of this batch, which failed ("
                + cause.getMessage() + ")", requestType, target, Errno.ENODEV, cause);
    }
}
