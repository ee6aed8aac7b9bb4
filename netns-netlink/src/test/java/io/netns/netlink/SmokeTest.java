package io.netns.netlink;

import io.netns.NetworkNamespace;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@PrivilegedTest
class SmokeTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    @Test
    void basics() {
        NetworkNamespace ns = temp.create("smoke");
        String name = ns.name().orElseThrow();
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            System.out.println(rt.links());
            rt.linkSetUp("lo");
            rt.linkAdd(LinkSpec.veth("va", "vb"));
            rt.linkSetUp("va");
            rt.linkSetUp("vb");
            rt.addressAdd("va", "198.18.0.1/24");
            rt.addressAdd("va", "fd42:6e73::1/64");
            rt.routeAdd(RouteSpec.to("198.18.5.0/24").via("198.18.0.2"));
            System.out.println(rt.awaitOperState("va", OperState.UP, Duration.ofSeconds(5)));
            System.out.println(rt.addresses());
            System.out.println(rt.routes());
            System.out.println(rt.routeGet("198.18.5.9"));
            System.out.println(Ip.in(name, "-d", "link"));
            System.out.println(Ip.in(name, "addr"));
            System.out.println(Ip.in(name, "route"));
            assertThat(rt.links()).hasSize(3);
        }
    }
}
