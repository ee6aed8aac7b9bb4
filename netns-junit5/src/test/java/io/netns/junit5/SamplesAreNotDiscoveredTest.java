// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import io.netns.junit5.samples.CapabilitySamples;
import io.netns.junit5.samples.LeakSamples;
import io.netns.junit5.samples.LifecycleSamples;
import io.netns.junit5.samples.ReportSamples;
import io.netns.junit5.samples.RunInsideSamples;
import io.netns.junit5.samples.Sample;
import io.netns.junit5.samples.TopologySamples;
import io.netns.testing.PrivilegedTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

/** The samples fail and leak on purpose: they must run only through the test kit. */
@PrivilegedTest
class SamplesAreNotDiscoveredTest {
    private static final List<Class<?>> HOLDERS = List.of(LifecycleSamples.class, RunInsideSamples.class,
            TopologySamples.class, LeakSamples.class, CapabilitySamples.class, ReportSamples.class);

    private static Stream<Class<?>> samples() {
        return HOLDERS.stream().flatMap(h -> Arrays.stream(h.getDeclaredClasses()))
                .filter(c -> c.isAnnotationPresent(Sample.class));
    }

    @Test
    void everySampleIsANestedClassSurefireDoesNotInclude() {
        assertThat(samples().count()).isGreaterThan(30);
        samples().forEach(c -> {
            // surefire's defaults: include **/Test*.java, **/*Test.java, **/*Tests.java, **/*TestCase.java;
            // exclude **/*$* (nested classes)
            assertThat(c.getName()).contains("$");
            String file = c.getName().substring(c.getName().lastIndexOf('.') + 1, c.getName().indexOf('$'));
            assertThat(file).doesNotStartWith("Test").doesNotEndWith("Test").doesNotEndWith("Tests")
                    .doesNotEndWith("TestCase");
        });
    }

    @Test
    void withoutTheTestKitSwitchEverySampleIsDisabled() {
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
                .selectors(samples().map(c -> selectClass(c)).toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute();
        assertThat(r.testEvents().started().count()).as(Kit.describe(r)).isZero();
        assertThat(r.containerEvents().skipped().count()).isEqualTo(samples().count());
        r.containerEvents().skipped().list().forEach(e -> assertThat(e.getRequiredPayload(String.class))
                .contains("runs only through EngineTestKit"));
        assertThat(Kit.extensionNamespaces()).isEmpty();
    }

    @Test
    void aPackageScanFindsNoSampleToRun() {
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
                .selectors(selectPackage("io.netns.junit5.samples"))
                .execute();
        assertThat(r.testEvents().started().count()).as(Kit.describe(r)).isZero();
    }
}
