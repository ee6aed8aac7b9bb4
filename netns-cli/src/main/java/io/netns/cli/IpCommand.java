// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.NetnsException;
import io.netns.netlink.DumpInterruptedException;
import io.netns.netlink.Family;
import io.netns.netlink.NetlinkException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.BiFunction;

/**
 * The iproute2-compatible command line of {@code bin/netns}: {@code [-n NS] [-j] [-d] [-4|-6]
 * OBJECT COMMAND ...} for the objects {@code link}, {@code address}, {@code route}, {@code neigh},
 * {@code rule}, {@code netns} and {@code monitor}, with ip's abbreviations, output (text or
 * {@code -j} JSON with ip's keys), messages and exit statuses. Every request goes through the
 * netns library; no {@code ip} process is started.
 *
 * <pre>{@code
 * bin/netns -n blue link add veth0 type veth peer name veth1
 * bin/netns -n blue -j addr show dev veth0
 * }</pre>
 */
public final class IpCommand {
    private IpCommand() {
    }

    /**
     * Runs one command line.
     *
     * @param args the words after {@code ip}
     * @param out where results go
     * @param err where messages go
     * @return the exit status, with ip's conventions: 0 ok; 255 usage error (ip's exit(-1));
     *         1 for a device or name that does not exist; 2 when the kernel refused
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Args a = new Args(Arrays.asList(args));
        Options opt;
        try {
            opt = globalOptions(a);
        } catch (Done d) {
            out.print(d.getMessage());
            out.flush();
            return 0;
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.status();
        }
        if (!a.has()) {
            err.print(USAGE);
            err.flush();
            return CliException.USAGE;
        }
        try (Session s = new Session(opt, out, err)) {
            if (opt.netns() != null) {
                s.openNamespace();
            }
            return dispatch(s, a);
        } catch (CliException e) {
            err.println(e.getMessage());
            err.flush();
            return e.status();
        } catch (NetlinkException e) {
            err.println(kernelError(e));
            if (e instanceof DumpInterruptedException || e.operation().orElse("").equals("NLMSG_DONE")) {
                err.println("Dump terminated");
            }
            err.flush();
            return 2;
        } catch (NetnsException e) {
            err.println(e.errno() != 0 ? "RTNETLINK answers: " + IpNames.strerror(e.errno()) : e.getMessage());
            err.flush();
            return 2;
        } catch (IllegalArgumentException e) {
            // a value the library refuses before sending anything
            err.println("Error: " + e.getMessage());
            err.flush();
            return CliException.USAGE;
        } finally {
            out.flush();
        }
    }

    /** How ip reports a refused request: the extended-ack text, else strerror. */
    static String kernelError(NetnsException e) {
        String msg = e.kernelMessage().orElse("");
        if (!msg.isEmpty()) {
            return "Error: " + msg + (msg.endsWith(".") ? "" : ".");
        }
        return "RTNETLINK answers: " + IpNames.strerror(e.errno());
    }

    private static Options globalOptions(Args a) {
        String netns = null;
        boolean json = false;
        boolean pretty = false;
        boolean details = false;
        boolean stats = false;
        Family family = Family.UNSPEC;
        while (a.has()) {
            String opt = a.peek();
            if (opt.equals("--")) {
                a.take();
                break;
            }
            if (!opt.startsWith("-")) {
                break;
            }
            String o = opt.startsWith("--") ? opt.substring(1) : opt;
            if (o.equals("-4")) {
                family = Family.INET;
            } else if (o.equals("-6")) {
                family = Family.INET6;
            } else if (Args.matches(o, "-family")) {
                String f = a.nextArg();
                family = switch (f) {
                    case "inet" -> Family.INET;
                    case "inet6" -> Family.INET6;
                    default -> throw CliException.invarg("invalid protocol family", f);
                };
            } else if (Args.matches(o, "-stats") || Args.matches(o, "-statistics")) {
                stats = true;
            } else if (Args.matches(o, "-details")) {
                details = true;
            } else if (Args.matches(o, "-netns")) {
                netns = a.nextArg();
            } else if (Args.matches(o, "-json")) {
                json = true;
            } else if (Args.matches(o, "-pretty")) {
                pretty = true;
            } else if (Args.matches(o, "-oneline") || Args.matches(o, "-resolve")) {
                // accepted, no effect here
            } else if (Args.matches(o, "-help")) {
                throw new Done(USAGE);
            } else if (Args.matches(o, "-Version")) {
                throw new Done("netns utility, " + version() + "\n");
            } else {
                throw new CliException(CliException.USAGE, "Option \"" + opt + "\" is unknown, try \"ip -help\".");
            }
            a.take();
        }
        return new Options(netns, json, pretty, details, stats, family);
    }

