// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.FileCalls;
import io.netns.internal.sys.Linux;

import java.io.Closeable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Run by {@link ChannelDescriptorLimitTest} in a fresh JVM (one that never opened a channel):
 * opens namespace-bound channels while every descriptor of the process is taken (EMFILE), then
 * again once they are free, and prints each outcome as KEY=VALUE.
 */
public final class ChannelLimitMain {
    private ChannelLimitMain() {
    }

    public static void main(String[] args) throws Exception {
        preloadLibraryClasses();
        try (NetworkNamespace ns = Netns.open(args[0])) {
            // the library's namespace thread is not running yet: it must start with no descriptor free
            attempt("THREAD", ns::openSocketChannel);
            Netns.createUnnamed().close(); // now it runs; the JVM has still never opened a channel
            attempt("SOCKET", ns::openSocketChannel);
            attempt("SERVER", ns::openServerSocketChannel);
            attempt("DATAGRAM", ns::openDatagramChannel);
            // descriptors free again: channels work
            System.out.println("AFTER_SOCKET=" + outcome(ns::openSocketChannel));
            System.out.println("AFTER_SERVER=" + outcome(ns::openServerSocketChannel));
            System.out.println("AFTER_DATAGRAM=" + outcome(ns::openDatagramChannel));
        }
    }

    /** Takes every free descriptor, tries {@code open}, frees them, prints the outcome. */
    private static void attempt(String key, Callable<? extends Closeable> open) {
        List<Integer> taken = new ArrayList<>();
        String result;
        try {
            while (true) {
                taken.add(FileCalls.open("/dev/null", Linux.O_RDONLY | Linux.O_CLOEXEC, 0));
            }
        } catch (NetnsException full) {
            result = full.errno() == Errno.EMFILE ? outcome(open) : "could not fill: " + full.getMessage();
        } finally {
            taken.forEach(FileCalls::closeQuietly);
        }
        System.out.println(key + "=" + result);
    }

    private static String outcome(Callable<? extends Closeable> open) {
        try {
            open.call().close();
            return "opened";
        } catch (Throwable t) {
            return t.getClass().getName() + (t.getCause() != null ? " caused by " + t.getCause().getClass().getName()
                    : "") + ": " + t.getMessage();
        }
    }

    /**
     * Loads (without initialising) every class of the library: from a classes directory, a class
     * needs a descriptor to be read, and none is free during the attempts. From a jar it would not.
     */
    private static void preloadLibraryClasses() throws URISyntaxException, java.io.IOException,
            ClassNotFoundException {
        Path root = Path.of(Netns.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isDirectory(root)) {
            return;
        }
        List<String> names;
        try (Stream<Path> files = Files.walk(root)) {
            names = files.filter(p -> p.toString().endsWith(".class") && !p.endsWith("module-info.class"))
                    .map(p -> root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .toList();
        }
        for (String name : names) {
            Class.forName(name, false, ChannelLimitMain.class.getClassLoader());
        }
    }
}
