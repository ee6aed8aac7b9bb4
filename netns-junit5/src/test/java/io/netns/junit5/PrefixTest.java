// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The name prefix and its {@code netns.junit.prefix} setting. Needs no root. */
class PrefixTest {
    @Test
    void theDefaultIsJunitAndThePid() {
        assertThat(Owned.prefixOf(null, 42)).isEqualTo("junit-42-");
        assertThat(Owned.prefixOf("  ", 42)).isEqualTo("junit-42-");
    }

    @Test
    void theSettingReplacesTheFirstPartAndKeepsThePid() {
        assertThat(Owned.prefixOf("ci.build_7", 42)).isEqualTo("ci.build_7-42-");
        assertThat(Owned.prefixOf(" app ", 42)).isEqualTo("app-42-");
    }

    @Test
    void aNameThatCannotStartAFileNameIsRefusedWithTheRule() {
        for (String bad : new String[] {"a/b", "-x", "has space", "x".repeat(33), ".hidden"}) {
            assertThatThrownBy(() -> Owned.prefixOf(bad, 42))
                    .isInstanceOf(ExtensionConfigurationException.class)
                    .hasMessageContaining(NetnsExtension.PREFIX_PROPERTY)
                    .hasMessageContaining("1 to 32 letters, digits");
        }
    }

    @Test
    void thisJvmUsesTheDefaultUnlessConfigured() {
        String configured = System.getProperty(NetnsExtension.PREFIX_PROPERTY);
        assertThat(NetnsExtension.namePrefix())
                .isEqualTo(Owned.prefixOf(configured, ProcessHandle.current().pid()));
    }

    @Test
    void theMissingParameterNamesHintSaysHowToFixIt() {
        assertThat(NetnsExtension.NO_PARAMETER_NAMES).contains("-parameters").contains("maven.compiler.parameters")
                .contains("@TempNetns(\"server\")");
    }
}
