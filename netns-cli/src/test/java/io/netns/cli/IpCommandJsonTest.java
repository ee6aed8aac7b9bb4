// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.netns.NetworkNamespace;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.netns.cli.CliHarness.assertSameJson;
import static io.netns.cli.CliHarness.assertSameText;
import static io.netns.cli.CliHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code netns -j ...} prints what {@code ip -j ...} prints in the same namespace, field by field,
 * for objects made by the CLI and objects made by ip.
 */
@PrivilegedTest
class IpCommandJsonTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    private String ns(String hint) {
        return TempNamespaces.name(temp.create(hint));
    }

    /** A topology of every link kind the kernel has, made by the CLI. */
    private void linksByCli(String n, String other) {
        ok("-n", n, "link", "set", "lo", "up");
        ok("-n", n, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        ok("-n", n, "link", "add", "v2", "type", "veth", "peer", "name", "v3", "netns", other);
        ok("-n", n, "link", "add", "br0", "type", "bridge");
        ok("-n", n, "link", "set", "v0", "master", "br0");
        ok("-n", n, "link", "set", "br0", "up");
        ok("-n", n, "link", "set", "v0", "up");
        ok("-n", n, "link", "add", "mv0", "link", "v1", "type", "macvlan", "mode", "bridge");
        ok("-n", n, "link", "add", "link", "v1", "name", "mv1", "type", "macvlan", "mode", "private");
        ok("-n", n, "link", "add", "vx0", "type", "vxlan", "id", "42", "dstport", "4789", "dev", "v1", "local",
                "198.18.0.1", "remote", "198.18.0.2");
        ok("-n", n, "link", "add", "vx6", "type", "vxlan", "id", "7", "dstport", "4790", "local", "fd42:6e73::1",
                "remote", "fd42:6e73::2", "nolearning");
        ok("-n", n, "link", "set", "v1", "up", "mtu", "1400", "alias", "uplink", "txqueuelen", "500", "group", "3");
        ok("-n", n, "link", "add", "v4", "mtu", "1300", "address", "02:00:00:00:00:04", "type", "veth", "peer",
                "name", "v5");
    }

    /** A namespace nothing was done in: its listings print what ip prints (nothing), exit 0, main table or not. */
    @Test
    void listingsOfAFreshNamespace() {
        String n = ns("jfresh");
        for (String[] cmd : new String[][]{{"route", "show"}, {"-4", "route", "show"}, {"-4", "route", "show", "table",
                "main"}, {"-6", "route", "show"}, {"route", "show", "table", "all"}, {"-4", "neigh", "show"},
                {"addr", "show"}, {"-4", "addr"}}) {
            assertSameText(n, cmd);
            assertSameJson(n, cmd);
        }
        assertThat(Ip.in(n, "-4", "route", "show", "table", "main")).isEmpty();
    }

    /** ip's odd address forms (short, octal, hex, netmask, IPv4-mapped) added by the CLI mean what they mean to ip. */
    @Test
    void oddAddressFormsAddWhatIpAdds() {
        String n = ns("jsyn");
        ok("-n", n, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        for (String form : new String[]{"198.18.1/24", "198.18.0.010", "198.18.0.0x10/32", "198.18.0.2/255.255.255.0",
                "198.18.0.3/030", "::ffff:198.18.0.1/96", "::ffff:198.18.0.3/24", "fd42:6e73:0:0:0:0:198.18.0.4"}) {
            ok("-n", n, "addr", "add", form, "dev", "v0");
        }
        assertSameJson(n, "addr", "show", "dev", "v0");
        String shown = Ip.in(n, "addr", "show", "dev", "v0");
        assertThat(shown).contains("inet 198.18.1.0/24", "inet 198.18.0.8/32", "inet 198.18.0.16/32",
                "inet 198.18.0.2/24", "inet 198.18.0.3/24", "inet6 ::ffff:198.18.0.1/96", "inet6 ::ffff:198.18.0.3/24",
                "inet6 fd42:6e73::c612:4/128");
    }

    @Test
    void linksMadeByTheCli() {
        String n = ns("jlink");
        String other = ns("jlinkpeer");
        linksByCli(n, other);
        for (String[] cmd : new String[][]{{"link", "show"}, {"-d", "link", "show"}, {"link", "show", "master", "br0"},
                {"link", "show", "type", "veth"}, {"link", "show", "dev", "v1"},
                {"-s", "link", "show"}, {"-d", "link", "show", "vx6"}}) {
            assertSameJson(n, cmd);
        }
        JsonNode peer = assertSameJson(n, "link", "show", "v2");
        assertThat(peer.get(0).get("link_netnsid").asInt()).isGreaterThanOrEqualTo(0);
        assertThat(peer.get(0).has("link_index")).isTrue();
        assertSameJson(other, "-d", "link", "show");
        assertSameText(n, "link", "show");
        assertSameText(n, "-s", "link", "show");
        // ip -j writes an empty object for each link it filters out itself ("up", slave kinds): compare text
        assertSameText(n, "link", "show", "up");
        assertSameText(n, "link", "show", "type", "bridge_slave");
    }

    @Test
    void linksMadeByIp() {
        String n = ns("jiplink");
        String other = ns("jiplinkp");
        Ip.in(n, "link", "add", "a0", "type", "veth", "peer", "name", "a1");
        Ip.in(n, "link", "add", "a2", "type", "veth", "peer", "name", "a3", "netns", other);
        Ip.in(n, "link", "add", "brx", "type", "bridge");
        Ip.in(n, "link", "set", "a0", "master", "brx", "up");
        Ip.in(n, "link", "set", "brx", "up");
        Ip.in(n, "link", "add", "mvt", "link", "a1", "type", "macvtap", "mode", "vepa");
        Ip.in(n, "link", "add", "vxa", "type", "vxlan", "id", "100", "dstport", "0", "group", "239.1.1.1", "dev", "a1",
                "ttl", "5");
        Ip.in(n, "tuntap", "add", "tn0", "mode", "tun");
        Ip.in(n, "tuntap", "add", "tp0", "mode", "tap", "multi_queue");
        Ip.in(n, "link", "set", "a1", "down", "name", "a1x");
        for (String[] cmd : new String[][]{{"link"}, {"-d", "link"}, {"-d", "link", "show", "tp0"}, {"addr"},
                {"link", "show", "master", "brx"}}) {
            assertSameJson(n, cmd);
        }
        assertSameJson(other, "link", "show");
    }

    @Test
    void addresses() {
        String n = ns("jaddr");
        ok("-n", n, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        ok("-n", n, "link", "set", "v0", "up");
        ok("-n", n, "link", "set", "v1", "up");
        ok("-n", n, "addr", "add", "198.18.0.1/24", "dev", "v0");
        ok("-n", n, "a", "a", "198.18.1.1/24", "brd", "+", "dev", "v1", "label", "v1:a");
        ok("-n", n, "address", "add", "198.18.2.1", "peer", "198.18.2.2/32", "dev", "v1");
        ok("-n", n, "addr", "add", "198.18.3.1/24", "dev", "v1", "scope", "link", "noprefixroute");
        ok("-n", n, "addr", "add", "198.18.4.1/25", "broadcast", "198.18.4.100", "dev", "v1");
        ok("-n", n, "addr", "add", "fd42:6e73::1/64", "dev", "v1");
        ok("-n", n, "addr", "add", "fd42:6e73:1::1/64", "dev", "v1", "nodad", "valid_lft", "300", "preferred_lft",
                "200");
        Ip.in(n, "addr", "add", "198.18.5.1/24", "dev", "v0", "label", "v0:ip");
        Ip.in(n, "addr", "add", "fd42:6e73:2::1/64", "dev", "v0", "nodad", "noprefixroute");
        for (String[] cmd : new String[][]{{"addr", "show"}, {"-4", "addr"}, {"-6", "addr"}, {"addr", "show", "dev",
                "v1"}, {"-6", "addr", "show", "dev", "v0"}, {"-d", "addr"}}) {
            assertSameJson(n, cmd);
        }
        ok("-n", n, "addr", "del", "198.18.4.1/25", "dev", "v1");
        ok("-n", n, "addr", "flush", "dev", "v0");
        assertSameJson(n, "addr");
        assertThat(Ip.in(n, "-4", "addr", "show", "dev", "v0")).isEmpty();
    }

    @Test
    void routes() {
        String n = ns("jroute");
        ok("-n", n, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        ok("-n", n, "link", "set", "v0", "up");
        ok("-n", n, "link", "set", "v1", "up");
        ok("-n", n, "addr", "add", "198.18.0.1/24", "dev", "v0");
        ok("-n", n, "addr", "add", "198.18.1.1/24", "dev", "v1");
        ok("-n", n, "addr", "add", "fd42:6e73::1/64", "dev", "v1", "nodad");
        ok("-n", n, "route", "add", "default", "via", "198.18.1.254");
        ok("-n", n, "route", "add", "198.18.10.0/24", "via", "198.18.0.2", "dev", "v0", "metric", "100", "proto",
                "static");
        ok("-n", n, "r", "add", "198.18.11.0/24", "nexthop", "via", "198.18.0.2", "dev", "v0", "weight", "1",
                "nexthop", "via", "198.18.1.2", "dev", "v1", "weight", "3");
        ok("-n", n, "route", "add", "blackhole", "198.18.12.0/24");
        ok("-n", n, "route", "add", "unreachable", "198.18.13.0/24", "table", "100");
        ok("-n", n, "route", "add", "prohibit", "198.18.14.0/24", "table", "1000");
        ok("-n", n, "route", "add", "198.18.15.0/24", "dev", "v1", "src", "198.18.1.1", "mtu", "1400");
        ok("-n", n, "route", "add", "198.18.16.0/24", "via", "198.18.99.1", "dev", "v1", "onlink");
        ok("-n", n, "route", "add", "198.18.17.0/24", "dev", "v1", "scope", "host", "table", "main");
        ok("-n", n, "route", "replace", "198.18.10.0/24", "via", "198.18.0.3", "dev", "v0", "metric", "100");
        ok("-n", n, "route", "add", "fd42:6e73:5::/64", "via", "fd42:6e73::2", "dev", "v1", "metric", "5");
        ok("-n", n, "-6", "route", "add", "fd42:6e73:6::/64", "nexthop", "via", "fd42:6e73::2", "dev", "v1",
                "nexthop", "via", "fd42:6e73::3", "dev", "v1");
        ok("-n", n, "route", "add", "default", "via", "fd42:6e73::fe", "table", "200");
        Ip.in(n, "route", "add", "198.18.20.0/24", "via", "198.18.0.2", "proto", "bird", "table", "local");
        Ip.in(n, "route", "add", "throw", "198.18.21.0/24", "table", "100");
        for (String[] cmd : new String[][]{{"route"}, {"route", "show", "table", "all"}, {"route", "show", "table",
                "100"}, {"-6", "route"}, {"-6", "route", "show", "table", "200"}, {"route", "show", "table", "local"},
                {"-d", "route"}, {"route", "get", "198.18.10.7"}, {"route", "get", "198.18.11.7"},
                {"-6", "route", "get", "fd42:6e73:5::9"}, {"-d", "route", "get", "198.18.0.9"},
                {"route", "list", "dev", "v1"}}) {
            assertSameJson(n, cmd);
        }
        assertSameText(n, "route", "show", "table", "all");
        ok("-n", n, "route", "del", "198.18.10.0/24");
        ok("-n", n, "route", "delete", "blackhole", "198.18.12.0/24");
        assertSameJson(n, "route");
    }

    @Test
    void neighboursAndRules() {
        String n = ns("jneigh");
        ok("-n", n, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        ok("-n", n, "link", "set", "v0", "up");
        ok("-n", n, "neigh", "add", "198.18.0.9", "lladdr", "02:00:00:00:00:09", "dev", "v0");
        ok("-n", n, "n", "add", "198.18.0.10", "lladdr", "02:00:00:00:00:0a", "dev", "v0", "nud", "stale");
        ok("-n", n, "neighbour", "add", "198.18.0.11", "lladdr", "02:00:00:00:00:0b", "dev", "v0", "nud", "noarp");
        ok("-n", n, "neighbor", "replace", "198.18.0.12", "lladdr", "02:00:00:00:00:0c", "dev", "v0", "nud",
                "reachable");
        ok("-n", n, "neigh", "add", "fd42:6e73::9", "lladdr", "02:00:00:00:00:09", "dev", "v1");
        Ip.in(n, "neigh", "add", "198.18.0.13", "lladdr", "02:00:00:00:00:0d", "dev", "v1", "nud", "permanent");
        for (String[] cmd : new String[][]{{"neigh"}, {"neigh", "show", "dev", "v0"}, {"-4", "neigh"},
                {"-6", "neigh"}, {"neigh", "show", "nud", "all"}}) {
            assertSameJson(n, cmd);
        }
        ok("-n", n, "neigh", "del", "198.18.0.9", "dev", "v0");
        assertSameJson(n, "neigh");

        ok("-n", n, "rule", "add", "from", "198.18.0.0/24", "table", "100", "priority", "100");
        ok("-n", n, "rule", "add", "to", "198.18.5.0/24", "fwmark", "0x10/0xff", "iif", "v0", "table", "200");
        ok("-n", n, "rule", "add", "not", "from", "198.18.6.0/24", "oif", "v1", "blackhole", "priority", "300");
        ok("-n", n, "rule", "add", "fwmark", "7", "prohibit", "pref", "301");
        ok("-n", n, "rule", "add", "unreachable", "priority", "302", "to", "198.18.9.9");
        ok("-n", n, "-6", "rule", "add", "from", "fd42:6e73::/48", "table", "300");
        Ip.in(n, "rule", "add", "from", "198.18.7.0/24", "lookup", "main", "priority", "400");
        for (String[] cmd : new String[][]{{"rule"}, {"-6", "rule"}, {"-d", "rule", "show"}}) {
            assertSameJson(n, cmd);
        }
        assertSameText(n, "rule", "show");
        ok("-n", n, "rule", "del", "priority", "100");
        ok("-n", n, "rule", "del", "from", "198.18.7.0/24");
        ok("-n", n, "rule", "del", "table", "200");
        assertSameJson(n, "rule");
    }

    @Test
    void namespacesAndIds() {
        NetworkNamespace a = temp.create("jnsa");
        String n = TempNamespaces.name(a);
        String other = ns("jnsb");
        ok("-n", n, "netns", "set", other, "7");
        assertSameJson(n, "netns", "list-id");
        assertSameJson(n, "netns", "list");
        assertSameText(n, "netns", "list-id");
        String made = io.netns.testing.TestNames.unique("jnsc");
        try {
            ok("netns", "add", made);
            assertThat(Ip.netnsList()).contains(made);
            CliHarness.Result r = CliHarness.cli("netns", "exec", made, "sh", "-c", "ip -o link show lo; exit 7");
            assertThat(r.status()).isEqualTo(7);
            assertThat(r.out()).startsWith("1: lo: <LOOPBACK>");
            assertThat(ok("netns", "pids", made)).isEmpty();
        } finally {
            ok("netns", "del", made);
        }
        assertThat(Ip.netnsList()).doesNotContain(made);
    }

    @Test
    void abbreviationsMeanTheSame() {
        String n = ns("jabbr");
        ok("-n", n, "l", "a", "v0", "type", "veth", "peer", "name", "v1");
        ok("-n", n, "a", "add", "198.18.0.1/24", "dev", "v0");
        String full = ok("-j", "-n", n, "address", "show");
        for (String[] cmd : new String[][]{{"a"}, {"a", "s"}, {"addr", "ls"}, {"addr", "list"}, {"address", "sh"}}) {
            String[] argv = new String[cmd.length + 3];
            argv[0] = "-j";
            argv[1] = "-netns";
            argv[2] = n;
            System.arraycopy(cmd, 0, argv, 3, cmd.length);
            assertThat(ok(argv)).isEqualTo(full);
        }
        assertThat(ok("-j", "-n", n, "l")).isEqualTo(ok("-json", "-n", n, "link", "list"));
        assertThat(ok("-n", n, "r")).isEqualTo(ok("-n", n, "route", "show"));
        ok("-n", n, "l", "del", "v0");
        assertThat(Ip.linkNames(n)).containsExactly("lo");
    }
}
