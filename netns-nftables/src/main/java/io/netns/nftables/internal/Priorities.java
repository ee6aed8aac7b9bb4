// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables.internal;

import io.netns.nftables.Family;

import java.util.List;
import java.util.Map;

/**
 * Hook names and numbers per family, and chain priorities with their names ({@code filter},
 * {@code dstnat + 10}, as nft-chain(8) lists them).
 */
final class Priorities {
    private Priorities() {
    }

    private static final List<String> INET_HOOKS = List.of("prerouting", "input", "forward", "output", "postrouting",
            "ingress");
    private static final List<String> ARP_HOOKS = List.of("input", "output", "forward");
    private static final List<String> NETDEV_HOOKS = List.of("ingress", "egress");

    private static List<String> hooks(Family f) {
        return switch (f) {
            case ARP -> ARP_HOOKS;
            case NETDEV -> NETDEV_HOOKS;
            case BRIDGE -> INET_HOOKS.subList(0, 5);
            case INET -> INET_HOOKS;
            default -> INET_HOOKS.subList(0, 5);
        };
    }

    static int hookNumber(Family f, String hook) {
        int n = hooks(f).indexOf(hook);
        if (n < 0) {
            throw new IllegalArgumentException("hook \"" + hook + "\" does not exist in family " + f + " ("
                    + String.join(", ", hooks(f)) + ")");
        }
        return n;
    }

    /** {@return the hook's name, or null for a number this version does not know} */
    static String hookName(Family f, int n) {
        List<String> h = hooks(f);
        return n >= 0 && n < h.size() ? h.get(n) : null;
    }

    private static final Map<String, Integer> STANDARD = Map.of("raw", -300, "mangle", -150, "dstnat", -100,
            "filter", 0, "security", 50, "srcnat", 100);
    private static final Map<String, Integer> BRIDGE = Map.of("dstnat", -300, "filter", -200, "out", 100,
            "srcnat", 300);

    /** A priority: a number, or a name with an optional {@code + N} or {@code - N}. */
    static int parse(Object v, Family f, String hook, String where) {
        if (v == null) {
            throw JsonModel.bad(where, "a base chain needs \"prio\"");
        }
        if (v instanceof Long n) {
            return Math.toIntExact(n);
        }
        if (!(v instanceof String s)) {
            throw JsonModel.bad(where, "\"prio\" is a number or a name");
        }
        String[] parts = s.trim().split("\\s+");
        Integer base = (f == Family.BRIDGE ? BRIDGE : STANDARD).get(parts[0]);
        if (base == null) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw JsonModel.bad(where, "unknown priority \"" + s + "\"");
            }
        }
        if (parts.length == 1) {
            return base;
        }
        if (parts.length == 3 && (parts[1].equals("+") || parts[1].equals("-"))) {
            try {
                int d = Integer.parseInt(parts[2]);
                return parts[1].equals("+") ? base + d : base - d;
            } catch (NumberFormatException e) {
                throw JsonModel.bad(where, "bad priority \"" + s + "\"");
            }
        }
        throw JsonModel.bad(where, "bad priority \"" + s + "\"");
    }
}
