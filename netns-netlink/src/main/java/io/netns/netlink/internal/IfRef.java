// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.internal;

/**
 * A device named by index or by name (resolved to an index with one RTM_GETLINK before use).
 *
 * @param name the name, or null when given by index
 * @param index the index, or 0 when given by name
 */
public record IfRef(String name, int index) {
    /**
     * {@return a reference by name, checked as the kernel checks names}
     *
     * @param name the link's name
     */
    public static IfRef of(String name) {
        return new IfRef(LinkNames.check(name), 0);
    }

    /**
     * {@return a reference by index}
     *
     * @param index a positive ifindex
     */
    public static IfRef of(int index) {
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
