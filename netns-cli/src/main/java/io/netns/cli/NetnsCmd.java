// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import io.netns.NamespaceExistsException;
import io.netns.NamespaceNotFoundException;
import io.netns.Netns;
import io.netns.NetnsException;
import io.netns.NetworkNamespace;
import io.netns.cli.Printer.Mode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** {@code ip netns list|add|del|exec|identify|pids|set|list-id|attach|monitor}. */
final class NetnsCmd {
    private final Session s;

    NetnsCmd(Session s) {
        this.s = s;
    }

    int run(Args a) {
        if (!a.has()) {
            return list();
        }
        String cmd = a.take();
        if (a.has() && !cmd.equals("exec") && !cmd.equals("identify") && !cmd.equals("set")
                && (a.peek().contains("/") || a.peek().equals(".") || a.peek().equals(".."))) {
            throw new CliException(CliException.USAGE, "Invalid netns name \"" + a.peek() + "\"");
        }
        if (Args.matches(cmd, "list") || Args.matches(cmd, "show") || Args.matches(cmd, "lst")) {
            return list();
        }
        if (cmd.equals("list-id")) {
            return listId();
        }
        if (Args.matches(cmd, "add")) {
            return add(a, false);
        }
        if (Args.matches(cmd, "set")) {
            return set(a);
        }
        if (Args.matches(cmd, "delete")) {
            return delete(a);
        }
        if (Args.matches(cmd, "identify")) {
            return identify(a);
        }
        if (Args.matches(cmd, "pids")) {
            return pids(a);
        }
        if (Args.matches(cmd, "exec")) {
            return exec(a);
        }
        if (Args.matches(cmd, "monitor")) {
            return monitor();
        }
        if (Args.matches(cmd, "attach")) {
            return add(a, true);
        }
        throw CliException.unknownCommand(cmd, "netns");
    }

