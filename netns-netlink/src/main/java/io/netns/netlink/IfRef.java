package io.netns.netlink;

import java.nio.charset.StandardCharsets;

/** A device named by index or by name (resolved to an index with one RTM_GETLINK before use). */
record IfRef(String name, int index) {
    static IfRef of(String name) {
        return new IfRef(LinkNames.check(name), 0);
    }

    static IfRef of(int index) {
        if (index <= 0) {
            throw new IllegalArgumentException("an interface index is positive, not " + index);
        }
        return new IfRef(null, index);
    }

    @Override
    public String toString() {
        return name != null ? name : "ifindex " + index;
    }
}

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
