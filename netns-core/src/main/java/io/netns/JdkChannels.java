// SPDX-License-Identifier: Apache-2.0
package io.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Initialises the JDK's socket channel classes once, while descriptors are still free. Their
 * static initialisers need descriptors of their own ({@code sun.nio.ch.UnixDispatcher} keeps one
 * end of a socket pair for the life of the JVM, and the IPv6 probe opens a socket): if the first
 * channel of the JVM were opened when the process had no descriptor left ({@code EMFILE}), the
 * initialiser would fail with {@code ExceptionInInitializerError}, and the JVM would answer every
 * later attempt with {@code NoClassDefFoundError}, for its whole life. Opened once, a later
 * {@code EMFILE} is just an {@code IOException} of that {@code open}.
 */
final class JdkChannels {
    private JdkChannels() {
    }

    /**
     * Opens and closes one channel of each kind in the calling thread's namespace (no address is
     * bound, nothing is sent). A failure here (no descriptor left already) is left for the first
     * real open to report.
     */
    static void initialize() {
        try {
            SocketChannel.open().close();
            ServerSocketChannel.open().close();
            DatagramChannel.open().close();
        } catch (IOException | UncheckedIOException | LinkageError | UnsupportedOperationException e) {
            // reported again, with its context, by the open that needs the channel
        }
    }

    /**
     * Whether a failure of the namespace thread means the process ran out of descriptors: the
     * channel's {@code open} then reports it as the {@link UncheckedIOException} it documents.
     */
    static boolean outOfDescriptors(NetnsException e) {
        return e.errno() == Errno.EMFILE || e.errno() == Errno.ENFILE;
    }
}
