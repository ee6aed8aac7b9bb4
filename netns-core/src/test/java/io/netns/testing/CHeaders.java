// SPDX-License-Identifier: Apache-2.0
package io.netns.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads constants from the C headers installed on this machine by compiling and running a tiny
 * program with gcc: the independent oracle for the Java copies of kernel constants.
 */
public final class CHeaders {
    private CHeaders() {
    }

    /**
     * The values of {@code names} as the headers define them.
     *
     * @param includes headers such as {@code "linux/rtnetlink.h"}
     * @param names macro or enum constant names
     * @return name to value, in the order given
     */
    public static Map<String, Long> values(List<String> includes, Collection<String> names) {
        try {
            Path dir = Files.createTempDirectory("netns-headers");
            try {
                StringBuilder c = new StringBuilder("#define _GNU_SOURCE\n");
                for (String h : includes) {
                    c.append("#include <").append(h).append(">\n");
                }
                c.append("#include <stdio.h>\nint main(void) {\n");
                for (String n : names) {
                    c.append("  printf(\"%s=%lld\\n\", \"").append(n).append("\", (long long)(").append(n).append("));\n");
                }
                c.append("  return 0;\n}\n");
                Path src = dir.resolve("consts.c");
                Path exe = dir.resolve("consts");
                Files.writeString(src, c);
                Ip.exec("gcc", "-w", "-o", exe.toString(), src.toString()).orFail("gcc (is it installed?)");
                Map<String, Long> values = new LinkedHashMap<>();
                for (String line : Ip.exec(exe.toString()).orFail("constants program").stdout().split("\n")) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        values.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)));
                    }
                }
                return values;
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code public static final} int/long/short constants of a class, by field name. */
    public static Map<String, Long> javaConstants(Class<?> type) {
        Map<String, Long> result = new LinkedHashMap<>();
        for (var f : type.getFields()) {
            int m = f.getModifiers();
            if (!java.lang.reflect.Modifier.isStatic(m) || !java.lang.reflect.Modifier.isFinal(m)) {
                continue;
            }
            try {
                Object v = f.get(null);
                if (v instanceof Integer i) {
                    result.put(f.getName(), (long) i);
                } else if (v instanceof Long l) {
                    result.put(f.getName(), l);
                } else if (v instanceof Short s) {
                    result.put(f.getName(), (long) s);
                } else if (v instanceof Byte b) {
                    result.put(f.getName(), (long) b);
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return result;
    }
}
