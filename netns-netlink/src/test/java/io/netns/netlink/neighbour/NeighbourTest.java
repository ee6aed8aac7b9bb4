// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.neighbour;

import io.netns.NetworkNamespace;
import io.netns.netlink.Family;
import io.netns.netlink.NetlinkException;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.TestTopology;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.netns.netlink.IpDifferential.agree;
import static io.netns.netlink.IpDifferential.assertSameFailure;
import static io.netns.netlink.IpDifferential.ipRun;
import static io.netns.netlink.IpView.addr;
import static io.netns.netlink.IpView.devs;
import static io.netns.netlink.IpView.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Neighbours (ARP and NDP entries) against the real kernel, each test in a fresh namespace, checked
 * against {@code ip -j neigh} run in the same namespace.
 */
@PrivilegedTest
class NeighbourTest {
    static final int ENOENT = 2;
    static final int EEXIST = 17;

    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    record NeighView(Family family, String dst, String dev, String lladdr, Set<String> state) {
    }

    /** NUD_* bits with ip's names (ipneigh.c). */
    static final Map<Integer, String> NUD = Map.of(0x01, "INCOMPLETE", 0x02, "REACHABLE", 0x04, "STALE",
            0x08, "DELAY", 0x10, "PROBE", 0x20, "FAILED", 0x40, "NOARP", 0x80, "PERMANENT");

    static NeighView fromIp(JsonNode n) {
        String dst = addr(n.get("dst").asText());
        Set<String> state = new TreeSet<>();
        n.path("state").forEach(s -> state.add(s.asText()));
        return new NeighView(dst.contains(":") ? Family.INET6 : Family.INET, dst, text(n, "dev"),
                text(n, "lladdr"), state);
    }

    static NeighView fromJava(Neighbour n, Map<Integer, String> devs) {
        Set<String> state = new TreeSet<>();
        NUD.forEach((bit, name) -> {
            if ((n.state().number() & bit) != 0) {
                state.add(name);
            }
        });
        if (n.state().number() == 0) {
            state.add("NONE");
        }
        String ll = n.linkAddress().map(m -> HexFormat.ofDelimiter(":").formatHex(m.bytes())).orElse(null);
        return new NeighView(n.family(), n.destination().orElseThrow().getHostAddress(), devs.get(n.index()), ll, state);
    }

