// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.netns.cli.CliHarness.assertSameError;
import static io.netns.cli.CliHarness.ok;

/** Failing commands print ip's message and return ip's exit status. */
@PrivilegedTest
class IpCommandErrorTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    private static String[] in(String ns, String... args) {
        List<String> l = new ArrayList<>(List.of("-n", ns));
        l.addAll(List.of(args));
        return l.toArray(String[]::new);
    }

    @Test
    void kernelRefusals() {
        String n = TempNamespaces.name(temp.create("err"));
        ok("-n", n, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        ok("-n", n, "link", "set", "v0", "up");
        ok("-n", n, "link", "set", "v1", "up");
        ok("-n", n, "addr", "add", "198.18.0.1/24", "dev", "v0");
        ok("-n", n, "route", "add", "198.18.17.0/24", "via", "198.18.0.2");
        // exit 2, with the kernel's extended ack or strerror
        assertSameError(in(n, "link", "add", "v0", "type", "veth", "peer", "name", "v9"));
        assertSameError(in(n, "link", "add", "d0", "type", "dummy"));
        assertSameError(in(n, "link", "add", "x0", "type", "bogus"));
        assertSameError(in(n, "link", "add", "t0", "type", "tun"));
        assertSameError(in(n, "link", "add", "thisnameistoolong", "type", "bridge"));
        assertSameError(in(n, "link", "set", "v0", "mtu", "10"));
        assertSameError(in(n, "link", "set", "v0", "master", "v1"));
        assertSameError(in(n, "addr", "add", "198.18.0.1/24", "dev", "v0"));
        assertSameError(in(n, "addr", "del", "198.18.9.1/24", "dev", "v0"));
        assertSameError(in(n, "route", "add", "198.18.18.0/24", "via", "198.18.77.1"));
        assertSameError(in(n, "route", "add", "198.18.17.0/24", "via", "198.18.0.2"));
        assertSameError(in(n, "route", "add", "198.18.19.1/24", "via", "198.18.0.2"));
        assertSameError(in(n, "route", "add", "198.18.41.0/24", "via", "198.18.0.2", "src", "198.18.9.9"));
        assertSameError(in(n, "route", "del", "198.18.99.0/24"));
        assertSameError(in(n, "route", "add", "fd42:6e73:9::/64", "via", "fd42:6e73:5::99"));
        assertSameError(in(n, "route", "get", "fd42:6e73:7::5"));
        assertSameError(in(n, "route", "show", "table", "4242"));
        assertSameError(in(n, "neigh", "del", "198.18.0.99", "dev", "v0"));
        assertSameError(in(n, "rule", "del", "priority", "12345"));
    }

    @Test
    void usageErrors() {
        String n = TempNamespaces.name(temp.create("usage"));
        ok("-n", n, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        // exit 1: a device or object that does not exist
        assertSameError(in(n, "frob"));
        assertSameError(in(n, "link", "del", "nosuch"));
        assertSameError(in(n, "link", "set", "nosuch", "up"));
        assertSameError(in(n, "link", "show", "nosuch"));
        assertSameError(in(n, "addr", "add", "198.18.0.1/24", "dev", "nosuch"));
        assertSameError(in(n, "addr", "add", "foo", "dev", "v0"));
        for (String refused : new String[]{"3323068417/32", "198.18.0.08", "fd42:6e73::00001", "198.18.0.6/33",
                "198.18.0.9/255.0.255.0", "[fd42:6e73::3]"}) {
            assertSameError(in(n, "addr", "add", refused, "dev", "v0"));
        }
        assertSameError(in(n, "route", "add", "198.18.41.0/24", "dev", "nosuch"));
        // exit 255: ip's exit(-1)
        assertSameError(in(n, "link", "frob"));
        assertSameError(in(n, "addr", "frob"));
        assertSameError(in(n, "route", "frob"));
        assertSameError(in(n, "neigh", "frob"));
        assertSameError(in(n, "rule", "frob"));
        assertSameError(in(n, "netns", "frob"));
        assertSameError(in(n, "link", "add", "v0", "typo", "veth"));
        assertSameError(in(n, "link", "set", "v0", "mtu", "abc"));
        assertSameError(in(n, "link", "set", "v0", "mtu"));
        assertSameError(in(n, "link", "set", "v0", "mtu", "1400", "mtu", "1300"));
        assertSameError(in(n, "neigh", "add", "198.18.0.5", "lladdr", "02:00:00:00:00:05"));
        assertSameError("-n", "nosuchns" + ProcessHandle.current().pid(), "link", "show");
        assertSameError("-q", "link");
    }

    @Test
    void namespaceNames() {
        String n = TempNamespaces.name(temp.create("errns"));
        assertSameError("netns", "add", n);
        assertSameError("netns", "del", "nosuchns" + ProcessHandle.current().pid());
        assertSameError("netns", "exec", "nosuchns" + ProcessHandle.current().pid(), "true");
        Ip.netnsList();
    }
}
