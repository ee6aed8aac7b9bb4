// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables;

import io.netns.netlink.NetlinkException;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The kernel refused an nf_tables transaction, so none of it was applied. Says which command
 * failed (its index in the transaction and its libnftables JSON text), with the errno, the
 * message type ({@code NFT_MSG_NEWRULE}) and the kernel's extended-ack text:
 *
 * <pre>{@code
 * NFT_MSG_NEWCHAIN command #2 {"add": {"chain": {...}}}: ENOENT (No such file or directory)
 * }</pre>
 *
 * A failure of the whole batch (the ruleset changed since its generation was read: ERESTART) names
 * no command.
 */
public class NftablesException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /** The failed command's index, or -1. */
    private final int commandIndex;
    /** The failed command's JSON, or null. */
    private final String command;

    /**
     * Creates the exception.
     *
     * @param requestType the message type name, e.g. {@code NFT_MSG_NEWRULE}
     * @param commandIndex the failed command's index in the transaction, or -1 for the whole batch
     * @param command the failed command as libnftables JSON, or null
     * @param errno the positive errno
     * @param kernelMessage the extended-ack message, or null
     * @param attributeOffset the offending attribute's offset in the message, or -1
     */
    public NftablesException(String requestType, int commandIndex, String command, int errno, String kernelMessage,
                             int attributeOffset) {
        super(requestType, commandIndex < 0 ? "(batch)" : "command #" + commandIndex + " " + command, errno,
                kernelMessage, attributeOffset);
        this.commandIndex = commandIndex;
        this.command = command;
    }

    /** {@return the index of the command the kernel refused, in the order of the transaction} */
    public OptionalInt commandIndex() {
        return commandIndex < 0 ? OptionalInt.empty() : OptionalInt.of(commandIndex);
    }

    /** {@return the refused command as libnftables JSON: {@code {"add": {"rule": {...}}}}} */
    public Optional<String> command() {
        return Optional.ofNullable(command);
    }
}
