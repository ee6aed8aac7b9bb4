// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.NetworkNamespace;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import io.netns.testing.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each operation needs: a child JVM (uid 0) keeps only the capabilities a test gives it,
 * through setpriv's bounding and inheritable sets.
 */
@PrivilegedTest
class LeastPrivilegeTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    private Map<String, String> runWith(String caps, String mine, String theirs) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--inh-caps=" + caps, "--bounding-set=" + caps, "--",
                java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LeastPrivilegeMain.class.getName(), mine, theirs));
        Ip.Result r = Ip.exec(cmd.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Map<String, String> seen = new HashMap<>();
        r.stdout().lines().filter(l -> l.contains("=")).forEach(l ->
                seen.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return seen;
    }

    @Test
    void capSysAdminAndCapNetAdminAreEnough() {
        NetworkNamespace theirs = temp.create("lp-both");
        String mine = TestNames.unique("lp-mine");
        Map<String, String> seen = runWith("-all,+sys_admin,+net_admin", mine, theirs.name().orElseThrow());
        assertThat(seen.get("CAPS")).isEqualTo("0000000000201000"); // bits 12 and 21 only
        assertThat(seen).containsEntry("CREATE", "ok").containsEntry("ENTER", "ok").containsEntry("SOCKET", "ok")
                .containsEntry("LINKS", "ok");
        assertThat(Ip.linkNames(theirs.name().orElseThrow())).contains("va", "vb");
        assertThat(Ip.netnsList()).doesNotContain(mine);
        assertThat(seen).containsEntry("SYSCTL", "ok");
        assertThat(forwarding(theirs)).isEqualTo("1");
    }

    /** net.ipv4.ip_forward of the namespace, read by sysctl(8) inside it. */
    private static String forwarding(NetworkNamespace ns) {
        return Ip.exec("ip", "netns", "exec", ns.name().orElseThrow(), "sysctl", "-n", "net.ipv4.ip_forward")
                .orFail("sysctl").stdout().strip();
    }

    @Test
    void withoutCapNetAdminTheErrorNamesIt() {
        NetworkNamespace theirs = temp.create("lp-sys");
        String mine = TestNames.unique("lp-mine");
        Map<String, String> seen = runWith("-all,+sys_admin", mine, theirs.name().orElseThrow());
        assertThat(seen).containsEntry("CREATE", "ok").containsEntry("SOCKET", "ok");
        assertThat(seen.get("NETLINK")).startsWith("EPERM").contains("CAP_NET_ADMIN").contains("RTM_NEWLINK");
        assertThat(Ip.linkNames(theirs.name().orElseThrow())).containsExactly("lo");
        // the kernel refuses the write with EPERM; the error names the file and the capability
        assertThat(seen.get("SYSCTL")).startsWith("EPERM").contains("write /proc/sys/net/ipv4/ip_forward")
                .contains("needs CAP_NET_ADMIN");
        assertThat(forwarding(theirs)).isEqualTo("0");
    }

    @Test
    void withoutCapabilitiesTheErrorsNameCapSysAdminAndNothingIsLeft() {
        NetworkNamespace theirs = temp.create("lp-none");
        String mine = TestNames.unique("lp-mine");
        Map<String, String> seen = runWith("-all", mine, theirs.name().orElseThrow());
        assertThat(seen.get("CAPS")).isEqualTo("0000000000000000");
        assertThat(seen.get("CREATE")).startsWith("EPERM").contains("CAP_SYS_ADMIN");
        assertThat(seen).containsEntry("LEFT", "false");
        assertThat(seen.get("NETLINK")).startsWith("EPERM").contains("setns needs CAP_SYS_ADMIN");
        assertThat(seen.get("SYSCTL")).contains("CAP_SYS_ADMIN"); // no thread can even enter
        assertThat(forwarding(theirs)).isEqualTo("0");
        assertThat(Files.exists(Path.of("/run/netns", mine))).isFalse();
    }
}
