// SPDX-License-Identifier: Apache-2.0
package io.netns;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every source file of the repository carries the licence identifier (the rule of
 * {@code tools/add-spdx.sh}, which adds it): {@code // SPDX-License-Identifier: Apache-2.0} as the
 * first line of each {@code .java} file under a module's {@code src/}, and
 * {@code # SPDX-License-Identifier: Apache-2.0} right after the shebang of each shell script in
 * {@code bin/}, {@code .ci/} and {@code tools/}. Needs no root.
 */
class SpdxHeaderTest {
    private static final String JAVA_LINE = "// SPDX-License-Identifier: Apache-2.0";
    private static final String SHELL_LINE = "# SPDX-License-Identifier: Apache-2.0";

    /** The repository root: the parent of this module's directory (surefire runs in it). */
    private static Path root() {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("tools/add-spdx.sh")).as("the repository root above netns-core").exists();
        return root;
    }

    @Test
    void everyJavaSourceStartsWithTheIdentifier() throws IOException {
        Path root = root();
        List<String> lacking = new ArrayList<>();
        int seen = 0;
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(p -> Files.isDirectory(p.resolve("src"))).toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src"))) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        seen++;
                        if (!JAVA_LINE.equals(firstLine(f, 0))) {
                            lacking.add(root.relativize(f).toString());
                        }
                    }
                }
            }
        }
        assertThat(seen).as("java files found under */src").isGreaterThan(100);
        assertThat(lacking).as("files without '" + JAVA_LINE + "' as line 1 (run tools/add-spdx.sh)").isEmpty();
    }

    @Test
    void everyShellScriptHasTheIdentifierAfterItsShebang() throws IOException {
        Path root = root();
        List<String> lacking = new ArrayList<>();
        int seen = 0;
        for (String dir : List.of("bin", ".ci", "tools")) {
            try (Stream<Path> files = Files.list(root.resolve(dir))) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String shebang = firstLine(f, 0);
                    if (shebang == null || !shebang.matches("#!.*\\b(ba)?sh\\b.*")) {
                        continue;
                    }
                    seen++;
                    if (!SHELL_LINE.equals(firstLine(f, 1))) {
                        lacking.add(root.relativize(f).toString());
                    }
                }
            }
        }
        assertThat(seen).as("shell scripts in bin/, .ci/, tools/").isGreaterThan(3);
        assertThat(lacking).as("scripts without '" + SHELL_LINE + "' as line 2 (run tools/add-spdx.sh)").isEmpty();
    }

    /** Line {@code n} (0-based) of a file, or null if it has fewer lines. */
    private static String firstLine(Path file, int n) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.skip(n).findFirst().orElse(null);
        }
    }
}
