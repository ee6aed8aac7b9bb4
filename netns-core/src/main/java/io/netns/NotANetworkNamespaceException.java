// SPDX-License-Identifier: Apache-2.0
package io.netns;

/**
 * A path was opened as a network namespace but is something else: a regular file (for example the
 * empty placeholder a crashed {@code create} left behind), a symlink, or another kind of namespace.
 */
public final class NotANetworkNamespaceException extends NetnsException {
    private static final long serialVersionUID = 1L;

    NotANetworkNamespaceException(String path, String what) {
        super(path + " is not a network namespace: " + what, "open", path, 0, null, null);
    }
}
