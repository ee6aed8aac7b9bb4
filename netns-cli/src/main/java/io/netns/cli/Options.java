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
 * ip's global options.
 *
 * @param netns {@code -n NAME}, or null for the caller's namespace
 * @param json {@code -j}
 * @param pretty {@code -p}
 * @param details {@code -d}
 * @param stats {@code -s}
 * @param family {@code -4}/{@code -6}, {@link Family#UNSPEC} when not given
 */
record Options(String netns, boolean json, boolean pretty, boolean details, boolean stats, Family family) {
}
