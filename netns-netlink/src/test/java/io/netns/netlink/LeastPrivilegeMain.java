// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.link.LinkSpec;
import io.netns.Netns;
import io.netns.NetnsException;
import io.netns.NetworkNamespace;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by {@link LeastPrivilegeTest} in a child JVM whose capabilities were cut down with setpriv;
 * prints what worked and what failed, as KEY=VALUE lines.
 */
public final class LeastPrivilegeMain {
    public static void main(String[] args) {
        String mine = args[0];      // a namespace this process tries to create
        String theirs = args[1];    // a namespace the parent created
        System.out.println("CAPS=" + capabilities());
        try (NetworkNamespace ns = Netns.create(mine)) {
            System.out.println("CREATE=ok");
            try (var inside = ns.enter()) {
                System.out.println("ENTER=ok");
            }
            Netns.delete(mine);
        } catch (NetnsException e) {
            System.out.println("CREATE=" + e.errnoName() + " " + e.getMessage());
            System.out.println("LEFT=" + Files.exists(Path.of("/run/netns", mine)));
        }
        try (NetworkNamespace ns = Netns.open(theirs); Rtnetlink rt = Rtnetlink.open(ns)) {
            System.out.println("SOCKET=ok");
            System.out.println("LIST=" + rt.links().list().size());
            rt.links().add(LinkSpec.veth("va", "vb"));
            rt.addresses().add("va", "198.18.0.1/24");
            rt.links().setUp("va");
            System.out.println("LINKS=ok");
        } catch (NetnsException e) {
            System.out.println("NETLINK=" + e.errnoName() + " " + e.getMessage());
        }
        // a sysctl of the namespace the parent created, written from a thread inside it
        try (NetworkNamespace ns = Netns.open(theirs)) {
            ns.setSysctl("net.ipv4.ip_forward", "1");
            System.out.println("SYSCTL=ok");
        } catch (NetnsException e) {
            System.out.println("SYSCTL=" + e.errnoName() + " " + e.getMessage());
        } catch (RuntimeException e) {
            System.out.println("SYSCTL=" + e);
        }
    }

    private static String capabilities() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("CapEff:"))
                    .findFirst().orElse("?").substring(7).strip();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
