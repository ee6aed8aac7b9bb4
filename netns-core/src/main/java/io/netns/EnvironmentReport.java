// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.FileCalls;
import io.netns.internal.sys.Linux;
import io.netns.internal.sys.NamespaceCalls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the process may do with network namespaces, from {@link Netns#checkEnvironment()}. Print it
 * when something fails: {@code System.out.println(Netns.checkEnvironment())}.
 *
 * @param kernelRelease the running kernel ({@code uname -r})
 * @param javaVersion the running JDK
 * @param effectiveUid the effective user id
 * @param capSysAdmin whether CAP_SYS_ADMIN is effective (setns, mount, unshare)
 * @param capNetAdmin whether CAP_NET_ADMIN is effective (links, addresses, routes)
 * @param inUserNamespace whether the process runs in a user namespace other than the initial one
 * @param nativeAccess whether the JVM granted native access to this library's module
 * @param runDirectory the run directory of the system registry
 * @param runDirectoryWritable whether it exists and is writable, or can be created
 * @param runDirectoryShared whether it is a shared mount point (created on the first {@code create} if not)
 * @param threadSelf whether {@code /proc/thread-self} exists (Linux 3.17+)
 * @param setnsWorks whether a thread could {@code setns} into its own network namespace
 * @param setnsError why not, when it could not
 */
public record EnvironmentReport(
        String kernelRelease,
        String javaVersion,
        long effectiveUid,
        boolean capSysAdmin,
        boolean capNetAdmin,
        boolean inUserNamespace,
        boolean nativeAccess,
        Path runDirectory,
        boolean runDirectoryWritable,
        boolean runDirectoryShared,
        boolean threadSelf,
        boolean setnsWorks,
        String setnsError) {

    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_SYS_ADMIN = 21;

    static EnvironmentReport probe(NamespaceRegistry registry) {
        String status = read("/proc/self/status");
        long capEff = parseHexField(status, "CapEff:");
        long euid = parseUid(status);
        String uidMap = read("/proc/self/uid_map").trim();
        boolean userNs = !uidMap.matches("0\\s+0\\s+4294967295");
        Path dir = registry.directory();
        boolean writable = Files.isDirectory(dir) ? Files.isWritable(dir) : nearestWritable(dir);
        String setnsError = null;
        try {
            Throwaway.run("netns-check", () -> {
                int fd = io.netns.internal.sys.CurrentNamespace.open();
                try {
                    NamespaceCalls.setns(fd, Linux.CLONE_NEWNET, "own namespace");
                } finally {
                    FileCalls.closeQuietly(fd);
                }
                return null;
            });
        } catch (RuntimeException e) {
            setnsError = e.getMessage();
        }
        return new EnvironmentReport(
                read("/proc/sys/kernel/osrelease").trim(),
                Runtime.version().toString(),
                euid,
                (capEff & (1L << CAP_SYS_ADMIN)) != 0,
                (capEff & (1L << CAP_NET_ADMIN)) != 0,
                userNs,
                Netns.class.getModule().isNativeAccessEnabled(),
                dir,
                writable,
                isSharedMount(dir),
                Files.isDirectory(Path.of("/proc/thread-self")),
                setnsError == null,
                setnsError);
    }

    /** {@return the problems that stop this library from working, empty when there is none} */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!capSysAdmin) {
            p.add("CAP_SYS_ADMIN is not effective: creating, entering and naming namespaces will fail with EPERM"
                    + " (run as root, or grant the capability, or use a user namespace: unshare -Urnm)");
        }
        if (!capNetAdmin) {
            p.add("CAP_NET_ADMIN is not effective: creating links, addresses and routes will fail with EPERM");
        }
        if (!nativeAccess) {
            p.add("native access is not enabled for module io.netns: start java with "
                    + "--enable-native-access=io.netns (or ALL-UNNAMED on the class path)");
        }
        if (!runDirectoryWritable) {
            p.add("run directory " + runDirectory + " is not writable: named namespaces cannot be created there"
                    + " (set -D" + NamespaceRegistry.RUN_DIR_PROPERTY + "=DIR or use Netns.registry(DIR))");
        }
        if (!threadSelf) {
            p.add("/proc/thread-self is missing: the kernel is older than 3.17 or /proc is not mounted");
        }
        if (!setnsWorks) {
            p.add("setns failed: " + setnsError);
        }
        return p;
    }

    /** {@return whether no problem was found} */
    public boolean ok() {
        return problems().isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("netns environment\n");
        line(sb, "kernel", kernelRelease);
        line(sb, "java", javaVersion);
        line(sb, "effective uid", Long.toString(effectiveUid));
        line(sb, "CAP_SYS_ADMIN", yes(capSysAdmin));
        line(sb, "CAP_NET_ADMIN", yes(capNetAdmin));
        line(sb, "user namespace", inUserNamespace ? "yes (not the initial one)" : "no (initial)");
        line(sb, "native access", yes(nativeAccess));
        line(sb, "run directory", runDirectory + (runDirectoryWritable ? ", writable" : ", NOT writable")
                + (runDirectoryShared ? ", shared mount" : ", not yet a shared mount"));
        line(sb, "/proc/thread-self", yes(threadSelf));
        line(sb, "setns", setnsWorks ? "works" : "fails: " + setnsError);
        List<String> problems = problems();
        sb.append(problems.isEmpty() ? "  no problems found\n" : "  problems:\n");
        for (String p : problems) {
            sb.append("  - ").append(p).append('\n');
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append("  ").append(String.format("%-18s", key)).append(value).append('\n');
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }

    private static boolean nearestWritable(Path dir) {
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p)) {
                return Files.isWritable(p);
            }
        }
        return false;
    }

    static boolean isSharedMount(Path dir) {
        String target = dir.toString();
        for (String line : read("/proc/self/mountinfo").split("\n")) {
            String[] f = line.split(" ");
            if (f.length > 6 && unescape(f[4]).equals(target)) {
                for (int i = 6; i < f.length && !f[i].equals("-"); i++) {
                    if (f[i].startsWith("shared:")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static long parseHexField(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseUnsignedLong(line.substring(field.length()).trim(), 16);
            }
        }
        return 0;
    }

    private static long parseUid(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] f = line.substring(4).trim().split("\\s+");
                return Long.parseLong(f[1]);
            }
        }
        return -1;
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            return "";
        }
    }
}
