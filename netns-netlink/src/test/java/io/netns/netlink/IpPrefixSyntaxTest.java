// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import java.net.Inet6Address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Golden cases of iproute2 6.1's {@code get_prefix}: what {@code ip addr add TEXT dev D} added (read back
 * with {@code ip addr show}), or that ip refused the text. {@code AddressSyntaxDifferentialTest} checks
 * the same forms against a live {@code ip}; this table keeps them checked on machines without root.
 */
class IpPrefixSyntaxTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            // BSD short forms: missing parts are zero at the end (InetAddress.ofLiteral: 198.18.0.1)
            "198.18.1/24            | 198.18.1.0/24",
            "198.18                 | 198.18.0.0",
            // a leading 0 means octal, 0x hex, as strtoul(.., 0) reads them
            "198.18.0.010           | 198.18.0.8",
            "198.18.0.0x10/32       | 198.18.0.16",
            "0x0c6.18.0.1           | 198.18.0.1",
            // white space and a sign before a part, as strtoul skips them
            "' 198.18.0.4'          | 198.18.0.4",
            "+198.18.0.7            | 198.18.0.7",
            "198.18.-0.8            | 198.18.0.8",
            // the length: strtoul(.., 0) or a netmask
            "198.18.0.1/255.255.255.0 | 198.18.0.1/24",
            "198.18.0.2/0x18        | 198.18.0.2/24",
            "198.18.0.3/030         | 198.18.0.3/24",
            "198.18.0.11/+24        | 198.18.0.11/24",
            "'198.18.0.12/ 24'      | 198.18.0.12/24",
            // IPv4-mapped IPv6 stays IPv6 (InetAddress.ofLiteral: IPv4, and /96 refused)
            "::ffff:198.18.0.1/96   | ::ffff:198.18.0.1/96",
            "::ffff:198.18.0.3/24   | ::ffff:198.18.0.3/24",
            "fd42:6e73::01:2/64     | fd42:6e73::1:2/64",
            "fd42:6e73:0:0:0:0:198.18.0.4 | fd42:6e73::c612:4",
    })
    void readsWhatIpReads(String text, String meant) {
        IpPrefix p = IpPrefix.parse(text);
        assertThat(p.toString()).isEqualTo(meant);
        if (meant.contains(":")) {
            assertThat(p.address()).isInstanceOf(Inet6Address.class);
            assertThat(p.family()).isEqualTo(Family.INET6);
        }
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {
            "3323068417/32", "198.18.0.5/", "198.18.0.6/33", "198.18.0.08", "198.18.0.9/255.0.255.0",
            "fd42:6e73::1%1", "[fd42:6e73::3]", "fd42:6e73::198.18.0.05", "fd42:6e73::00001", "198.18.0.10/-1",
            "198.18.0.13/24x", "198.18.0.14.", "198..0.15", "0198.18.0.16", "198.18.0.17 ", "fd42:6e73::1:",
            "fd42:6e73:::1", "fd42:6e73::1/129", "", "localhost", "198.18.0.256", "fd42:6e73::1::2",
            "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "198.18.0.١",
    })
    void refusesWhatIpRefuses(String text) {
        assertThatThrownBy(() -> IpPrefix.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
