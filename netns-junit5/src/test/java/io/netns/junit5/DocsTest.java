// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/junit5.md shows the example classes of {@code io.netns.junit5.docs} exactly as they are
 * compiled and run (each between {@code // docs:begin} and {@code // docs:end}).
 */
class DocsTest {
    private static final Path DOC = Path.of("..", "docs", "junit5.md");
    private static final Path EXAMPLES = Path.of("src", "test", "java", "io", "netns", "junit5", "docs");

    private static List<String> javaBlocks() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        while (m.find()) {
            blocks.add(normalize(m.group(1)));
        }
        return blocks;
    }

    private static List<String> exampleRegions() throws IOException {
        List<String> regions = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path f : files.sorted().toList()) {
                Matcher m = Pattern.compile("// docs:begin\\n(.*?)// docs:end", Pattern.DOTALL)
                        .matcher(Files.readString(f));
                while (m.find()) {
                    regions.add(normalize(m.group(1)));
                }
            }
        }
        return regions;
    }

    private static String normalize(String code) {
        return code.lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("").strip();
    }

    @Test
    void everyJavaBlockOfTheGuideIsACompiledExample() throws IOException {
        List<String> regions = exampleRegions();
        List<String> blocks = javaBlocks();
        assertThat(blocks).hasSize(5);
        for (String block : blocks) {
            assertThat(regions).as("an example class in %s shows this block of %s:%n%s", EXAMPLES, DOC, block)
                    .contains(block);
        }
        assertThat(blocks).containsExactlyInAnyOrderElementsOf(regions);
    }

    @Test
    void theGuideNamesTheConstantsAsTheCodeSpellsThem() throws IOException {
        String doc = Files.readString(DOC);
        assertThat(doc).contains(NetnsExtension.REQUIRE_CAPABILITIES_PROPERTY + "=true")
                .contains(NetnsExtension.REQUIRE_CAPABILITIES_ENV + "=1")
                .contains("junit-PID-")
                .contains(io.netns.junit5.samples.Sample.RUN_PARAMETER + "=true");
        assertThat(NetnsExtension.namePrefix()).isEqualTo("junit-" + ProcessHandle.current().pid() + "-");
    }
}
