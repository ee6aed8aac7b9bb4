#!/usr/bin/env python3
"""Generates the Java constant classes of netns-netlink from the kernel UAPI headers installed on
this machine (linux-libc-dev). Each class mirrors one attribute set or flag family and keeps the
kernel's names. Values are read by compiling a C program, so they are exactly what the headers say.

Run from the repository root:  python3 tools/gen-rtnetlink-constants.py
Constants whose value depends on the kernel version (*_MAX, __*) are left out, so the classes stay
valid on every kernel; KernelConstantsTest checks the generated values against the headers.
"""
import os
import re
import subprocess
import tempfile

OUT = "netns-netlink/src/main/java/io/netns/netlink/wire"
PKG = "io.netns.netlink.wire"

def read(header):
    with open(os.path.join("/usr/include", header)) as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)

def enum_members(header, sentinel):
    """Members of the enum block of `header` that contains `sentinel`."""
    text = read(header)
    for m in re.finditer(r"enum\s*\w*\s*\{(.*?)\}\s*;", text, flags=re.S):
        body = re.sub(r"^\s*#.*$", "", m.group(1), flags=re.M)
        names = [re.split(r"[=\s]", item.strip())[0] for item in body.split(",") if item.strip()]
        if sentinel in names:
            return names
    raise SystemExit(f"no enum with {sentinel} in {header}")

def defines(header, pattern):
    text = read(header)
    return [m.group(1) for m in re.finditer(r"^\s*#\s*define\s+(" + pattern + r")\s+\S", text, flags=re.M)]

# real attributes whose names end like a version-dependent count or maximum
NOT_SENTINELS = {"IFLA_BR_MCAST_HASH_MAX", "IFLA_BR_MCAST_LAST_MEMBER_CNT", "IFLA_BR_MCAST_STARTUP_QUERY_CNT"}

def keep(name):
    return name in NOT_SENTINELS or (not name.startswith("__") and not name.endswith("_MAX")
                                     and not name.endswith("_CNT"))

# class name -> (javadoc, headers to include, list of names)
SETS = {}
def add(cls, doc, headers, names):
    names = [n for n in dict.fromkeys(names) if keep(n)]
    SETS[cls] = (doc, headers, names)

add("Nlmsg", "Netlink message types, header flags, socket options and error attributes (linux/netlink.h).",
    ["linux/netlink.h"],
    ["NETLINK_ROUTE"] + defines("linux/netlink.h", r"NLMSG_(?:NOOP|ERROR|DONE|OVERRUN|MIN_TYPE)")
    + defines("linux/netlink.h", r"NLM_F_[A-Z_]+")
    + defines("linux/netlink.h", r"NETLINK_(?:ADD_MEMBERSHIP|DROP_MEMBERSHIP|PKTINFO|BROADCAST_ERROR|NO_ENOBUFS|LISTEN_ALL_NSID|LIST_MEMBERSHIPS|CAP_ACK|EXT_ACK|GET_STRICT_CHK)")
    + defines("linux/netlink.h", r"NLA_(?:F_NESTED|F_NET_BYTEORDER|TYPE_MASK)")
    + enum_members("linux/netlink.h", "NLMSGERR_ATTR_MSG"))
add("Rtm", "rtnetlink message types RTM_* and request flags RTM_F_* (linux/rtnetlink.h).",
    ["linux/rtnetlink.h"],
    [n for n in enum_members("linux/rtnetlink.h", "RTM_NEWLINK") if n != "RTM_BASE"]
    + defines("linux/rtnetlink.h", r"RTM_F_[A-Z_]+"))
add("Rtn", "Route types RTN_* (linux/rtnetlink.h).", ["linux/rtnetlink.h"],
    enum_members("linux/rtnetlink.h", "RTN_UNICAST"))
add("RtProt", "Route protocols RTPROT_* (linux/rtnetlink.h).", ["linux/rtnetlink.h"],
    defines("linux/rtnetlink.h", r"RTPROT_[A-Z0-9_]+"))
add("RtScope", "Route and address scopes RT_SCOPE_* (linux/rtnetlink.h).", ["linux/rtnetlink.h"],
    enum_members("linux/rtnetlink.h", "RT_SCOPE_UNIVERSE"))
add("RtTable", "Reserved routing table ids RT_TABLE_* (linux/rtnetlink.h).", ["linux/rtnetlink.h"],
    enum_members("linux/rtnetlink.h", "RT_TABLE_MAIN"))
add("Rta", "Route attributes RTA_* (linux/rtnetlink.h) and the RTA_PREF values ICMPV6_ROUTER_PREF_* (linux/icmpv6.h).",
    ["linux/rtnetlink.h", "linux/icmpv6.h"],
    enum_members("linux/rtnetlink.h", "RTA_DST") + defines("linux/icmpv6.h", r"ICMPV6_ROUTER_PREF_[A-Z]+"))
