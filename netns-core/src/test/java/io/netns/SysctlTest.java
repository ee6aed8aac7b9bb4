// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** sysctl and setSysctl against sysctl(8) run inside the namespace (the oracle). */
@PrivilegedTest
class SysctlTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    private static String sysctl(NetworkNamespace ns, String key) {
        return Ip.exec("ip", "netns", "exec", TempNamespaces.name(ns), "sysctl", "-n", key).orFail("sysctl")
                .stdout().strip();
    }

    @Test
    void valuesOfMoreThanOneCharacterAreReadWhole() {
        NetworkNamespace ns = temp.create("sysctl-read");
        // Files.readString of a /proc/sys file read one byte, then got end-of-file: "4" for 4096
        for (String key : new String[] {"net.core.somaxconn", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_rmem"}) {
            assertThat(ns.sysctl(key)).as(key).isEqualTo(sysctl(ns, key).replaceAll("\\s+", "\t"));
        }
        ns.setSysctl("net.core.somaxconn", "1234");
        assertThat(ns.sysctl("net.core.somaxconn")).isEqualTo("1234").isEqualTo(sysctl(ns, "net.core.somaxconn"));
    }

    @Test
    void whatTheKernelRefusesIsANetnsExceptionWithItsErrno() {
        NetworkNamespace ns = temp.create("sysctl-bad");
        String before = sysctl(ns, "net.ipv4.ip_forward");
        assertThatThrownBy(() -> ns.setSysctl("net.ipv4.ip_forward", "not a number"))
                .isInstanceOf(NetnsException.class).hasMessageContaining("write /proc/sys/net/ipv4/ip_forward")
                .satisfies(e -> assertThat(((NetnsException) e).errno()).isEqualTo(Errno.EINVAL));
        assertThatThrownBy(() -> ns.setSysctl("net.ipv4.no_such_key", "1"))
                .isInstanceOf(NetnsException.class).hasMessageContaining("/proc/sys/net/ipv4/no_such_key")
                .satisfies(e -> assertThat(((NetnsException) e).errno()).isEqualTo(Errno.ENOENT));
        assertThat(sysctl(ns, "net.ipv4.ip_forward")).isEqualTo(before);
    }
}