    static List<NeighView> ipNeighbours(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of(args));
        cmd.addAll(List.of("neigh", "show", "nud", "all"));
        List<NeighView> out = new ArrayList<>();
        Ip.jsonIn(ns, cmd.toArray(String[]::new)).forEach(n -> out.add(fromIp(n)));
        return out;
    }

    static List<NeighView> javaNeighbours(Rtnetlink rt, Family f, String ns) {
        Map<Integer, String> devs = devs(ns);
        return rt.neighbours().list(f).stream().map(n -> fromJava(n, devs)).toList();
    }

    static void assertNeighboursAgree(Rtnetlink rt, String ns) {
        agree("ip neigh show nud all", () -> javaNeighbours(rt, Family.UNSPEC, ns), () -> ipNeighbours(ns));
        agree("ip -4 neigh show nud all", () -> javaNeighbours(rt, Family.INET, ns), () -> ipNeighbours(ns, "-4"));
        agree("ip -6 neigh show nud all", () -> javaNeighbours(rt, Family.INET6, ns), () -> ipNeighbours(ns, "-6"));
    }

    static NeighView neigh(List<NeighView> all, String dst, String dev) {
        List<NeighView> m = all.stream().filter(n -> n.dst().equals(addr(dst)) && n.dev().equals(dev)).toList();
        assertThat(m).as(dst + " dev " + dev + " among " + all).hasSize(1);
        return m.get(0);
    }

    @Test
    void permanentArpAndNdpEntries() {
        NetworkNamespace ns = temp.create("neigh");
        String name = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            TestTopology.wire(rt);
            rt.neighbours().add(NeighbourSpec.permanent("198.18.0.9", "02:00:00:00:00:09", "va"));
            rt.neighbours().add(NeighbourSpec.permanent("fd42:6e73::9", "02:00:00:00:00:0a", "va"));
            rt.neighbours().add(NeighbourSpec.permanent("198.18.0.10", "02:00:00:00:00:10", "vb"));
            rt.neighbours().add(NeighbourSpec.permanent("198.18.0.11", "02:00:00:00:00:11", "va").state(NudState.NOARP));
            Ip.in(name, "neigh", "add", "198.18.0.12", "lladdr", "02:00:00:00:00:12", "dev", "va", "nud", "permanent");
            Ip.in(name, "neigh", "add", "fd42:6e73::12", "lladdr", "02:00:00:00:00:13", "dev", "va", "nud", "permanent");

            // ip sees what Java made, and the reverse
            List<NeighView> shown = ipNeighbours(name);
            assertThat(neigh(shown, "198.18.0.9", "va")).isEqualTo(new NeighView(Family.INET, addr("198.18.0.9"), "va",
                    "02:00:00:00:00:09", Set.of("PERMANENT")));
            assertThat(neigh(shown, "fd42:6e73::9", "va")).isEqualTo(new NeighView(Family.INET6,
                    addr("fd42:6e73::9"), "va", "02:00:00:00:00:0a", Set.of("PERMANENT")));
            assertThat(neigh(shown, "198.18.0.10", "vb").lladdr()).isEqualTo("02:00:00:00:00:10");
            assertThat(neigh(shown, "198.18.0.11", "va").state()).containsExactly("NOARP");
            List<NeighView> java = javaNeighbours(rt, Family.UNSPEC, name);
            assertThat(neigh(java, "198.18.0.12", "va")).isEqualTo(neigh(shown, "198.18.0.12", "va"));
            assertThat(neigh(java, "fd42:6e73::12", "va").lladdr()).isEqualTo("02:00:00:00:00:13");
            // plain "ip neigh show" (no NOARP) lists the permanent ones
            List<String> plain = new ArrayList<>();
            Ip.jsonIn(name, "neigh", "show").forEach(n -> plain.add(addr(n.get("dst").asText())));
            assertThat(plain).contains(addr("198.18.0.9"), addr("fd42:6e73::9"), addr("198.18.0.12"))
                    .doesNotContain(addr("198.18.0.11"));
            assertNeighboursAgree(rt, name);

            // duplicate: EEXIST as ip says
            NetlinkException dup = catchThrowableOfType(NetlinkException.class,
                    () -> rt.neighbours().add(NeighbourSpec.permanent("198.18.0.12", "02:00:00:00:00:12", "va")));
            assertThat(dup.errno()).isEqualTo(EEXIST);
            assertThat(dup.requestType()).isEqualTo("RTM_NEWNEIGH");
            assertSameFailure(dup, ipRun(name, "neigh", "add", "198.18.0.9", "lladdr", "02:00:00:00:00:09", "dev",
                    "va", "nud", "permanent"));

            // replace: a new link-layer address, for an entry ip made and one Java made; creates if absent
            rt.neighbours().replace(NeighbourSpec.permanent("198.18.0.12", "02:00:00:00:00:99", "va"));
            rt.neighbours().replace(NeighbourSpec.permanent("fd42:6e73::9", "02:00:00:00:00:98", "va"));
            rt.neighbours().replace(NeighbourSpec.permanent("198.18.0.13", "02:00:00:00:00:13", "va"));
            shown = ipNeighbours(name);
            assertThat(neigh(shown, "198.18.0.12", "va").lladdr()).isEqualTo("02:00:00:00:00:99");
            assertThat(neigh(shown, "fd42:6e73::9", "va").lladdr()).isEqualTo("02:00:00:00:00:98");
            assertThat(neigh(shown, "198.18.0.13", "va").state()).containsExactly("PERMANENT");
            assertNeighboursAgree(rt, name);

            // delete: Java deletes ip's and its own; ip deletes one Java made
            rt.neighbours().del(NeighbourSpec.of("198.18.0.12", "va"));
            rt.neighbours().del(NeighbourSpec.of("fd42:6e73::9", "va"));
            rt.neighbours().del(NeighbourSpec.of("198.18.0.10", "vb"));
            Ip.in(name, "neigh", "del", "198.18.0.9", "dev", "va");
            shown = ipNeighbours(name);
            assertThat(shown).extracting(NeighView::dst).doesNotContain(addr("198.18.0.12"), addr("fd42:6e73::9"),
                    addr("198.18.0.10"), addr("198.18.0.9")).contains(addr("198.18.0.13"), addr("fd42:6e73::12"));
            assertNeighboursAgree(rt, name);

            NetlinkException absent = catchThrowableOfType(NetlinkException.class,
                    () -> rt.neighbours().del(NeighbourSpec.of("198.18.0.77", "va")));
            assertThat(absent.errno()).isEqualTo(ENOENT);
            assertThat(absent.requestType()).isEqualTo("RTM_DELNEIGH");
            assertSameFailure(absent, ipRun(name, "neigh", "del", "198.18.0.77", "dev", "va"));
        }
    }
}
