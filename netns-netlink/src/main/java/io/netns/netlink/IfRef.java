package io.netns.netlink;

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
