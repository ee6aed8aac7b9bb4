package io.netns.netlink;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * What IFLA_INFO_DATA says about a link of a known kind ({@code ip -d link}). Kinds without decoded
 * data give {@link Other}, which keeps the raw attributes.
 */
public sealed interface LinkDetails {

    /**
     * A VLAN device ({@code type vlan}).
     *
     * @param vlanId the 802.1Q id
     * @param protocol 0x8100 (802.1Q) or 0x88a8 (802.1ad)
     */
    record Vlan(int vlanId, int protocol) implements LinkDetails {
    }

    /**
     * A VXLAN device ({@code type vxlan}).
     *
     * @param vni the VXLAN network identifier
     * @param port the UDP destination port
     * @param local the local address, if set
     * @param remote the unicast remote or multicast group, if set
     * @param link the underlying device index, 0 if none
     * @param learning whether learning is on
     */
    record Vxlan(int vni, int port, Optional<InetAddress> local, Optional<InetAddress> remote, int link,
                 boolean learning) implements LinkDetails {
    }

    /**
     * A macvlan device ({@code type macvlan}).
     *
     * @param mode MACVLAN_MODE_* (private 1, vepa 2, bridge 4, passthru 8, source 16)
     */
    record Macvlan(int mode) implements LinkDetails {
        /** {@return the mode as ip spells it} */
        public String modeName() {
            return switch (mode) {
                case 1 -> "private";
                case 2 -> "vepa";
                case 4 -> "bridge";
                case 8 -> "passthru";
                case 16 -> "source";
                default -> Integer.toString(mode);
            };
        }
    }

    /**
     * An ipvlan device ({@code type ipvlan}).
     *
     * @param mode IPVLAN_MODE_* (l2 0, l3 1, l3s 2)
     */
    record Ipvlan(int mode) implements LinkDetails {
    }

    /**
     * A bond device ({@code type bond}).
     *
     * @param mode BOND_MODE_* (balance-rr 0, active-backup 1, ...)
     */
    record Bond(int mode) implements LinkDetails {
    }

    /**
     * A bridge device ({@code type bridge}).
     *
     * @param stpState 0 off, 1 kernel STP
     * @param vlanFiltering whether VLAN filtering is on
     * @param forwardDelay IFLA_BR_FORWARD_DELAY as the kernel reports it, in hundredths of a second
     */
    record Bridge(int stpState, boolean vlanFiltering, int forwardDelay) implements LinkDetails {
    }

    /**
     * A kind whose data this library keeps raw.
     *
     * @param data the IFLA_INFO_DATA attributes, undecoded
     */
    record Other(List<RawAttribute> data) implements LinkDetails {
    }
}
