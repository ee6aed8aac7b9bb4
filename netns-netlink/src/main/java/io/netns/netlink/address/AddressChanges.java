// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.address;

/**
 * The changes {@code ip addr} makes: add, replace, delete. {@link io.netns.netlink.Rtnetlink#addresses()}
 * runs each at once and throws when the kernel refuses; {@link io.netns.netlink.Batch#addresses()}
 * queues the very same requests and reports failures in its result.
 */
public interface AddressChanges {
    /**
     * Adds an address: {@code ip addr add PREFIX dev DEV [options]}.
     *
     * @param spec the address, its device and options
     * @throws io.netns.netlink.AlreadyExistsException if the device already has it
     * @throws io.netns.netlink.NoSuchLinkException if there is no such device
     */
    void add(AddressSpec spec);

    /**
     * Adds an address without options: {@code ip addr add PREFIX dev DEV}.
     *
     * @param device the link's name
     * @param prefix the address with its prefix length, e.g. {@code 198.18.0.1/24}
     * @throws IllegalArgumentException if the prefix cannot be parsed
     * @throws io.netns.netlink.AlreadyExistsException if the device already has it
     * @throws io.netns.netlink.NoSuchLinkException if there is no such device
     */
    default void add(String device, String prefix) {
        add(AddressSpec.of(prefix, device));
    }

    /**
     * {@code ip addr replace PREFIX dev DEV [options]}: add, or change the options of an existing one.
     *
     * @param spec the address, its device and options
     * @throws io.netns.netlink.NoSuchLinkException if there is no such device
     */
    void replace(AddressSpec spec);

    /**
     * Deletes an address: {@code ip addr del PREFIX dev DEV}.
     *
     * @param spec the address and its device; the options are not needed
     * @throws io.netns.netlink.NoSuchAddressException if the device does not have it
     */
    void del(AddressSpec spec);

    /**
     * Deletes an address: {@code ip addr del PREFIX dev DEV}.
     *
     * @param device the link's name
     * @param prefix the address with its prefix length, e.g. {@code 198.18.0.1/24}
     * @throws IllegalArgumentException if the prefix cannot be parsed
     * @throws io.netns.netlink.NoSuchAddressException if the device does not have it
     */
    default void del(String device, String prefix) {
        del(AddressSpec.of(prefix, device));
    }
}
