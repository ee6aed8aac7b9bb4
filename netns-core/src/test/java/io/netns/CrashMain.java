// SPDX-License-Identifier: Apache-2.0
package io.netns;

import io.netns.internal.sys.FaultInjection;

/** Run by {@link CrashLeftoversTest}: creates a namespace and stops dead at the named checkpoint. */
public final class CrashMain {
    public static void main(String[] args) throws Exception {
        String name = args[0];
        String stopAt = args[1];
        FaultInjection.checkpoint = point -> {
            if (point.equals(stopAt)) {
                System.out.println("AT " + point);
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE); // until SIGKILL
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Netns.create(name);
        System.out.println("CREATED");
    }
}
