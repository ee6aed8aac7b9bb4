package io.netns.cli;

import io.netns.netlink.*;
import io.netns.netlink.link.*;
import io.netns.netlink.link.kind.*;
import io.netns.netlink.address.*;
import io.netns.netlink.route.*;
import io.netns.netlink.neighbour.*;
import io.netns.netlink.rule.*;
import io.netns.netlink.nsid.*;
import io.netns.netlink.event.*;

/**
 * The options after {@code type KIND} of {@code ip link add}, for the kinds this CLI creates:
 * veth, bridge, dummy, ifb, vlan, macvlan/macvtap, vxlan. Builds the library's {@link LinkSpec}.
 */
final class KindArgs implements AutoCloseable {
    private final String type;
    private final LinkArgs common;
    private LinkArgs peer;
    private int macvlanMode = 4;
    private long vni = -1;
    private long port = -1;
    private String device;
    private String local;
    private String remote;
    private long ttl = -1;
    private boolean noLearning;
    private long vlanId = -1;
    private int vlanProtocol;

    private KindArgs(String type, LinkArgs common) {
        this.type = type;
        this.common = common;
    }

    static KindArgs parse(String type, Args a, Session s, LinkArgs common) {
        KindArgs k = new KindArgs(type, common);
        try {
            switch (type) {
                case "veth" -> k.veth(a, s);
                case "macvlan", "macvtap" -> k.macvlan(a);
                case "vxlan" -> k.vxlan(a, s);
                case "vlan" -> k.vlan(a);
                case "bridge", "dummy", "ifb" -> k.none(a);
                case "tun", "tap" -> throw new CliException(2, "Error: tun/tap creation via rtnetlink is not supported.");
                default -> throw new CliException(2, "Error: Unknown device type.");
            }
        } catch (RuntimeException e) {
            k.close();
            throw e;
        }
        return k;
    }

    private void none(Args a) {
        if (a.has()) {
            throw new CliException(CliException.USAGE, type + ": unknown option \"" + a.peek() + "\"?");
        }
    }

    private void veth(Args a, Session s) {
        if (!a.has()) {
            return;
        }
        String w = a.take();
        if (!w.equals("peer")) {
            throw new CliException(CliException.USAGE, "veth: unknown option \"" + w + "\"?");
        }
        peer = LinkArgs.parsePeer(a, s);
        if (peer.type != null) {
            throw CliException.duparg2("type", peer.type);
        }
    }

    private void macvlan(Args a) {
        while (a.has()) {
            String w = a.peek();
            if (w.equals("mode")) {
                String m = a.nextArg();
                macvlanMode = switch (m) {
                    case "private" -> 1;
                    case "vepa" -> 2;
                    case "bridge" -> 4;
                    case "passthru" -> 8;
                    case "source" -> 16;
                    default -> throw new CliException(CliException.USAGE, "Error: argument of \"mode\" must be "
                            + "\"private\", \"vepa\", \"bridge\", \"passthru\" or \"source\", not \"" + m + "\"");
                };
            } else {
                throw new CliException(CliException.USAGE, type + ": unknown command \"" + w + "\"?");
            }
            a.take();
        }
    }

    private void vxlan(Args a, Session s) {
        while (a.has()) {
            String w = a.peek();
            switch (w) {
                case "id", "vni" -> {
                    String v = a.nextArg();
                    vni = Args.u32(v, "invalid id\n");
                    if (vni >= 1 << 24) {
                        throw CliException.invarg("invalid id\n", v);
                    }
                }
                case "dstport" -> {
                    String v = a.nextArg();
                    port = Args.u32(v, "dstport\n");
                }
                case "dev" -> {
                    device = a.nextArg();
                    if (s.links().index(device) == 0) {
                        throw new CliException(1, "Cannot find device \"" + device + "\"");
                    }
                }
                case "local" -> {
                    local = a.nextArg();
                }
                case "remote", "group" -> {
                    remote = a.nextArg();
                }
                case "ttl", "hoplimit" -> {
                    String v = a.nextArg();
                    ttl = v.equals("auto") ? 0 : Args.u32(v, "invalid TTL\n");
                }
                case "nolearning" -> noLearning = true;
                case "learning" -> noLearning = false;
                default -> throw new CliException(CliException.USAGE, "vxlan: unknown command \"" + w + "\"?");
            }
            a.take();
        }
        if (vni < 0) {
            throw new CliException(CliException.USAGE, "vxlan: missing virtual network identifier");
        }
    }

