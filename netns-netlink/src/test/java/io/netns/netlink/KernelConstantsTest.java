// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink;

import io.netns.netlink.link.OperState;
import io.netns.netlink.route.RouteProtocol;
import io.netns.netlink.route.RouteType;
import io.netns.netlink.wire.Arphrd;
import io.netns.netlink.wire.FrAct;
import io.netns.netlink.wire.Fra;
import io.netns.netlink.wire.IfOper;
import io.netns.netlink.wire.Ifa;
import io.netns.netlink.wire.Iff;
import io.netns.netlink.wire.Ifla;
import io.netns.netlink.wire.IflaBond;
import io.netns.netlink.wire.IflaBr;
import io.netns.netlink.wire.IflaBrport;
import io.netns.netlink.wire.IflaInet6;
import io.netns.netlink.wire.IflaInfo;
import io.netns.netlink.wire.IflaIpvlan;
import io.netns.netlink.wire.IflaMacvlan;
import io.netns.netlink.wire.IflaTun;
import io.netns.netlink.wire.IflaVlan;
import io.netns.netlink.wire.IflaVxlan;
import io.netns.netlink.wire.Nda;
import io.netns.netlink.wire.Netnsa;
import io.netns.netlink.wire.Nlmsg;
import io.netns.netlink.wire.Ntf;
import io.netns.netlink.wire.Nud;
import io.netns.netlink.wire.RtProt;
import io.netns.netlink.wire.RtScope;
import io.netns.netlink.wire.RtTable;
import io.netns.netlink.wire.Rta;
import io.netns.netlink.wire.Rtax;
import io.netns.netlink.wire.Rtm;
import io.netns.netlink.wire.Rtn;
import io.netns.netlink.wire.Rtnh;
import io.netns.netlink.wire.RtnlGroup;
import io.netns.netlink.wire.Tun;
import io.netns.netlink.wire.Veth;
import io.netns.testing.CHeaders;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kernel constant the codec keeps agrees with the UAPI headers installed on this machine. */
class KernelConstantsTest {
    private static final List<String> HEADERS = List.of("linux/netlink.h", "linux/rtnetlink.h", "linux/if_link.h",
            "linux/if_addr.h", "linux/neighbour.h", "linux/fib_rules.h", "linux/veth.h", "linux/if_bridge.h",
            "linux/net_namespace.h", "linux/if.h", "linux/if_arp.h", "linux/if_tun.h", "linux/if_bonding.h", "linux/icmpv6.h");

    @Test
    void everyGeneratedConstantMatchesTheHeaders() {
        int checked = 0;
        for (Class<?> c : List.of(Nlmsg.class, Rtm.class, Rtn.class, RtProt.class, RtScope.class, RtTable.class,
                Rta.class, Rtnh.class, Rtax.class, RtnlGroup.class, Ifla.class, IflaInfo.class, Veth.class,
                IflaVlan.class, IflaMacvlan.class, IflaVxlan.class, IflaIpvlan.class, IflaBond.class, IflaBr.class,
                IflaBrport.class, IflaTun.class, IflaInet6.class,
                Ifa.class, Nda.class, Nud.class, Ntf.class, Fra.class, FrAct.class, Netnsa.class, Iff.class,
                IfOper.class, Arphrd.class, Tun.class)) {
            Map<String, Long> java = CHeaders.javaConstants(c);
            assertThat(java).as(c.getSimpleName()).isNotEmpty();
            assertThat(CHeaders.values(HEADERS, java.keySet())).as(c.getSimpleName()).isEqualTo(java);
            checked += java.size();
        }
        assertThat(checked).isGreaterThan(650);
    }

    @Test
    void publicEnumsUseTheKernelNumbers() {
        assertThat(RouteType.BLACKHOLE.number()).isEqualTo(Rtn.RTN_BLACKHOLE);
        assertThat(RouteType.PROHIBIT.number()).isEqualTo(Rtn.RTN_PROHIBIT);
        assertThat(Scope.LINK.number()).isEqualTo(RtScope.RT_SCOPE_LINK);
        assertThat(Scope.HOST.number()).isEqualTo(RtScope.RT_SCOPE_HOST);
        assertThat(RouteProtocol.BOOT.number()).isEqualTo(RtProt.RTPROT_BOOT);
        assertThat(RouteProtocol.STATIC.number()).isEqualTo(RtProt.RTPROT_STATIC);
        assertThat(OperState.UP.ordinal()).isEqualTo(IfOper.IF_OPER_UP);
        assertThat(OperState.LOWERLAYERDOWN.ordinal()).isEqualTo(IfOper.IF_OPER_LOWERLAYERDOWN);
        assertThat(Family.INET6.number()).isEqualTo(10);
    }
}
