// SPDX-License-Identifier: Apache-2.0
package io.netns;


/** A named namespace could not be created because the name is taken ({@code ip netns add} says "File exists"). */
public final class NamespaceExistsException extends NetnsException {
    private static final long serialVersionUID = 1L;

    NamespaceExistsException(String name, String path, String operation) {
        super("network namespace \"" + name + "\" already exists (" + path + ")", operation, path, Errno.EEXIST,
                null, null);
    }
}
