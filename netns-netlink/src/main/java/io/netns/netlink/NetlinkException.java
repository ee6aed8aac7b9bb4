// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.NetnsException;
import io.netns.Errno;

import java.util.OptionalInt;

/**
 * The kernel refused an rtnetlink request. Carries the errno (number and name), the request type
 * ({@code RTM_NEWLINK}) and what it was about, and the kernel's extended ack: the text {@code ip}
 * prints after "Error:" and the offset of the offending attribute in the request.
 *
 * <pre>{@code
 * RTM_NEWLINK veth0: EEXIST (File exists)
 * RTM_NEWLINK d0: EOPNOTSUPP (Operation not supported): Error: Unknown device type.
 * }</pre>
 */
public class NetlinkException extends NetnsException {
    private static final long serialVersionUID = 1L;

    /** The request's message type name. */
    private final String requestType;
    /** The offending attribute's offset in the request, or -1. */
    private final int attributeOffset;

    /**
     * {@return the exception for a refused request: a typed subclass for the errnos one often
     * handles ({@link NoSuchLinkException} for ENODEV, {@link AlreadyExistsException} for EEXIST,
     * {@link NoSuchRouteException} for ESRCH, {@link NoSuchAddressException} for EADDRNOTAVAIL),
     * else a plain {@code NetlinkException}}
     *
     * @param requestType the request's message type name, e.g. {@code RTM_NEWLINK}
     * @param target what the request was about (a link, a route), or null
     * @param errno the positive errno
     * @param kernelMessage the extended-ack message, or null
     * @param attributeOffset the offending attribute's offset in the request, or -1
     */
    public static NetlinkException of(String requestType, String target, int errno, String kernelMessage,
                                      int attributeOffset) {
        return switch (errno) {
            case Errno.ENODEV -> new NoSuchLinkException(requestType, target, errno, kernelMessage, attributeOffset);
            case Errno.EEXIST -> new AlreadyExistsException(requestType, target, errno, kernelMessage, attributeOffset);
            case Errno.ESRCH -> new NoSuchRouteException(requestType, target, errno, kernelMessage, attributeOffset);
            case Errno.EADDRNOTAVAIL -> new NoSuchAddressException(requestType, target, errno, kernelMessage,
                    attributeOffset);
            default -> new NetlinkException(requestType, target, errno, kernelMessage, attributeOffset);
        };
    }

    /**
     * Creates the exception with a message of its own, for failures found before the request was sent.
     *
     * @param message the whole message
     * @param requestType the request's message type name
     * @param target what the request was about
     * @param errno the positive errno
     */
    protected NetlinkException(String message, String requestType, String target, int errno) {
        this(message, requestType, target, errno, null);
    }

    /**
     * As {@link #NetlinkException(String, String, String, int)}, caused by another failure.
     *
     * @param message the whole message
     * @param requestType the request's message type name
     * @param target what the request was about
     * @param errno the positive errno
     * @param cause what made this request fail, or null
     */
    protected NetlinkException(String message, String requestType, String target, int errno, Throwable cause) {
        super(message, requestType, target, errno, null, cause);
        this.requestType = requestType;
        this.attributeOffset = -1;
    }

    /**
     * Creates the exception; its message is built from these as in the examples above.
     *
     * @param requestType the request's message type name, e.g. {@code RTM_NEWLINK}
     * @param target what the request was about (a link, a route), or null
     * @param errno the positive errno
     * @param kernelMessage the extended-ack message, or null
     * @param attributeOffset the offending attribute's offset in the request, or -1
     */
    public NetlinkException(String requestType, String target, int errno, String kernelMessage, int attributeOffset) {
        super(describe(requestType, target, errno, kernelMessage), requestType, target, errno, kernelMessage, null);
        this.requestType = requestType;
        this.attributeOffset = attributeOffset;
    }

    /** {@return the request type, e.g. {@code RTM_NEWROUTE}} */
    public String requestType() {
        return requestType;
    }

    /** {@return the offset of the attribute the kernel complained about, within the request, if it said} */
    public OptionalInt attributeOffset() {
        return attributeOffset < 0 ? OptionalInt.empty() : OptionalInt.of(attributeOffset);
    }
}
