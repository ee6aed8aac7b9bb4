// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The module exports one package, and that package has a small public surface. */
class ApiTest {
    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void theModuleExportsOnlyTheApiPackage() throws IOException {
        try (InputStream in = Files.newInputStream(CLASSES.resolve("module-info.class"))) {
            ModuleDescriptor d = ModuleDescriptor.read(in);
            assertThat(d.name()).isEqualTo("io.netns.junit5");
            assertThat(d.exports()).hasSize(1);
            ModuleDescriptor.Exports e = d.exports().iterator().next();
            assertThat(e.source()).isEqualTo("io.netns.junit5");
            assertThat(e.isQualified()).isFalse();
            assertThat(d.opens()).isEmpty();
            assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name))
                    .contains("io.netns", "io.netns.netlink", "org.junit.jupiter.api");
        }
    }

    @Test
    void thePublicTypesAreTheAnnotationsAndTheExtension() throws Exception {
        Set<String> publicTypes;
        try (Stream<Path> files = Files.list(CLASSES.resolve("io/netns/junit5"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class"))
                    .filter(n -> !n.equals("package-info.class")).map(n -> n.substring(0, n.length() - 6)).toList();
            publicTypes = names.stream().filter(n -> {
                try {
                    Class<?> c = Class.forName("io.netns.junit5." + n.replace('/', '.'));
                    return Modifier.isPublic(c.getModifiers()) && (c.getEnclosingClass() == null
                            || Modifier.isPublic(c.getEnclosingClass().getModifiers()));
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(e);
                }
            }).collect(Collectors.toCollection(java.util.TreeSet::new));
        }
        assertThat(publicTypes).containsExactly("NetnsExtension", "NetnsTest", "RunInside", "TempNetns", "VethPair",
                "VethPair$List");
    }
}
