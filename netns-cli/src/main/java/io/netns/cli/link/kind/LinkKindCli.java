// SPDX-License-Identifier: Apache-2.0
package io.netns.cli.link.kind;

import io.netns.cli.Args;
import io.netns.cli.AttrIndex;
import io.netns.cli.CliException;
import io.netns.cli.LinkArgs;
import io.netns.cli.Printer;
import io.netns.cli.Session;
import io.netns.netlink.link.LinkSpec;

/**
 * One link kind of the CLI, as iproute2's {@code struct link_util} ({@code iplink_vxlan.c}:
 * {@code .id = "vxlan", .parse_opt = vxlan_parse_opt, .print_opt = vxlan_print_opt}): the options
 * after {@code ip link add ... type KIND} and what {@code ip -d link show} prints of its
 * IFLA_INFO_DATA (or, for a {@code *_slave} kind, of IFLA_INFO_SLAVE_DATA). Adding a kind is
 * one file implementing this plus one line in {@link LinkKinds}.
 */
public interface LinkKindCli {
    /** {@return the kind's name as IFLA_INFO_KIND says it ({@code vxlan}), or {@code bridge_slave}} */
    String id();

    /**
     * Parses the kind's options and builds the spec of the device to create (ip's parse_opt).
     * The generic options ({@code mtu}, {@code address}...) are added by the caller.
     *
     * @param name the new device's name
     * @param link the generic options parsed before {@code type}
     * @param a the words after {@code type KIND}
     * @param s the session (device lookups, the warning stream)
     * @return the spec
     */
    default LinkSpec<?> parse(String name, LinkArgs link, Args a, Session s) {
        throw new CliException(2, "Error: Unknown device type.");
    }

    /**
     * Prints the kind's data into the open {@code info_data} object (ip's print_opt); kinds ip
     * prints no data for (veth, ifb) keep this default.
     *
     * @param data the IFLA_INFO_DATA (or IFLA_INFO_SLAVE_DATA) attributes
     * @param p the output
     * @param s the session (device names)
     */
    default void print(AttrIndex data, Printer p, Session s) {
    }

    /** {@return whether {@link #print} prints anything, so the caller opens an object for it} */
    default boolean printsData() {
        return false;
    }

    /** Refuses words after {@code type KIND} for kinds that have no options. */
    static void noOptions(String kind, Args a) {
        if (a.has()) {
            throw new CliException(CliException.USAGE, kind + ": unknown option \"" + a.peek() + "\"?");
        }
    }
}
