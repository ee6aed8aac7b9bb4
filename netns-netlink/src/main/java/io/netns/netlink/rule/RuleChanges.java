// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.rule;

/**
 * The changes {@code ip rule} makes: add, delete. {@link io.netns.netlink.Rtnetlink#rules()} runs
 * each at once and throws when the kernel refuses; {@link io.netns.netlink.Batch#rules()} queues the
 * very same requests and reports failures in its result.
 */
public interface RuleChanges {
    /**
     * Adds a policy-routing rule: {@code ip rule add ...}.
     *
     * @param spec the rule
     * @throws io.netns.netlink.AlreadyExistsException for a duplicate
     */
    void add(RuleSpec spec);

    /**
     * {@code ip rule del ...}: deletes the first rule matching every field set.
     *
     * @param spec the fields to match
     * @throws io.netns.netlink.NetlinkException ENOENT if no rule matches
     */
    void del(RuleSpec spec);
}
