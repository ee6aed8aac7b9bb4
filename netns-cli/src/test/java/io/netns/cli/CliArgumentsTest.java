// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import org.junit.jupiter.api.Test;

import static io.netns.cli.CliHarness.cli;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Argument errors found before any kernel request: the same text and exit status as iproute2 6.1's
 * {@code ip} (captured from it; IpCommandErrorTest compares with a live {@code ip} as root). Needs
 * no root, so it runs in the root-free tier too.
 */
class CliArgumentsTest {
    private static void assertFails(int status, String stderr, String... args) {
        CliHarness.Result r = cli(args);
        assertThat(r.err()).as("stderr of netns %s", String.join(" ", args)).isEqualTo(stderr);
        assertThat(r.status()).as("status of netns %s", String.join(" ", args)).isEqualTo(status);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownObjectsCommandsAndOptions() {
        assertFails(1, "Object \"frob\" is unknown, try \"ip help\".\n", "frob");
        assertFails(255, "Command \"frob\" is unknown, try \"ip link help\".\n", "link", "frob");
        assertFails(255, "Command \"frob\" is unknown, try \"ip address help\".\n", "addr", "frob");
        assertFails(255, "Command \"frob\" is unknown, try \"ip route help\".\n", "route", "frob");
        assertFails(255, "Command \"frob\" is unknown, try \"ip neigh help\".\n", "neigh", "frob");
        assertFails(255, "Command \"frob\" is unknown, try \"ip rule help\".\n", "rule", "frob");
        assertFails(255, "Option \"-Z\" is unknown, try \"ip -help\".\n", "-Z", "link", "show");
    }

    @Test
    void missingArguments() {
        assertFails(1, "Not enough information: \"type\" argument is required\n", "link", "add");
        assertFails(1, "Not enough information: \"type\" argument is required\n", "link", "add", "foo");
        assertFails(255, "Not enough information: \"dev\" argument is required.\n", "link", "set");
        assertFails(1, "Not enough information: \"dev\" argument is required.\n", "addr", "add", "198.18.0.1/24");
    }

    @Test
    void ownUsageAndVersion() {
        CliHarness.Result help = cli("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("demo").contains("link").contains("route").contains("-V");
        CliHarness.Result version = cli("-V");
        assertThat(version.status()).isZero();
        assertThat(version.out()).startsWith("netns utility, ");
    }
}
