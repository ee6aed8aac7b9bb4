// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import io.netns.junit5.samples.Sample;
import io.netns.testing.Ip;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs sample classes through the Jupiter engine (EngineTestKit) and reads what they reported. */
final class Kit {
    private Kit() {
    }

    static EngineExecutionResults run(Class<?> sample) {
        return run(sample, Map.of());
    }

    /** Runs a sample with the sample switch on, strict capabilities, and extra configuration. */
    static EngineExecutionResults run(Class<?> sample, Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Sample.RUN_PARAMETER, "true")
                .configurationParameter(NetnsExtension.REQUIRE_CAPABILITIES_PROPERTY, "true")
                .configurationParameters(configuration)
                .selectors(selectClass(sample))
                .execute();
    }

    /** The values the sample published with {@code TestReporter} under {@code key}, in order. */
    static List<String> reported(EngineExecutionResults results, String key) {
        List<String> values = new ArrayList<>();
        for (Event e : results.allEvents().reportingEntryPublished().list()) {
            Optional<ReportEntry> entry = e.getPayload(ReportEntry.class);
            entry.map(r -> r.getKeyValuePairs().get(key)).ifPresent(values::add);
        }
        return values;
    }

    /** The one failure's exception of the tests, or of the containers if no test failed. */
    static Throwable failure(EngineExecutionResults results) {
        List<Throwable> thrown = results.testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable()
                        .orElseThrow())
                .collect(Collectors.toList());
        if (thrown.isEmpty()) {
            thrown = results.containerEvents().failed().stream()
                    .map(e -> e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable()
                            .orElseThrow())
                    .collect(Collectors.toList());
        }
        if (thrown.size() != 1) {
            throw new AssertionError("expected one failure, got " + thrown.size() + ": " + thrown);
        }
        return thrown.getFirst();
    }

    /** Namespaces with the extension's prefix, as {@code ip netns list} shows them. */
    static List<String> extensionNamespaces() {
        return Ip.netnsList().stream().filter(n -> n.startsWith(NetnsExtension.namePrefix())).toList();
    }

    /** A compact account of a run, for assertion messages. */
    static String describe(EngineExecutionResults results) {
        StringBuilder sb = new StringBuilder();
        results.allEvents().list().forEach(e -> sb.append("\n  ").append(e.getType()).append(' ')
                .append(e.getTestDescriptor().getDisplayName())
                .append(e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                        .map(t -> " " + t).orElse(""))
                .append(e.getPayload(String.class).map(s -> " " + s).orElse("")));
        return sb.toString();
    }
}
