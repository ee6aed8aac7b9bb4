// SPDX-License-Identifier: Apache-2.0
package io.netns;


/** No namespace has that name, path or process ({@code ip netns} says "No such file or directory"). */
public final class NamespaceNotFoundException extends NetnsException {
    private static final long serialVersionUID = 1L;

    NamespaceNotFoundException(String message, String operation, String target, int errno) {
        super(message + ": " + Errno.name(errno) + " (" + Errno.describe(errno) + ")", operation, target, errno,
                null, null);
    }
}
