// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import io.netns.NamespaceRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The leak check: entries and mount points of the run directory whose names carry the extension's
 * prefix. Other names are left alone: other processes may be using the run directory meanwhile.
 */
final class RunDirectory {
    private RunDirectory() {
    }

    /** Names with the prefix: files in the run directory and mount points under it. */
    static Set<String> snapshot() {
        NamespaceRegistry registry = Owned.registry();
        Set<String> names = new TreeSet<>(files(registry.directory()));
        names.addAll(mounts(registry.directory()));
        return names;
    }

    /**
     * What appeared since {@code before} and was not made by the extension: removed, and described.
     *
     * @return one line per leftover, empty if none
     */
    static List<String> removeLeftovers(Set<String> before) {
        NamespaceRegistry registry = Owned.registry();
        Path dir = registry.directory();
        Set<String> files = files(dir);
        Set<String> mounts = mounts(dir);
        Set<String> all = new TreeSet<>(files);
        all.addAll(mounts);
        List<String> live = registry.list();
        List<String> stale = registry.listStale();
        List<String> leftovers = new ArrayList<>();
        for (String name : all) {
            if (before.contains(name) || Owned.isLive(name)) {
                continue;
            }
            String what = live.contains(name) ? "namespace"
                    : stale.contains(name) ? "stale placeholder (an empty file, nothing mounted)"
                    : !files.contains(name) ? "mount point without its file"
                    : Files.isDirectory(dir.resolve(name)) ? "directory" : "file";
            if (mounts.contains(name) && !live.contains(name)) {
                what += ", mounted";
            }
            String removal;
            try {
                remove(registry, dir, name);
                removal = "removed";
            } catch (RuntimeException | IOException e) {
                removal = "NOT removed: " + e.getMessage();
            }
            leftovers.add(dir.resolve(name) + " (" + what + "; " + removal + ")");
        }
        return leftovers;
    }

    private static void remove(NamespaceRegistry registry, Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(p);
            return;
        }
        try {
            registry.delete(name); // unmounts, then unlinks: ip netns del
        } catch (io.netns.NamespaceNotFoundException gone) {
            // removed meanwhile
        }
    }

    private static Set<String> files(Path dir) {
        Set<String> names = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> p.getFileName().toString()
                .startsWith(Owned.prefix()))) {
            ds.forEach(p -> names.add(p.getFileName().toString()));
        } catch (NoSuchFileException e) {
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Mount points directly under {@code dir} with the prefix, from {@code /proc/self/mountinfo}. */
    private static Set<String> mounts(Path dir) {
        Set<String> names = new TreeSet<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/self/mountinfo"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f.length < 5) {
                continue;
            }
            Path mountPoint = Path.of(unescape(f[4]));
            if (dir.equals(mountPoint.getParent())) {
                String name = mountPoint.getFileName().toString();
                if (name.startsWith(Owned.prefix())) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** mountinfo writes space, tab, newline and backslash as {@code \ooo}. */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                sb.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
