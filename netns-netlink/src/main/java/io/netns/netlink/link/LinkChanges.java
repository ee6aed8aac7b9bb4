// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link;

import io.netns.NetworkNamespace;
import io.netns.netlink.MacAddress;

/**
 * The changes {@code ip link} makes: add, set, delete. {@link io.netns.netlink.Rtnetlink#links()}
 * runs each at once and throws when the kernel refuses; {@link io.netns.netlink.Batch#links()}
 * queues the very same requests and reports failures in its result.
 */
public interface LinkChanges {
    /**
     * Creates a link: {@code ip link add NAME [options] type KIND ...}; a tun/tap device is created
     * like {@code ip tuntap add NAME mode tun|tap}. An alias is set by a second request (the kernel
     * ignores it on creation); if that fails, the new link is deleted again.
     *
     * @param spec what to create
     * @throws io.netns.netlink.AlreadyExistsException if the name is taken
     * @throws io.netns.netlink.NoSuchLinkException if a parent or master named by the spec does not exist
     * @throws io.netns.netlink.NetlinkException e.g. EOPNOTSUPP "Unknown device type" for a kind the kernel lacks
     */
    void add(LinkSpec<?> spec);

    /**
     * Changes a link: {@code ip link set DEV up|down mtu N name NEW address MAC master BR|nomaster
     * netns NS ...}, all in one request.
     *
     * @param device the link's name
     * @param update the changes
     * @throws io.netns.netlink.NoSuchLinkException if there is no such link
     */
    void set(String device, LinkUpdate update);

    /**
     * As {@link #set(String, LinkUpdate)}, for the link with that index: {@code ip link set dev DEV ...}.
     *
     * @param index the ifindex
     * @param update the changes
     */
    void set(int index, LinkUpdate update);

    /**
     * Sets a link administratively up: {@code ip link set DEV up}.
     *
     * @param device the link's name
     * @throws io.netns.netlink.NoSuchLinkException if there is no such link
     */
    default void setUp(String device) {
        set(device, LinkUpdate.of().up());
    }

    /**
     * Sets a link administratively down: {@code ip link set DEV down}.
     *
     * @param device the link's name
     * @throws io.netns.netlink.NoSuchLinkException if there is no such link
     */
    default void setDown(String device) {
        set(device, LinkUpdate.of().down());
    }

    /**
     * Changes a link's MTU: {@code ip link set DEV mtu N}.
     *
     * @param device the link's name
     * @param mtu the new MTU, in bytes
     * @throws IllegalArgumentException if the MTU is not positive
     * @throws io.netns.netlink.NetlinkException ENODEV if there is no such link, EINVAL if the device does not take that MTU
     */
    default void setMtu(String device, int mtu) {
        set(device, LinkUpdate.of().mtu(mtu));
    }

    /**
     * Renames a link: {@code ip link set DEV name NEW}. Most devices must be down to be renamed.
     *
     * @param device the link's name
     * @param newName its new name
     * @throws IllegalArgumentException if the new name is not a valid interface name
     * @throws io.netns.netlink.NetlinkException ENODEV if there is no such link, EEXIST if the new name is taken, EBUSY if it is up
     */
    default void setName(String device, String newName) {
        set(device, LinkUpdate.of().name(newName));
    }

    /**
     * Changes a link's link-layer address: {@code ip link set DEV address MAC}.
     *
     * @param device the link's name
     * @param mac the new address, e.g. {@code 02:00:00:00:00:01}
     * @throws IllegalArgumentException if {@code mac} is not a link-layer address
     */
    default void setAddress(String device, String mac) {
        set(device, LinkUpdate.of().address(MacAddress.parse(mac)));
    }

    /**
     * Enslaves a link to a bridge or bond: {@code ip link set DEV master BRIDGE}.
     *
     * @param device the link's name
     * @param master the bridge's or bond's name
     * @throws io.netns.netlink.NoSuchLinkException if either link does not exist
     */
    default void setMaster(String device, String master) {
        set(device, LinkUpdate.of().master(master));
    }

    /**
     * Releases a link from its bridge or bond: {@code ip link set DEV nomaster}.
     *
     * @param device the link's name
     */
    default void setNoMaster(String device) {
        set(device, LinkUpdate.of().noMaster());
    }

    /**
     * Moves a link to another namespace: {@code ip link set DEV netns NS}. It arrives down.
     *
     * @param device the link's name
     * @param target the namespace to move it to
     */
    default void setNamespace(String device, NetworkNamespace target) {
        set(device, LinkUpdate.of().namespace(target));
    }

    /**
     * Deletes a link: {@code ip link del DEV} (a veth takes its peer with it).
     *
     * @param device the name
     * @throws io.netns.netlink.NoSuchLinkException if there is no such link
     */
    void del(String device);

    /**
     * Deletes the link with that index: {@code ip link del dev DEV} by index.
     *
     * @param index the link's ifindex
     * @throws IllegalArgumentException if the index is not positive
     * @throws io.netns.netlink.NoSuchLinkException if there is no such link
     */
    void del(int index);

    /**
     * Deletes every link of a device group in one request ({@code ip link del group N}): the kernel
     * pays its unregister synchronisation once for all of them, where one request per link pays it
     * each time (about 20 ms per link).
     *
     * @param group the group (set with {@link LinkSpec#group} or {@link LinkUpdate#group}); not 0, the default group
     * @throws IllegalArgumentException for group 0 or a negative one
     */
    void delGroup(int group);
}
