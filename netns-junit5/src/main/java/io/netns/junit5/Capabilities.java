// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import io.netns.EnvironmentReport;
import io.netns.Netns;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The execution condition: are CAP_SYS_ADMIN and CAP_NET_ADMIN effective? Disables the test with a
 * message naming what is missing, or, in strict mode, fails it.
 */
final class Capabilities {
    /** Where the report comes from; tests replace it to simulate a process without capabilities. */
    static volatile Supplier<EnvironmentReport> probe = Netns::checkEnvironment;
    /** How environment variables are read; tests replace it. */
    static volatile Function<String, String> environment = System::getenv;

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(Capabilities.class);

    private Capabilities() {
    }

    /** The capabilities the report lacks, by name. */
    static List<String> missing(EnvironmentReport report) {
        List<String> missing = new ArrayList<>();
        if (!report.capSysAdmin()) {
            missing.add("CAP_SYS_ADMIN");
        }
        if (!report.capNetAdmin()) {
            missing.add("CAP_NET_ADMIN");
        }
        return missing;
    }

    static ConditionEvaluationResult evaluate(ExtensionContext context) {
        Supplier<EnvironmentReport> source = probe;
        // one probe per run (it starts a thread and calls setns), per source
        EnvironmentReport report = context.getRoot().getStore(STORE)
                .getOrComputeIfAbsent(source, s -> source.get(), EnvironmentReport.class);
        List<String> missing = missing(report);
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("CAP_SYS_ADMIN and CAP_NET_ADMIN are effective");
        }
        String message = "the process lacks " + String.join(" and ", missing)
                + " (network namespace tests need CAP_SYS_ADMIN and CAP_NET_ADMIN: run as root, or in a user"
                + " namespace, unshare -Urnm). Netns.checkEnvironment() reports:\n" + report;
        if (strict(context)) {
            throw new MissingCapabilityError(message + "\n(failing instead of skipping because "
                    + strictSource(context) + ")");
        }
        return ConditionEvaluationResult.disabled("netns: " + message);
    }

    static boolean strict(ExtensionContext context) {
        return strictSource(context) != null;
    }

    /** Why strict mode is on, or null. */
    private static String strictSource(ExtensionContext context) {
        // A configuration parameter (which launchers usually also read from system properties and
        // junit-platform.properties), else the system property itself, else the environment.
        String value = context.getConfigurationParameter(NetnsExtension.REQUIRE_CAPABILITIES_PROPERTY)
                .filter(v -> !v.isBlank())
                .orElse(System.getProperty(NetnsExtension.REQUIRE_CAPABILITIES_PROPERTY));
        if (value != null && !value.isBlank()) {
            return Boolean.parseBoolean(value.strip())
                    ? NetnsExtension.REQUIRE_CAPABILITIES_PROPERTY + "=" + value.strip() : null;
        }
        String env = environment.apply(NetnsExtension.REQUIRE_CAPABILITIES_ENV);
        if (env != null && isTrue(env)) {
            return NetnsExtension.REQUIRE_CAPABILITIES_ENV + "=" + env.strip();
        }
        return null;
    }

    private static boolean isTrue(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.equals("1") || v.equals("true") || v.equals("yes");
    }

    /** Thrown by the condition in strict mode: the test fails and is never skipped. */
    static final class MissingCapabilityError extends AssertionError {
        private static final long serialVersionUID = 1L;

        MissingCapabilityError(String message) {
            super(message);
        }
    }
}
