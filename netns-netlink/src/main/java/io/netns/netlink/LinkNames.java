// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import java.nio.charset.StandardCharsets;

/** The kernel's rules for device names (dev_valid_name), checked before any request is sent. */
final class LinkNames {
    /** IFNAMSIZ - 1: a name has at most 15 bytes. */
    static final int MAX_BYTES = 15;

    private LinkNames() {
    }

    static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a link name must not be empty");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("link name \"" + name + "\" has " + bytes
                    + " bytes; the kernel allows at most 15 (IFNAMSIZ 16 with the NUL)");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("link name \"" + name + "\" is reserved");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c) || c < 0x20) {
                throw new IllegalArgumentException("link name \"" + name + "\" must not contain '/', ':', "
                        + "whitespace or control characters");
            }
        }
        return name;
    }
}
