// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.testing.PrivilegedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@PrivilegedTest
class EnvironmentTest {

    @Test
    void asRootEverythingIsAvailableAndTheReportSaysSo() {
        EnvironmentReport report = Netns.checkEnvironment();
        assertThat(report.capSysAdmin()).isTrue();
        assertThat(report.capNetAdmin()).isTrue();
        assertThat(report.nativeAccess()).isTrue();
        assertThat(report.setnsWorks()).isTrue();
        assertThat(report.threadSelf()).isTrue();
        assertThat(report.effectiveUid()).isZero();
        assertThat(report.problems()).isEmpty();
        assertThat(report.toString()).contains("CAP_SYS_ADMIN", "yes", report.kernelRelease(), "no problems found");
    }

    @Test
    void theRunDirectoryIsASharedMountOnceANamespaceWasCreated() {
        String name = io.netns.testing.TestNames.unique("env");
        try (NetworkNamespace ns = Netns.create(name)) {
            assertThat(Netns.checkEnvironment().runDirectoryShared()).isTrue();
            assertThat(io.netns.testing.Ip.exec("findmnt", "-n", "-o", "PROPAGATION", "/run/netns").stdout())
                    .contains("shared");
        } finally {
            Netns.delete(name);
        }
    }
}
