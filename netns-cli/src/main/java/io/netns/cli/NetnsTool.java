// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.spi.ToolProvider;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The CLI as the {@code "netns"} {@link ToolProvider}: how other modules run it in-process
 * without this module exporting a package ({@code ToolProvider.findFirst("netns")}).
 */
public final class NetnsTool implements ToolProvider {
    /** Called by the {@link java.util.ServiceLoader}. */
    public NetnsTool() {
    }

    @Override
    public String name() {
        return "netns";
    }

    @Override
    public int run(PrintStream out, PrintStream err, String... args) {
        return IpCommand.run(args, out, err);
    }

    @Override
    public int run(PrintWriter out, PrintWriter err, String... args) {
        try (PrintStream o = new PrintStream(new WriterStream(out), true, Charset.defaultCharset());
             PrintStream e = new PrintStream(new WriterStream(err), true, Charset.defaultCharset())) {
            return IpCommand.run(args, o, e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Bytes to a writer, decoded with the default charset (the PrintStream encoded with it). */
    private static final class WriterStream extends OutputStream {
        private final PrintWriter w;
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

        WriterStream(PrintWriter w) {
            this.w = w;
        }

        @Override
        public void write(int b) {
            pending.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public void flush() {
            w.write(pending.toString(Charset.defaultCharset()));
            pending.reset();
            w.flush();
        }
    }
}
