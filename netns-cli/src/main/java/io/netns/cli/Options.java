// SPDX-License-Identifier: Apache-2.0
package io.netns.cli;


import io.netns.netlink.Family;

/**
 * ip's global options.
 *
 * @param netns {@code -n NAME}, or null for the caller's namespace
 * @param json {@code -j}
 * @param pretty {@code -p}
 * @param details {@code -d}
 * @param stats {@code -s}
 * @param family {@code -4}/{@code -6}, {@link Family#UNSPEC} when not given
 */
public record Options(String netns, boolean json, boolean pretty, boolean details, boolean stats, Family family) {
}
