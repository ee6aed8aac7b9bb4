// SPDX-License-Identifier: Apache-2.0
package io.netns.netlink.neighbour;

import io.netns.netlink.internal.NumberNames;

import java.util.Optional;

/**
 * Neighbour entry states (NUD_*) with the names {@code ip neigh} prints.
 *
 * <p>An open value: {@link #of(int)} gives a value for any number, so a number this version does not
 * know (from a newer kernel) still decodes; {@link #toString()} prints what {@code ip} prints.
 *
 * @param number the NUD_* bit
 */
public record NudState(int number) {
    /** NUD_NONE: no state. */
    public static final NudState NONE = new NudState(0);
    /** NUD_INCOMPLETE: resolution in progress. */
    public static final NudState INCOMPLETE = new NudState(1);
    /** NUD_REACHABLE: confirmed reachable. */
    public static final NudState REACHABLE = new NudState(2);
    /** NUD_STALE: valid but unconfirmed. */
    public static final NudState STALE = new NudState(4);
    /** NUD_DELAY: waiting before probing. */
    public static final NudState DELAY = new NudState(8);
    /** NUD_PROBE: being probed. */
    public static final NudState PROBE = new NudState(16);
    /** NUD_FAILED: resolution failed. */
    public static final NudState FAILED = new NudState(32);
    /** NUD_NOARP: needs no resolution. */
    public static final NudState NOARP = new NudState(64);
    /** NUD_PERMANENT: static, never expires. */
    public static final NudState PERMANENT = new NudState(128);

    private static final NumberNames<NudState> NAMES = NumberNames.of(NudState::new, NudState::number)
            .ignoringCase()
            .name(NONE, "none")
            .name(INCOMPLETE, "INCOMPLETE")
            .name(REACHABLE, "REACHABLE")
            .name(STALE, "STALE")
            .name(DELAY, "DELAY")
            .name(PROBE, "PROBE")
            .name(FAILED, "FAILED")
            .name(NOARP, "NOARP")
            .name(PERMANENT, "PERMANENT");

    /**
     * {@return the value for {@code number}: a constant above, or an unnamed one}
     *
     * @param number the kernel's number
     */
    public static NudState of(int number) {
        return NAMES.of(number);
    }

    /**
     * {@return the value {@code ip} calls {@code word}, or a number; empty if neither}
     *
     * @param word a name as ip prints it, or a number
     */
    public static Optional<NudState> parse(String word) {
        return NAMES.parse(word);
    }

    /** {@return whether this version of the library has a name for the number} */
    public boolean isKnown() {
        return NAMES.isKnown(number);
    }

    /** {@return ip's word for the value, or the number when it has none} */
    @Override
    public String toString() {
        return NAMES.toString(number);
    }
}
