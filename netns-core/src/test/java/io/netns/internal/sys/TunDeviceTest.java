// SPDX-License-Identifier: Apache-2.0
package io.netns.internal.sys;

import com.fasterxml.jackson.databind.JsonNode;
import io.netns.Errno;
import io.netns.NetnsException;
import io.netns.NetworkNamespace;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tun/tap devices created by the calling thread land in its namespace, as ip tuntap makes them. */
@PrivilegedTest
class TunDeviceTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    @Test
    void createsPersistentTunAndTapDevicesInTheCallersNamespace() {
        NetworkNamespace ns = temp.create("tun");
        String name = TempNamespaces.name(ns);
        ns.run(() -> {
            TunDevice.createPersistent("tun0", false, false);
            TunDevice.createPersistent("tap0", true, true);
        });
        JsonNode tun = Ip.jsonIn(name, "-d", "link", "show", "tun0").get(0);
        JsonNode tap = Ip.jsonIn(name, "-d", "link", "show", "tap0").get(0);
        assertThat(tun.at("/linkinfo/info_data/type").asText()).isEqualTo("tun");
        assertThat(tun.at("/linkinfo/info_data/pi").asBoolean()).isFalse();
        assertThat(tun.at("/linkinfo/info_data/multi_queue").asBoolean()).isFalse();
        assertThat(tap.at("/linkinfo/info_data/type").asText()).isEqualTo("tap");
        assertThat(tap.at("/linkinfo/info_data/multi_queue").asBoolean()).isTrue();
        // persistent: still there although the creating descriptor is closed
        assertThat(tun.at("/linkinfo/info_data/persist").asBoolean()).isTrue();
        // asking for a tap under the name of a tun is refused by the kernel
        assertThatThrownBy(() -> ns.run(() -> TunDevice.createPersistent("tun0", true, false)))
                .isInstanceOf(NetnsException.class)
                .hasMessageContaining("ioctl(TUNSETIFF) tun0")
                .satisfies(e -> assertThat(((NetnsException) e).errno()).isEqualTo(Errno.EINVAL));
    }

    @Test
    void refusesNamesThatDoNotFitIfnamsiz() {
        assertThatThrownBy(() -> TunDevice.createPersistent("a-name-of-16-chr", false, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
