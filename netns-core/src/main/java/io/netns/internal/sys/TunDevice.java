// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Creating tun/tap devices. The kernel makes them only through {@code /dev/net/tun}, in the
 * network namespace of the thread that opens it, so there is no netlink request for this.
 */
public final class TunDevice {
    private TunDevice() {
    }

    /**
     * Creates a persistent tun or tap device, like {@code ip tuntap add NAME mode tun|tap}: opens
     * {@code /dev/net/tun}, attaches a new device with {@code TUNSETIFF} (without packet
     * information, {@code IFF_NO_PI}) and keeps it after the descriptor is closed with
     * {@code TUNSETPERSIST}. The device is created in the network namespace of the CALLING thread:
     * run this inside the namespace (e.g. in {@code namespace.run(...)}).
     *
     * @param name the device name, 1 to 15 bytes
     * @param tap a tap (ethernet frames) rather than a tun (IP packets) device
     * @param multiQueue allow several queues ({@code IFF_MULTI_QUEUE})
     * @throws io.netns.NetnsException e.g. EINVAL if a tun/tap of that name exists with other flags,
     *         EPERM without CAP_NET_ADMIN
     * @throws IllegalArgumentException if the name is empty or too long
     */
    public static void createPersistent(String name, boolean tap, boolean multiQueue) {
        int flags = (tap ? Linux.IFF_TAP : Linux.IFF_TUN) | Linux.IFF_NO_PI
                | (multiQueue ? Linux.IFF_MULTI_QUEUE : 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifr = Ifreq.of(arena, name, flags);
            int fd = FileCalls.open("/dev/net/tun", Linux.O_RDWR | Linux.O_CLOEXEC, 0);
            try {
                FileCalls.ioctl(fd, Linux.TUNSETIFF, ifr, "ioctl(TUNSETIFF)", name);
                // the argument is the int 1 itself, passed where a pointer would go
                FileCalls.ioctl(fd, Linux.TUNSETPERSIST, MemorySegment.ofAddress(1), "ioctl(TUNSETPERSIST)", name);
            } finally {
                FileCalls.closeQuietly(fd);
            }
        }
    }
}
