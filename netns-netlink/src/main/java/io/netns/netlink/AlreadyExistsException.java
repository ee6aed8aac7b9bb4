// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

/**
 * The object to add exists already (a link name, an address, a route, a rule): {@code RTNETLINK answers: File exists}. (EEXIST)
 */
public class AlreadyExistsException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from the kernel's answer.
     *
     * @param requestType the request's message type name, e.g. {@code RTM_NEWLINK}
     * @param target what the request was about
     * @param errno the errno (EEXIST)
     * @param kernelMessage the extended-ack message, or null
     * @param attributeOffset the offending attribute's offset in the request, or -1
     */
    public AlreadyExistsException(String requestType, String target, int errno, String kernelMessage, int attributeOffset) {
        super(requestType, target, errno, kernelMessage, attributeOffset);
    }
}
