/**
 * rtnetlink from Java: links, addresses, routes, neighbours, rules, namespace ids and their events,
 * in any network namespace, without an {@code ip} process. Builds on {@code io.netns}, whose
 * syscall layer it uses; it calls no native code itself.
 */
module io.netns.netlink {
    requires transitive io.netns;

    exports io.netns.netlink;
}
