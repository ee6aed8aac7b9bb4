// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.link;

import io.netns.NetworkNamespace;
import io.netns.netlink.MacAddress;
import io.netns.netlink.internal.IfRef;
import io.netns.netlink.internal.LinkNames;

import java.util.Objects;

/**
 * Changes to an existing link, applied in one request by {@link LinkChanges#set(String, LinkUpdate)}:
 * {@code ip link set DEV up|down mtu N name NEW address MAC txqueuelen N alias TEXT group N
 * master BR|nomaster netns NS}. Immutable; each option returns a changed copy.
 */
public final class LinkUpdate {
    final Boolean up;
    final int mtu;
    final String name;
    final MacAddress address;
    final int txQueueLength;
    final String alias;
    final int group;
    final IfRef master;
    final boolean noMaster;
    final NetworkNamespace namespace;

    private LinkUpdate(Boolean up, int mtu, String name, MacAddress address, int txQueueLength, String alias,
                       int group, IfRef master, boolean noMaster, NetworkNamespace namespace) {
        this.up = up;
        this.mtu = mtu;
        this.name = name;
        this.address = address;
        this.txQueueLength = txQueueLength;
        this.alias = alias;
        this.group = group;
        this.master = master;
        this.noMaster = noMaster;
        this.namespace = namespace;
    }

    private static final LinkUpdate NONE = new LinkUpdate(null, 0, null, null, -1, null, -1, null, false, null);

    /** {@return an update that changes nothing yet} */
    public static LinkUpdate of() {
        return NONE;
    }

    /** {@return {@code up}} */
    public LinkUpdate up() {
        return new LinkUpdate(true, mtu, name, address, txQueueLength, alias, group, master, noMaster, namespace);
    }

    /** {@return {@code down}} */
    public LinkUpdate down() {
        return new LinkUpdate(false, mtu, name, address, txQueueLength, alias, group, master, noMaster, namespace);
    }

    /**
     * {@return {@code mtu N}}
     *
     * @param mtu the new MTU, in bytes
     * @throws IllegalArgumentException if it is not positive
     */
    public LinkUpdate mtu(int mtu) {
        if (mtu <= 0) {
            throw new IllegalArgumentException("MTU must be positive, not " + mtu);
        }
        return new LinkUpdate(up, mtu, name, address, txQueueLength, alias, group, master, noMaster, namespace);
    }

    /**
     * {@return {@code name NEW}}
     *
     * @param newName the link's new name
     * @throws IllegalArgumentException if it is not a valid interface name (as for {@link LinkSpec}),
     *         a {@code %d} template included
     */
    public LinkUpdate name(String newName) {
        return new LinkUpdate(up, mtu, LinkNames.check(newName), address, txQueueLength, alias, group, master,
                noMaster, namespace);
    }

    /**
     * {@return {@code address MAC}}
     *
     * @param mac the new link-layer address
     */
    public LinkUpdate address(MacAddress mac) {
        return new LinkUpdate(up, mtu, name, Objects.requireNonNull(mac), txQueueLength, alias, group, master,
                noMaster, namespace);
    }

    /**
     * {@return {@code txqueuelen N}}
     *
     * @param length the transmit queue length, in packets
     * @throws IllegalArgumentException if it is negative
     */
    public LinkUpdate txQueueLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("txqueuelen must not be negative");
        }
        return new LinkUpdate(up, mtu, name, address, length, alias, group, master, noMaster, namespace);
    }

    /**
     * {@return {@code alias TEXT}}
     *
     * @param alias the alias, shorter than 256 bytes in UTF-8
     * @throws IllegalArgumentException if it is too long, holds a NUL or cannot be encoded as UTF-8
     */
    public LinkUpdate alias(String alias) {
        if (LinkNames.utf8("alias", alias).length >= 256) {
            throw new IllegalArgumentException("alias must be shorter than 256 bytes in UTF-8");
        }
        return new LinkUpdate(up, mtu, name, address, txQueueLength, alias, group, master, noMaster, namespace);
    }

    /**
     * {@return {@code group N}}
     *
     * @param group the link group number
     * @throws IllegalArgumentException if it is negative
     */
    public LinkUpdate group(int group) {
        if (group < 0) {
            throw new IllegalArgumentException("group must not be negative");
        }
        return new LinkUpdate(up, mtu, name, address, txQueueLength, alias, group, master, noMaster, namespace);
    }

    /**
     * {@return {@code master BR}: enslave to a bridge or bond}
     *
     * @param master the bridge's or bond's name
     */
    public LinkUpdate master(String master) {
        return new LinkUpdate(up, mtu, name, address, txQueueLength, alias, group, IfRef.of(master), false,
                namespace);
    }

    /** {@return {@code nomaster}: release from its bridge or bond} */
    public LinkUpdate noMaster() {
        return new LinkUpdate(up, mtu, name, address, txQueueLength, alias, group, null, true, namespace);
    }

    /**
     * {@return {@code netns NS}: move the device to another namespace}
     *
     * @param namespace the namespace to move it to
     */
    public LinkUpdate namespace(NetworkNamespace namespace) {
        return new LinkUpdate(up, mtu, name, address, txQueueLength, alias, group, master, noMaster,
                Objects.requireNonNull(namespace));
    }

    /** {@return whether this update changes nothing} */
    public boolean isEmpty() {
        return up == null && mtu == 0 && name == null && address == null && txQueueLength < 0 && alias == null
                && group < 0 && master == null && !noMaster && namespace == null;
    }
}
