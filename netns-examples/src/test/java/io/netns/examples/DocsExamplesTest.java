package io.netns.examples;

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
 * The examples are the single source of the documentation's code: every {@code java} block of the
 * README, docs/netlink.md, docs/cookbook.md, docs/guide.md and docs/thread-model.md is, line for line (indentation aside), a region of an
 * example between {@code // docs:begin FILE} and {@code // docs:end}, and {@link ExamplesTest}
 * runs every example. (docs/junit5.md, netty.md and containers.md are checked the same way by
 * their modules' tests.)
 */
class DocsExamplesTest {
    private static final Path ROOT = Path.of("..");
    private static final Path EXAMPLES = Path.of("src", "main", "java", "io", "netns", "examples");
    private static final List<String> DOCS = List.of("README.md", "docs/netlink.md", "docs/cookbook.md",
            "docs/guide.md", "docs/thread-model.md");

    private static List<String> javaBlocks(String doc) throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(ROOT.resolve(doc)));
        while (m.find()) {
            blocks.add(normalize(m.group(1)));
        }
        return blocks;
    }

    /** The regions marked for {@code doc} (its file name) in the examples' sources. */
    private static List<String> regions(String doc) throws IOException {
        String name = Path.of(doc).getFileName().toString();
        List<String> regions = new ArrayList<>();
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                Matcher m = Pattern.compile("// docs:begin " + Pattern.quote(name) + "\\n(.*?)\\n\\s*// docs:end",
                        Pattern.DOTALL).matcher(Files.readString(f));
                while (m.find()) {
                    regions.add(normalize(m.group(1)));
                }
            }
        }
        return regions;
    }

    /** Without the common indentation and trailing blanks. */
    static String normalize(String code) {
        List<String> lines = code.lines().map(String::stripTrailing).toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList()).strip();
    }

    @Test
    void everyJavaBlockOfTheDocsIsARegionOfARunExample() throws IOException {
        for (String doc : DOCS) {
            List<String> blocks = javaBlocks(doc);
            assertThat(blocks).as("java blocks of %s", doc).isNotEmpty();
            List<String> regions = regions(doc);
            for (String block : blocks) {
                assertThat(regions).as("an example region marked for %s shows this block:%n%s", doc, block)
                        .contains(block);
            }
            assertThat(blocks).as("every region marked for %s is shown there", doc).containsAll(regions);
        }
    }

    @Test
    void theCookbookNamesOnlyExamplesThatExist() throws IOException {
        Matcher m = Pattern.compile("`(\\w+)` example").matcher(Files.readString(ROOT.resolve("docs/cookbook.md")));
        while (m.find()) {
            assertThat(EXAMPLES.resolve(m.group(1) + ".java")).exists();
        }
    }
}
