// SPDX-License-Identifier: Apache-2.0
package io.netns.examples;

import io.netns.EnvironmentReport;
import io.netns.Netns;

import java.io.PrintStream;

/**
 * What this JVM may do with namespaces: capabilities, native access, the run directory, whether
 * {@code setns} works. Print it when something fails. The snippet of docs/guide.md.
 *
 * <p>Replaces: {@code id -u}, {@code grep CapEff /proc/self/status}, {@code ls -ld /run/netns},
 * {@code findmnt /run/netns} and a trial {@code ip netns exec}.
 */
public final class CheckEnvironment {
    private CheckEnvironment() {
    }

    public static void main(String[] args) {
        System.out.println(run(System.out));
    }

    /** Prints the report if it names a problem. @return the report */
    public static EnvironmentReport run(PrintStream out) {
        // docs:begin guide.md
        EnvironmentReport report = Netns.checkEnvironment();
        if (!report.ok()) {
            out.println(report);                 // one line per item, then the problems
        }
        // docs:end
        return report;
    }
}
