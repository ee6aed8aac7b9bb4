// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.address;

import io.netns.NetworkNamespace;
import io.netns.netlink.Rtnetlink;
import io.netns.netlink.link.LinkSpec;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every odd address form given to {@code ip addr add} in one namespace and to
 * {@code addresses().add(AddressSpec.of(..))} in another: both accept or both refuse it, and the kernel
 * ends up holding the same addresses (ip is the oracle, read back with {@code ip -j addr show}).
 */
@PrivilegedTest
class AddressSyntaxDifferentialTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    static final List<String> FORMS = List.of("198.18.1/24", "198.18.0.010", "198.18.0.0x10/32", "3323068417/32",
            "::ffff:198.18.0.3/24", "::ffff:198.18.0.1/96", "198.18.0.1/255.255.255.0", "198.18.0.2/0x18",
            "198.18.0.3/030", " 198.18.0.4", "198.18.0.5/", "198.18.0.6/33", "+198.18.0.7", "198.18.0.08",
            "198.18.0.9/255.0.255.0", "fd42:6e73::01:2/64", "fd42:6e73::1%1", "[fd42:6e73::3]",
            "fd42:6e73:0:0:0:0:198.18.0.4", "fd42:6e73::198.18.0.05", "fd42:6e73::00001", "198.18.0.10/-1",
            "198.18.0.11/+24", "198.18.0.12/ 24", "198.18.0.13/24x", "198.18", "198.18.0.14.", "198..0.15",
            "0198.18.0.16", "198.18.2.1/0x1f");

    @Test
    void everyFormMeansWhatItMeansToIp() {
        NetworkNamespace viaIp = temp.create("syn-ip");
        NetworkNamespace viaJava = temp.create("syn-java");
        Map<String, Boolean> ipAccepted = new LinkedHashMap<>();
        Map<String, Boolean> javaAccepted = new LinkedHashMap<>();
        Ip.in(viaIp.name().orElseThrow(), "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        try (Rtnetlink rt = Rtnetlink.open(viaJava)) {
            rt.links().add(LinkSpec.veth("v0", "v1"));
            for (String form : FORMS) {
                ipAccepted.put(form, Ip.exec("ip", "-n", viaIp.name().orElseThrow(), "addr", "add", form, "dev", "v0")
                        .exitCode() == 0);
                boolean ok;
                try {
                    rt.addresses().add(AddressSpec.of(form, "v0"));
                    ok = true;
                } catch (IllegalArgumentException refused) {
                    ok = false;
                }
                javaAccepted.put(form, ok);
            }
        }
        assertThat(javaAccepted).isEqualTo(ipAccepted);
        assertThat(ipAccepted).containsValue(true).containsValue(false);
        assertThat(AddressTest.ipAddresses(viaJava.name().orElseThrow()))
                .isEqualTo(AddressTest.ipAddresses(viaIp.name().orElseThrow()));
    }
}
