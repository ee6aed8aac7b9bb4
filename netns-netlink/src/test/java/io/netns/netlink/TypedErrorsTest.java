// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.Errno;
import io.netns.NetworkNamespace;
import io.netns.netlink.address.AddressSpec;
import io.netns.netlink.internal.Exchange;
import io.netns.netlink.link.LinkSpec;
import io.netns.netlink.link.OperState;
import io.netns.netlink.link.OperStateTimeoutException;
import io.netns.netlink.route.RouteSpec;
import io.netns.testing.Ip;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.reflect.Field;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The errors one handles by type, against the real kernel: each errno ip users meet most has its
 * exception, a missing device named in a request is reported as ip reports it, and a batch keeps
 * going past one request whose device does not exist.
 */
@PrivilegedTest
class TypedErrorsTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    @Test
    void commonErrnosHaveTheirOwnExceptions() {
        NetworkNamespace ns = temp.create("typed");
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.veth("va", "vb"));
            AlreadyExistsException exists = catchThrowableOfType(AlreadyExistsException.class,
                    () -> rt.links().add(LinkSpec.veth("va", "vc")));
            assertThat(exists.errno()).isEqualTo(Errno.EEXIST);
            assertThat(exists.requestType()).isEqualTo("RTM_NEWLINK");

            NoSuchLinkException gone = catchThrowableOfType(NoSuchLinkException.class, () -> rt.links().get("nodev"));
            assertThat(gone.errno()).isEqualTo(Errno.ENODEV);

            rt.links().setUp("va");
            NoSuchAddressException noAddr = catchThrowableOfType(NoSuchAddressException.class,
                    () -> rt.addresses().del("va", "198.18.0.1/24"));
            assertThat(noAddr.errno()).isEqualTo(Errno.EADDRNOTAVAIL);

            NoSuchRouteException noRoute = catchThrowableOfType(NoSuchRouteException.class,
                    () -> rt.routes().del(RouteSpec.to("198.18.99.0/24").dev("va")));
            assertThat(noRoute.errno()).isEqualTo(Errno.ESRCH);
        }
    }

    @Test
    void aMissingDeviceIsNamedAsIpNamesItWithTheUsersRequest() {
        NetworkNamespace ns = temp.create("nodev");
        String name = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            NoSuchLinkException e = catchThrowableOfType(NoSuchLinkException.class,
                    () -> rt.addresses().add("nodev", "198.18.0.1/24"));
            Ip.Result ip = Ip.exec("ip", "-n", name, "addr", "add", "198.18.0.1/24", "dev", "nodev");
            assertThat(ip.stderr()).contains("Cannot find device \"nodev\"");
            assertThat(e.getMessage()).isEqualTo("RTM_NEWADDR 198.18.0.1/24 dev nodev: Cannot find device \"nodev\"");
            assertThat(e.requestType()).isEqualTo("RTM_NEWADDR");
            assertThat(e.target()).hasValue("198.18.0.1/24 dev nodev");
            assertThat(e.errno()).isEqualTo(Errno.ENODEV);
        }
    }

    @Test
    void aBatchGoesOnPastARequestWhoseDeviceDoesNotExist() {
        NetworkNamespace ns = temp.create("bnodev");
        String name = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.veth("va", "vb"));
            BatchResult r = rt.batch(b -> {
                for (int i = 0; i < 100; i++) {
                    b.addresses().add(i == 50 ? "nodev" : "va", "198.18.60." + (i + 1) + "/32");
                }
            });
            assertThat(r.size()).isEqualTo(100);
            assertThat(r.failures()).hasSize(1);
            assertThat(r.failure(50)).get().isInstanceOf(NoSuchLinkException.class)
                    .extracting(Throwable::getMessage).asString().contains("Cannot find device \"nodev\"");
            // every other request was sent and applied
            assertThat(Ip.jsonIn(name, "-4", "addr", "show", "dev", "va").get(0).get("addr_info")).hasSize(99);
        }
    }

    @Test
    void sequenceNumbersWrapAroundInTheMiddleOfABatch() throws Exception {
        NetworkNamespace ns = temp.create("seqwrap");
        String name = TempNamespaces.name(ns);
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.veth("va", "vb"));
            Field f = Rtnetlink.class.getDeclaredField("exchange");
            f.setAccessible(true);
            ((Exchange) f.get(rt)).socket().seq(Integer.MAX_VALUE - 20);
            BatchResult r = rt.batch(b -> {
                for (int i = 0; i < 50; i++) {
                    b.addresses().add(AddressSpec.of("198.18.61." + (i + 1) + "/32", "va"));
                }
            });
            assertThat(r.ok()).isTrue();
            assertThat(r.size()).isEqualTo(50);
            assertThat(Ip.jsonIn(name, "-4", "addr", "show", "dev", "va").get(0).get("addr_info")).hasSize(50);
            assertThat(rt.links().get("va").name()).isEqualTo("va"); // and single requests after the wrap
        }
    }

    @Test
    void waitingForAStateThatDoesNotComeEndsInATypedTimeout() {
        NetworkNamespace ns = temp.create("optime");
        try (Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.veth("va", "vb")); // its peer stays down, so va never gets carrier
            rt.links().setUp("va");
            OperStateTimeoutException e = catchThrowableOfType(OperStateTimeoutException.class,
                    () -> rt.links().awaitOperState("va", OperState.UP, Duration.ofMillis(200)));
            assertThat(e.last().operState()).isEqualTo(OperState.LOWERLAYERDOWN);
            assertThat(e.getMessage()).contains("va").contains("UP").contains("LOWERLAYERDOWN");
        }
    }
}