add("Rtnh", "Next-hop flags RTNH_F_* (linux/rtnetlink.h).", ["linux/rtnetlink.h"],
    defines("linux/rtnetlink.h", r"RTNH_F_[A-Z_]+"))
add("Rtax", "Route metrics RTAX_*, nested in RTA_METRICS (linux/rtnetlink.h).", ["linux/rtnetlink.h"],
    enum_members("linux/rtnetlink.h", "RTAX_MTU"))
add("RtnlGroup", "rtnetlink multicast groups RTNLGRP_* (linux/rtnetlink.h), for subscriptions.",
    ["linux/rtnetlink.h"], enum_members("linux/rtnetlink.h", "RTNLGRP_LINK"))
add("Ifla", "Link attributes IFLA_* of RTM_NEWLINK (linux/if_link.h) and the IFLA_LINKMODE values IF_LINK_MODE_* (linux/if.h).",
    ["linux/if_link.h", "linux/if.h"],
    enum_members("linux/if_link.h", "IFLA_IFNAME") + enum_members("linux/if.h", "IF_LINK_MODE_DEFAULT"))
add("IflaInet6", "Nested in IFLA_AF_SPEC / AF_INET6: IFLA_INET6_* and IN6_ADDR_GEN_MODE_* (linux/if_link.h).",
    ["linux/if_link.h"],
    enum_members("linux/if_link.h", "IFLA_INET6_FLAGS") + enum_members("linux/if_link.h", "IN6_ADDR_GEN_MODE_EUI64"))
add("IflaInfo", "Nested in IFLA_LINKINFO: IFLA_INFO_* (linux/if_link.h).", ["linux/if_link.h"],
    enum_members("linux/if_link.h", "IFLA_INFO_KIND"))
add("Veth", "Nested in IFLA_INFO_DATA of a veth: VETH_INFO_* (linux/veth.h).", ["linux/veth.h"],
    enum_members("linux/veth.h", "VETH_INFO_PEER"))
add("IflaVlan", "IFLA_INFO_DATA of a vlan: IFLA_VLAN_* (linux/if_link.h).", ["linux/if_link.h"],
    enum_members("linux/if_link.h", "IFLA_VLAN_ID"))
add("IflaMacvlan", "IFLA_INFO_DATA of a macvlan/macvtap: IFLA_MACVLAN_* and MACVLAN_MODE_* (linux/if_link.h).",
    ["linux/if_link.h"],
    enum_members("linux/if_link.h", "IFLA_MACVLAN_MODE") + enum_members("linux/if_link.h", "MACVLAN_MODE_BRIDGE")
    + defines("linux/if_link.h", r"MACVLAN_FLAG_[A-Z_]+"))
add("IflaVxlan", "IFLA_INFO_DATA of a vxlan: IFLA_VXLAN_* and the IFLA_VXLAN_DF values VXLAN_DF_* (linux/if_link.h).",
    ["linux/if_link.h"],
    enum_members("linux/if_link.h", "IFLA_VXLAN_ID") + enum_members("linux/if_link.h", "VXLAN_DF_UNSET"))
add("IflaIpvlan", "IFLA_INFO_DATA of an ipvlan: IFLA_IPVLAN_* and IPVLAN_MODE_* (linux/if_link.h).",
    ["linux/if_link.h"],
    enum_members("linux/if_link.h", "IFLA_IPVLAN_MODE") + enum_members("linux/if_link.h", "IPVLAN_MODE_L2"))
add("IflaBond", "IFLA_INFO_DATA of a bond: IFLA_BOND_* (linux/if_link.h) and BOND_MODE_* (linux/if_bonding.h).",
    ["linux/if_link.h", "linux/if_bonding.h"],
    enum_members("linux/if_link.h", "IFLA_BOND_MODE") + defines("linux/if_bonding.h", r"BOND_MODE_[A-Z0-9_]+"))
add("IflaBr", "IFLA_INFO_DATA of a bridge: IFLA_BR_* (linux/if_link.h) and the IFLA_BR_MULTI_BOOLOPT bits BR_BOOLOPT_* (linux/if_bridge.h).",
    ["linux/if_link.h", "linux/if_bridge.h"],
    enum_members("linux/if_link.h", "IFLA_BR_FORWARD_DELAY") + enum_members("linux/if_bridge.h", "BR_BOOLOPT_NO_LL_LEARN"))
add("IflaBrport", "IFLA_INFO_SLAVE_DATA of a bridge port: IFLA_BRPORT_* (linux/if_link.h) and the port states BR_STATE_* (linux/if_bridge.h).",
    ["linux/if_link.h", "linux/if_bridge.h"],
    enum_members("linux/if_link.h", "IFLA_BRPORT_STATE") + defines("linux/if_bridge.h", r"BR_STATE_[A-Z]+"))
