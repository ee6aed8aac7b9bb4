// SPDX-License-Identifier: Apache-2.0
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
    /** Pages whose java blocks their own module's test runs (netns-junit5 DocsTest, netns-netty
     * DocsSnippetsTest, netns-testcontainers DocsExampleTest), or tools/consumer-test.sh (using.md:
     * a consumer project built and run from the page's blocks, which .ci/run runs). */
    private static final List<String> DOCS_OF_OTHER_MODULES = List.of("docs/junit5.md", "docs/netty.md",
            "docs/containers.md", "docs/using.md");
    /** Names of the API before the family handles, which no page may show any more. */
    private static final List<String> OLD_NAMES = List.of("linkAdd", "linkSet", "linkDel", "addressAdd",
            "addressDel", "routeAdd", "routeDel", "routeGet", "neighbourAdd", "ruleAdd", "nsidSet", "findLink",
            "linkIndex", "LinkDetails", "hasFlag(", ".ipName()", "Scope.nameOf", "byIpName", "netlink.codec");

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

    /** The markdown pages of the project: README.md and docs/*.md. */
    private static List<String> pages() throws IOException {
        List<String> pages = new ArrayList<>(List.of("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.map(p -> "docs/" + p.getFileName()).filter(n -> n.endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void everyPageWithJavaBlocksIsCheckedByATest() throws IOException {
        for (String page : pages()) {
            if (!javaBlocks(page).isEmpty()) {
                assertThat(DOCS.contains(page) || DOCS_OF_OTHER_MODULES.contains(page))
                        .as("%s has java blocks: add it to DOCS (regions of examples) or to a module's docs test", page)
                        .isTrue();
            }
        }
    }

    @Test
    void noPageShowsTheOldNetlinkNames() throws IOException {
        for (String page : pages()) {
            String text = Files.readString(ROOT.resolve(page));
            for (String old : OLD_NAMES) {
                // whole identifiers: linkAddress is not linkAdd
                Pattern word = Pattern.compile((old.matches("\\w.*") ? "\\b" : "") + Pattern.quote(old)
                        + (old.matches(".*\\w") ? "\\b" : ""));
                assertThat(word.matcher(text).find()).as("%s names the old API: %s", page, old).isFalse();
            }
        }
    }

    /**
     * Calls the pages show on a family handle in the text and tables, not only in java blocks
     * ({@code rt.links().setMtu(...)}, {@code b.addresses().add(...)}), name methods that exist.
     */
    @Test
    void familyCallsInTheTextExist() throws Exception {
        Pattern call = Pattern.compile("\\b(rt|b|q)\\.(\\w+)\\(\\)\\.(\\w+)\\(");
        int seen = 0;
        for (String page : pages()) {
            Matcher m = call.matcher(Files.readString(ROOT.resolve(page)));
            while (m.find()) {
                Class<?> owner = m.group(1).equals("rt") ? io.netns.netlink.Rtnetlink.class : io.netns.netlink.Batch.class;
                Class<?> family = owner.getMethod(m.group(2)).getReturnType();
                String method = m.group(3);
                assertThat(java.util.Arrays.stream(family.getMethods()).map(java.lang.reflect.Method::getName))
                        .as("%s: %s.%s().%s(...)", page, m.group(1), m.group(2), method).contains(method);
                seen++;
            }
        }
        assertThat(seen).isGreaterThan(50);
    }

    @Test
    void theCookbookNamesOnlyExamplesThatExist() throws IOException {
        Matcher m = Pattern.compile("`(\\w+)` example").matcher(Files.readString(ROOT.resolve("docs/cookbook.md")));
        while (m.find()) {
            assertThat(EXAMPLES.resolve(m.group(1) + ".java")).exists();
        }
    }
}