    /** The names in the run directory, in directory order as ip's readdir loop sees them. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        Path dir = Netns.registry().directory();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The id the session's namespace gives {@code name}, if any (ip's get_netnsid_from_name). */
    static OptionalInt nsidOf(Session s, String name) {
        try (NetworkNamespace ns = Netns.open(name)) {
            return s.rt().nsids().get(ns);
        } catch (RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** The name of the namespace with that id here (ip's get_name_from_nsid), or null. */
    static String nameOfNsid(Session s, int nsid) {
        for (String name : names()) {
            OptionalInt id = nsidOf(s, name);
            if (id.isPresent() && id.getAsInt() == nsid) {
                return name;
            }
        }
        return null;
    }

    private int list() {
        Printer p = s.printer();
        for (String name : names()) {
            p.openObject(null);
            p.str(Mode.ANY, "name", "%s", name);
            OptionalInt id = nsidOf(s, name);
            if (id.isPresent()) {
                p.num(Mode.ANY, "id", " (id: %d)", id.getAsInt());
            }
            p.text("\n");
            p.closeObject();
        }
        p.flush();
        return 0;
    }

    private int listId() {
        Printer p = s.printer();
        for (int id : s.rt().nsids().list()) {
            p.openObject(null);
            p.num(Mode.ANY, "nsid", "nsid %d ", id);
            String name = nameOfNsid(s, id);
            if (name != null) {
                p.str(Mode.ANY, "name", "(iproute2 netns name: %s)", name);
            }
            p.text("\n");
            p.closeObject();
        }
        p.flush();
        return 0;
    }

    private static String one(Args a, String usage) {
        if (!a.has()) {
            throw new CliException(CliException.USAGE, usage);
        }
        return a.take();
    }

    private int add(Args a, boolean attach) {
        String name = one(a, "No netns name specified");
        try {
            if (attach) {
                String pid = one(a, "No pid specified");
                Netns.attach(name, Long.parseLong(pid)).close();
            } else {
                Netns.create(name).close();
            }
        } catch (NamespaceExistsException e) {
            throw new CliException(1, "Cannot create namespace file \"" + path(name) + "\": File exists");
        } catch (NumberFormatException e) {
            throw new CliException(CliException.USAGE, "Invalid pid");
        } catch (NetnsException e) {
            throw new CliException(1, (attach ? "Cannot attach" : "Cannot create") + " namespace file \""
                    + path(name) + "\": " + IpNames.strerror(e.errno()));
        }
        return 0;
    }

    private static String path(String name) {
        return Netns.registry().directory() + "/" + name; // a string: under LC_ALL=C a non-ASCII name has no Path
    }

    private int delete(Args a) {
        String name = one(a, "No netns name specified");
        try {
            Netns.delete(name);
        } catch (NamespaceNotFoundException e) {
            throw new CliException(1, "Cannot remove namespace file \"" + path(name) + "\": No such file or directory");
        } catch (NetnsException e) {
            throw new CliException(1, "Cannot remove namespace file \"" + path(name) + "\": "
                    + IpNames.strerror(e.errno()));
        }
        return 0;
    }

    private int set(Args a) {
        String name = one(a, "No netns name specified");
        String id = one(a, "No nsid specified");
        int nsid;
        if (id.equals("auto")) {
            nsid = -1;
        } else {
            try {
                nsid = (int) Args.number(id);
            } catch (NumberFormatException e) {
                nsid = -2;
            }
            if (nsid < 0) {
                throw CliException.invarg("Invalid \"netnsid\" value\n", id);
            }
        }
        try (NetworkNamespace ns = Session.openNamed(name)) {
            s.rt().nsids().set(ns, nsid);
        }
        return 0;
    }

    private int identify(Args a) {
        long pid = a.has() ? parsePid(a.take()) : ProcessHandle.current().pid();
        try {
            Netns.identify(pid).ifPresent(s.out::println);
        } catch (NamespaceNotFoundException e) {
            throw new CliException(1, "Cannot open network namespace: No such file or directory");
        }
        return 0;
    }

    private static long parsePid(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new CliException(1, "Invalid pid: " + text);
        }
    }

    private int pids(Args a) {
        String name = one(a, "No netns name specified");
        try (NetworkNamespace ns = Session.openNamed(name)) {
            for (long pid : ns.pids()) {
                s.out.println(pid);
            }
        }
        return 0;
    }

    /** Starts the command inside and returns its exit status, as ip's exec does. */
    private int exec(Args a) {
        String name = one(a, "No netns name specified");
        if (!a.has()) {
            throw new CliException(CliException.USAGE, "No command specified");
        }
        List<String> cmd = List.copyOf(a.rest());
        try (NetworkNamespace ns = Session.openNamed(name)) {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            boolean own = s.out == System.out && s.err == System.err;
            if (own) {
                pb.inheritIO();
            }
            Process p;
            try {
                p = ns.start(pb);
            } catch (UncheckedIOException e) {
                throw new CliException(1, "exec of \"" + cmd.get(0) + "\" failed: No such file or directory");
            }
            if (!own) {
                // captured streams (tests, embedding): copy the child's output to them
                p.getOutputStream().close();
                Thread t = pump(p.getErrorStream(), s.err);
                p.getInputStream().transferTo(s.out);
                t.join();
            }
            return p.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static Thread pump(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(out);
            } catch (IOException ignored) {
                // the child closed its end
            }
        }, "netns-exec-stderr");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Prints "add NAME" / "delete NAME" as names appear and go, until interrupted. */
    private int monitor() {
        Path dir = Netns.registry().directory();
        try (WatchService ws = dir.getFileSystem().newWatchService()) {
            dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = ws.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (key == null) {
                    continue;
                }
                for (WatchEvent<?> ev : key.pollEvents()) {
                    String what = ev.kind() == StandardWatchEventKinds.ENTRY_CREATE ? "add" : "delete";
                    s.out.println(what + " " + ev.context());
                    s.out.flush();
                }
                key.reset();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
