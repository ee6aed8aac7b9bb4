// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5.samples;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A sample test class, run only through EngineTestKit by the extension's own tests: many of them
 * fail or leak on purpose. Besides being nested classes named {@code ...Samples$X} (which surefire's
 * default includes and its {@code **}{@code /*$*} exclude skip), they are disabled unless the
 * configuration parameter {@value #RUN_PARAMETER}{@code =true} is given, which only the test kit
 * runs do.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("sample")
@ExtendWith(Sample.OnlyThroughTestKit.class)
public @interface Sample {
    String RUN_PARAMETER = "netns.junit.samples";

    /** Enables a sample only in a test kit run. */
    final class OnlyThroughTestKit implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(RUN_PARAMETER).map(Boolean::parseBoolean).orElse(false)
                    ? ConditionEvaluationResult.enabled("run through EngineTestKit")
                    : ConditionEvaluationResult.disabled("a sample of the netns-junit5 tests: runs only through"
                    + " EngineTestKit (-D" + RUN_PARAMETER + "=true)");
        }
    }
}