    /**
     * One entry of ip.c's {@code cmds[]}: an object and the function that runs its command line;
     * null for objects ip has and this CLI does not implement.
     */
    private record Cmd(String object, BiFunction<Session, Args, Integer> run) {
    }

    private static Cmd none(String object) {
        return new Cmd(object, null);
    }

    /** ip.c's table, in its order (so {@code a} is address, {@code r} route, {@code n} neighbor). */
    private static final List<Cmd> CMDS = List.of(
            new Cmd("address", (s, a) -> new AddrCmd(s).run(a)), none("addrlabel"), none("maddress"),
            new Cmd("route", (s, a) -> new RouteCmd(s).run(a)), new Cmd("rule", (s, a) -> new RuleCmd(s).run(a)),
            new Cmd("neighbor", (s, a) -> new NeighCmd(s).run(a)), new Cmd("neighbour", (s, a) -> new NeighCmd(s).run(a)),
            none("ntable"), none("ntbl"), new Cmd("link", (s, a) -> new LinkCmd(s).run(a)), none("l2tp"), none("fou"),
            none("ila"), none("macsec"), none("tunnel"), none("tuntap"), none("tap"), none("token"),
            none("tcpmetrics"), none("tcp_metrics"), new Cmd("monitor", (s, a) -> new MonitorCmd(s).run(a)),
            none("xfrm"), none("mroute"), none("mrule"), new Cmd("netns", (s, a) -> new NetnsCmd(s).run(a)),
            none("netconf"), none("vrf"), none("sr"), none("nexthop"), none("mptcp"), none("ioam"),
            new Cmd("help", (s, a) -> {
                throw new CliException(CliException.USAGE, IpCommand.USAGE.strip());
            }),
            new Cmd("graph", (s, a) -> new GraphCmd(s).run(a)), // not an ip object: netns graph draws namespaces
            none("stats"));

    private static int dispatch(Session s, Args a) {
        String word = a.take();
        if (word.equals("demo")) {
            // not an ip object: bin/netns runs it from netns-examples, which depends on this module
            throw new CliException(1, "netns: \"demo\" is run by bin/netns (the seed demo of netns-examples).");
        }
        for (Cmd c : CMDS) {
            if (Args.matches(word, c.object())) {
                if (c.run() == null) {
                    throw new CliException(1, "Object \"" + word + "\" is not supported by netns (ip " + c.object()
                            + " is not implemented here).");
                }
                return c.run().apply(s, a);
            }
        }
        throw new CliException(1, "Object \"" + word + "\" is unknown, try \"ip help\".");
    }

    /** netns's own usage: the ip objects it implements, its options, and the seed demo. */
    static final String USAGE = """
            Usage: netns [ OPTIONS ] OBJECT { COMMAND | help }
                   netns demo [ --root-host ]
                   netns graph [ -all | NAME... ] [ -format { text | dot | mermaid | svg | json } ]
                   netns -V[ersion] | -h[elp]
            where  OBJECT := { address | link | monitor | neighbor | netns | route | rule }
                   OPTIONS := { -d[etails] | -s[tatistics] | -4 | -6 | -f[amily] { inet | inet6 } |
                                -j[son] | -p[retty] | -n[etns] name }
            OBJECT and COMMAND speak ip's syntax and print what ip prints (ip -j JSON with -j);
            "demo" builds the seed demo's namespaces step by step, showing each ip command.
            """;

    /** {@code -V} / {@code -help}: printed on stdout, exit 0 (ip prints its version the same way). */
    private static final class Done extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Done(String text) {
            super(text, null, false, false);
        }
    }

    /** {@return the project version the build wrote into version.properties} */
    static String version() {
        try (InputStream in = IpCommand.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown version";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown version");
        } catch (IOException e) {
            return "unknown version";
        }
    }

}