    private void vlan(Args a) {
        while (a.has()) {
            String w = a.peek();
            if (w.equals("id")) {
                String v = a.nextArg();
                vlanId = Args.u32(v, "id is invalid");
            } else if (w.equals("protocol")) {
                String v = a.nextArg();
                vlanProtocol = switch (v.toLowerCase(java.util.Locale.ROOT)) {
                    case "802.1q" -> 0x8100;
                    case "802.1ad" -> 0x88a8;
                    default -> throw CliException.invarg("protocol is invalid", v);
                };
            } else if (w.equals("link")) {
                // accepted here as well as before the name (ip wants it before "type")
                common.link = a.nextArg();
            } else {
                throw new CliException(CliException.USAGE, "vlan: unknown command \"" + w + "\"?");
            }
            a.take();
        }
        if (vlanId < 0) {
            throw new CliException(CliException.USAGE, "8021q: VLAN id is not specified");
        }
    }

    /** The library's spec of the device to create. */
    LinkSpec spec(String name) {
        LinkSpec spec = switch (type) {
            case "veth" -> vethSpec(name);
            case "bridge" -> LinkSpec.bridge(name);
            case "dummy" -> LinkSpec.dummy(name);
            case "ifb" -> LinkSpec.ifb(name);
            case "macvlan" -> LinkSpec.macvlan(name, requireLink(), macvlanMode);
            case "macvtap" -> LinkSpec.macvtap(name, requireLink(), macvlanMode);
            case "vlan" -> {
                LinkSpec v = LinkSpec.vlan(name, requireLink(), (int) vlanId);
                yield vlanProtocol != 0 ? v.vlanProtocol(vlanProtocol) : v;
            }
            case "vxlan" -> vxlanSpec(name);
            default -> throw new CliException(2, "Error: Unknown device type.");
        };
        if (common.link != null && !type.equals("macvlan") && !type.equals("macvtap") && !type.equals("vlan")) {
            spec = spec.parent(common.link);
        }
        return spec;
    }

    private String requireLink() {
        if (common.link == null) {
            // the kernel answers this for macvlan/vlan without a lower device
            throw new CliException(2, "RTNETLINK answers: Invalid argument");
        }
        return common.link;
    }

    private LinkSpec vethSpec(String name) {
        String peerName = peer != null ? (peer.name != null ? peer.name : peer.dev) : null;
        if (peerName == null) {
            // ip lets the kernel pick vethN; the library needs a name
            throw new CliException(CliException.USAGE, "netns: veth needs \"peer name NAME\"");
        }
        LinkCmd.checkName(peerName);
        LinkSpec spec = LinkSpec.veth(name, peerName);
        if (peer.netns != null) {
            spec = spec.peerNamespace(peer.netns);
        }
        if (peer.mtu >= 0) {
            spec = spec.peerMtu((int) peer.mtu);
        }
        if (peer.address != null) {
            spec = spec.peerAddress(peer.address);
        }
        return spec;
    }

    private LinkSpec vxlanSpec(String name) {
        LinkSpec spec = LinkSpec.vxlan(name, (int) vni);
        if (port >= 0) {
            spec = spec.dstPort((int) port);
        }
        if (local != null) {
            spec = spec.local(local);
        }
        if (remote != null) {
            spec = spec.remote(remote);
        }
        if (ttl >= 0) {
            spec = spec.ttl((int) ttl);
        }
        if (noLearning) {
            spec = spec.noLearning();
        }
        if (device != null) {
            spec = spec.device(device);
        }
        return spec;
    }

    /** ip's warning when a vxlan is created without {@code dstport}. */
    boolean warnsDefaultPort() {
        return type.equals("vxlan") && port < 0;
    }

    @Override
    public void close() {
        if (peer != null) {
            peer.close();
        }
    }
}
