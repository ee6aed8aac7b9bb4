// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import io.netns.EnvironmentReport;
import io.netns.Netns;
import io.netns.junit5.samples.CapabilitySamples;
import io.netns.testing.PrivilegedTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The condition: tests run as root here, so a process without capabilities is simulated by replacing
 * the report the condition reads (a package-private hook).
 */
@PrivilegedTest
class CapabilityConditionTest {
    private static final Map<String, String> LENIENT = Map.of(NetnsExtension.REQUIRE_CAPABILITIES_PROPERTY, "false");

    private Supplier<EnvironmentReport> savedProbe;
    private Function<String, String> savedEnvironment;

    @BeforeEach
    void save() {
        savedProbe = Capabilities.probe;
        savedEnvironment = Capabilities.environment;
        Capabilities.environment = name -> null; // whatever the CI sets, these tests decide
    }

    @AfterEach
    void restore() {
        Capabilities.probe = savedProbe;
        Capabilities.environment = savedEnvironment;
        assertThat(Kit.extensionNamespaces()).isEmpty();
    }

    private static void simulate(boolean sysAdmin, boolean netAdmin) {
        Capabilities.probe = () -> new EnvironmentReport("6.18.0", "25", 1000, sysAdmin, netAdmin, false, true,
                Path.of("/run/netns"), false, true, true, sysAdmin, sysAdmin ? null : "EPERM");
    }

    private static String skipReason(EngineExecutionResults r) {
        List<Event> skipped = r.allEvents().skipped().list();
        assertThat(skipped).as(Kit.describe(r)).hasSize(1);
        return skipped.getFirst().getRequiredPayload(String.class);
    }

    @Test
    void withTheCapabilitiesTheTestRuns() {
        assertThat(Netns.checkEnvironment().capSysAdmin()).as("these tests run as root").isTrue();
        EngineExecutionResults r = Kit.run(CapabilitySamples.NeedsCapabilities.class, LENIENT);
        r.testEvents().assertStatistics(s -> s.succeeded(1).skipped(0));
        assertThat(Kit.reported(r, "ran")).hasSize(1);
    }

    @Test
    void withoutCapNetAdminTheClassIsDisabledNamingIt() {
        simulate(true, false);
        EngineExecutionResults r = Kit.run(CapabilitySamples.NeedsCapabilities.class, LENIENT);
        String reason = skipReason(r);
        assertThat(reason).startsWith("netns: the process lacks CAP_NET_ADMIN (")
                .doesNotContain("lacks CAP_SYS_ADMIN").contains("CAP_NET_ADMIN     no");
        r.testEvents().assertStatistics(s -> s.started(0));
        assertThat(Kit.reported(r, "ran")).isEmpty();
    }

    @Test
    void withoutBothTheMessageNamesBoth() {
        simulate(false, false);
        String reason = skipReason(Kit.run(CapabilitySamples.NeedsCapabilities.class, LENIENT));
        assertThat(reason).startsWith("netns: the process lacks CAP_SYS_ADMIN and CAP_NET_ADMIN (");
    }

    @Test
    void onOneMethodOnlyThatMethodIsDisabled() {
        simulate(false, true);
        EngineExecutionResults r = Kit.run(CapabilitySamples.OnOneMethod.class, LENIENT);
        r.testEvents().assertStatistics(s -> s.succeeded(1).skipped(1));
        assertThat(Kit.reported(r, "ran")).containsExactly("plain");
        assertThat(skipReason(r)).contains("lacks CAP_SYS_ADMIN");
    }

    @Test
    void strictByPropertyFailsInsteadOfSkipping() {
        simulate(true, false);
        EngineExecutionResults r = Kit.run(CapabilitySamples.NeedsCapabilities.class,
                Map.of(NetnsExtension.REQUIRE_CAPABILITIES_PROPERTY, "true"));
        assertStrictFailure(r, NetnsExtension.REQUIRE_CAPABILITIES_PROPERTY + "=true");
    }

    @Test
    void strictByEnvironmentVariableFailsInsteadOfSkipping() {
        simulate(false, true);
        Capabilities.environment = name -> name.equals(NetnsExtension.REQUIRE_CAPABILITIES_ENV) ? "1" : null;
        String saved = System.clearProperty(NetnsExtension.REQUIRE_CAPABILITIES_PROPERTY);
        try {
            EngineExecutionResults r = Kit.run(CapabilitySamples.NeedsCapabilities.class,
                    Map.of(NetnsExtension.REQUIRE_CAPABILITIES_PROPERTY, ""));
            assertStrictFailure(r, NetnsExtension.REQUIRE_CAPABILITIES_ENV + "=1");
        } finally {
            if (saved != null) {
                System.setProperty(NetnsExtension.REQUIRE_CAPABILITIES_PROPERTY, saved);
            }
        }
    }

    @Test
    void anExplicitFalseWinsOverTheEnvironmentVariable() {
        simulate(true, false);
        Capabilities.environment = name -> name.equals(NetnsExtension.REQUIRE_CAPABILITIES_ENV) ? "1" : null;
        assertThat(skipReason(Kit.run(CapabilitySamples.NeedsCapabilities.class, LENIENT))).contains("lacks CAP_NET_ADMIN");
    }

    @Test
    void theSystemPropertyIsReadWhenNoParameterIsGiven() {
        // set here, not by surefire: surefire passes the build's netns.test.requirePrivileged, which
        // is true in .ci/run and false in a plain `mvn test`
        String saved = System.setProperty(NetnsExtension.REQUIRE_CAPABILITIES_PROPERTY, "true");
        try {
            simulate(true, false);
            EngineExecutionResults r = org.junit.platform.testkit.engine.EngineTestKit.engine("junit-jupiter")
                    .configurationParameter(io.netns.junit5.samples.Sample.RUN_PARAMETER, "true")
                    .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(
                            CapabilitySamples.NeedsCapabilities.class))
                    .execute();
            assertStrictFailure(r, NetnsExtension.REQUIRE_CAPABILITIES_PROPERTY + "=true");
        } finally {
            if (saved == null) {
                System.clearProperty(NetnsExtension.REQUIRE_CAPABILITIES_PROPERTY);
            } else {
                System.setProperty(NetnsExtension.REQUIRE_CAPABILITIES_PROPERTY, saved);
            }
        }
    }

    private static void assertStrictFailure(EngineExecutionResults r, String source) {
        assertThat(r.allEvents().skipped().count()).as(Kit.describe(r)).isZero();
        r.containerEvents().assertStatistics(s -> s.failed(1));
        Throwable t = r.containerEvents().failed().list().getFirst()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(t).hasMessageContaining("lacks CAP_").hasMessageContaining("failing instead of skipping because " + source);
        assertThat(Kit.reported(r, "ran")).isEmpty();
    }
}