add("IflaTun", "IFLA_INFO_DATA of a tun/tap: IFLA_TUN_* (linux/if_link.h).", ["linux/if_link.h"],
    enum_members("linux/if_link.h", "IFLA_TUN_OWNER"))
add("Ifa", "Address attributes IFA_* and flags IFA_F_* (linux/if_addr.h).", ["linux/if_addr.h"],
    enum_members("linux/if_addr.h", "IFA_ADDRESS") + defines("linux/if_addr.h", r"IFA_F_[A-Z_]+"))
add("Nda", "Neighbour attributes NDA_* (linux/neighbour.h).", ["linux/neighbour.h"],
    enum_members("linux/neighbour.h", "NDA_DST"))
add("Nud", "Neighbour states NUD_* (linux/neighbour.h).", ["linux/neighbour.h"],
    defines("linux/neighbour.h", r"NUD_[A-Z_]+"))
add("Ntf", "Neighbour flags NTF_* (linux/neighbour.h).", ["linux/neighbour.h"],
    defines("linux/neighbour.h", r"NTF_[A-Z_]+"))
add("Fra", "Policy-routing rule attributes FRA_* and flags FIB_RULE_* (linux/fib_rules.h).", ["linux/fib_rules.h"],
    enum_members("linux/fib_rules.h", "FRA_DST") + defines("linux/fib_rules.h", r"FIB_RULE_[A-Z_]+"))
add("FrAct", "Rule actions FR_ACT_* (linux/fib_rules.h).", ["linux/fib_rules.h"],
    enum_members("linux/fib_rules.h", "FR_ACT_TO_TBL"))
add("Netnsa", "Namespace-id attributes NETNSA_* (linux/net_namespace.h).", ["linux/net_namespace.h"],
    enum_members("linux/net_namespace.h", "NETNSA_NSID") + ["NETNSA_NSID_NOT_ASSIGNED"])
add("Iff", "Device flags IFF_* of ifinfomsg.ifi_flags (linux/if.h).", ["linux/if.h"],
    enum_members("linux/if.h", "IFF_UP"))
add("IfOper", "Operational states IF_OPER_* of IFLA_OPERSTATE (linux/if.h).", ["linux/if.h"],
    enum_members("linux/if.h", "IF_OPER_UP"))
add("Arphrd", "Hardware types ARPHRD_* of ifinfomsg.ifi_type (linux/if_arp.h).", ["linux/if_arp.h"],
    defines("linux/if_arp.h", r"ARPHRD_[A-Z0-9_]+"))
add("Tun", "tun/tap device flags of TUNSETIFF (linux/if_tun.h).", ["linux/if_tun.h"],
    defines("linux/if_tun.h", r"IFF_(?:TUN|TAP|NAPI|NAPI_FRAGS|NO_PI|ONE_QUEUE|VNET_HDR|TUN_EXCL|MULTI_QUEUE|ATTACH_QUEUE|DETACH_QUEUE|PERSIST|NOFILTER)"))

def values(headers, names):
    src = "#include <stdio.h>\n" + "".join(f"#include <{h}>\n" for h in headers) + "int main(void){\n"
    src += "".join(f'printf("%s=%lld\\n", "{n}", (long long)({n}));\n' for n in names) + "return 0;}\n"
    with tempfile.TemporaryDirectory() as d:
        c, exe = os.path.join(d, "c.c"), os.path.join(d, "c")
        open(c, "w").write(src)
        subprocess.run(["gcc", "-w", "-o", exe, c], check=True)
        out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
    return dict(line.split("=", 1) for line in out.split())

os.makedirs(OUT, exist_ok=True)
for cls, (doc, headers, names) in SETS.items():
    vals = values(headers, names)
    lines = [f"package {PKG};", "", "/**", f" * {doc}", " * Generated by tools/gen-rtnetlink-constants.py from the UAPI headers; checked by KernelConstantsTest.",
             " */", "@SuppressWarnings(\"unused\")", f"public final class {cls} {{", f"    private {cls}() {{", "    }", ""]
    for n in names:
        v = int(vals[n])
        jtype = "int" if -2**31 <= v < 2**32 else "long"
        lit = str(v) if -2**31 <= v < 2**31 else (f"0x{v:x}" if jtype == "int" else f"{v}L")
        lines.append(f"    /** {{@code {n}}} ({', '.join(headers)}). */")
        lines.append(f"    public static final {jtype} {n} = {lit};")
    lines.append("}")
    open(os.path.join(OUT, cls + ".java"), "w").write("\n".join(lines) + "\n")
    print(cls, len(names))
