// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;

/**
 * Ends a command with ip's message and exit status: 255 where ip calls {@code exit(-1)} (usage
 * errors), 1 where a command returns -1 (a device that does not exist), 2 for kernel refusals.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** ip's exit(-1). */
    public static final int USAGE = 255;

    private final int status;

    public CliException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** ip's {@code incomplete_command()}. */
    public static CliException incomplete() {
        return new CliException(USAGE, "Command line is not complete. Try option \"help\"");
    }

    /** ip's {@code invarg(msg, arg)}; msg keeps ip's own trailing newline where it has one. */
    public static CliException invarg(String msg, String arg) {
        return new CliException(USAGE, "Error: argument \"" + arg + "\" is wrong: " + msg);
    }

    /** ip's {@code duparg(key, arg)}. */
    public static CliException duparg(String key, String arg) {
        return new CliException(USAGE, "Error: duplicate \"" + key + "\": \"" + arg + "\" is the second value.");
    }

    /** ip's {@code duparg2(key, arg)}. */
    public static CliException duparg2(String key, String arg) {
        return new CliException(USAGE, "Error: either \"" + key + "\" is duplicate, or \"" + arg + "\" is a garbage.");
    }

    /** ip's {@code nodev(dev)}: the device is not there (exit 1). */
    public static CliException nodev(String dev) {
        return new CliException(1, "Cannot find device \"" + dev + "\"");
    }

    /** An unknown subcommand of an object: {@code Command "x" is unknown, try "ip link help".} */
    public static CliException unknownCommand(String cmd, String object) {
        return new CliException(USAGE, "Command \"" + cmd + "\" is unknown, try \"ip " + object + " help\".");
    }
}
