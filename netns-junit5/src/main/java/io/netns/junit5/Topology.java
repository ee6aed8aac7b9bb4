// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import io.netns.NetworkNamespace;
import io.netns.netlink.Family;
import io.netns.netlink.IpPrefix;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.address.AddressSpec;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.OperState;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link VethPair} topologies into a scope. */
final class Topology {
    static final Duration OPER_STATE_TIMEOUT = Duration.ofSeconds(10);

    private Topology() {
    }

    /** A validated pair: device names chosen, addresses parsed. */
    private record Plan(VethPair source, String left, String right, String leftDevice, String rightDevice,
                        List<AddressSpec> leftAddresses, List<AddressSpec> rightAddresses) {
    }

    static void build(Scope scope, List<VethPair> pairs, String where) {
        if (pairs.isEmpty()) {
            return;
        }
        // check every annotation before creating anything
        List<Plan> plans = new ArrayList<>();
        for (VethPair p : pairs) {
            plans.add(plan(p, where));
        }
        for (Plan plan : plans) {
            NetworkNamespace left = scope.named(plan.left());
            NetworkNamespace right = scope.named(plan.right());
            try (Rtnetlink l = Rtnetlink.open(left); Rtnetlink r = Rtnetlink.open(right)) {
                // ip -n LEFT link add LDEV type veth peer name RDEV netns RIGHT
                l.links().add(LinkSpec.veth(plan.leftDevice(), plan.rightDevice()).peerNamespace(right));
                if (!scope.owns(left) || !scope.owns(right)) {
                    scope.addOuterPair(scope.owns(left) ? right : left,
                            scope.owns(left) ? plan.rightDevice() : plan.leftDevice());
                }
                for (AddressSpec a : plan.leftAddresses()) {
                    l.addresses().add(a);                               // ip -n LEFT addr add A dev LDEV
                }
                for (AddressSpec a : plan.rightAddresses()) {
                    r.addresses().add(a);
                }
                l.links().setUp(plan.leftDevice());                     // ip -n LEFT link set LDEV up
                r.links().setUp(plan.rightDevice());
                l.links().awaitOperState(plan.leftDevice(), OperState.UP, OPER_STATE_TIMEOUT);
                r.links().awaitOperState(plan.rightDevice(), OperState.UP, OPER_STATE_TIMEOUT);
            } catch (RuntimeException e) {
                throw new ExtensionConfigurationException("building " + describe(plan.source()) + " on " + where
                        + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static Plan plan(VethPair p, String where) {
        try {
            String left = p.left().strip();
            String right = p.right().strip();
            if (left.isEmpty() || right.isEmpty()) {
                throw new IllegalArgumentException("left and right must be names");
            }
            if (left.equals(right)) {
                throw new IllegalArgumentException("left and right are the same namespace, \"" + left + "\"");
            }
            String leftDevice = p.leftDevice().isEmpty() ? deviceName(right) : p.leftDevice();
            String rightDevice = p.rightDevice().isEmpty() ? deviceName(left) : p.rightDevice();
            LinkSpec.veth(leftDevice, rightDevice); // checks the device names
            return new Plan(p, left, right, leftDevice, rightDevice, addresses(p.leftAddress(), leftDevice),
                    addresses(p.rightAddress(), rightDevice));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("invalid " + describe(p) + " on " + where + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<AddressSpec> addresses(String[] texts, String device) {
        List<AddressSpec> specs = new ArrayList<>();
        for (String t : texts) {
            IpPrefix prefix = IpPrefix.parse(t.strip());
            AddressSpec spec = AddressSpec.of(prefix, device);
            specs.add(prefix.family() == Family.INET6 ? spec.noDad() : spec);
        }
        return specs;
    }

    /** {@code veth-PEER}, with characters a device name may not hold replaced, cut to 15 bytes. */
    static String deviceName(String peer) {
        StringBuilder sb = new StringBuilder("veth-");
        for (int i = 0; i < peer.length(); ) {
            int c = peer.codePointAt(i);
            i += Character.charCount(c);
            String s = c == '/' || c == ':' || c <= 0x20 || c == 0x7f || Character.isWhitespace(c)
                    ? "_" : new String(Character.toChars(c));
            if (sb.toString().getBytes(StandardCharsets.UTF_8).length + s.getBytes(StandardCharsets.UTF_8).length > 15) {
                break;
            }
            sb.append(s);
        }
        return sb.toString();
    }

    private static String describe(VethPair p) {
        return "@VethPair(left=\"" + p.left() + "\", right=\"" + p.right() + "\")";
    }
}
