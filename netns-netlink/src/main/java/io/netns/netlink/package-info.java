// SPDX-License-Identifier: Apache-2.0
/**
 * rtnetlink sockets and what every family shares. Start with {@link io.netns.netlink.Rtnetlink}:
 * {@code Rtnetlink.open(ns)}, then a family handle ({@code rt.links()}, {@code rt.addresses()},
 * {@code rt.routes()}, {@code rt.neighbours()}, {@code rt.rules()}, {@code rt.nsids()}) or a
 * {@link io.netns.netlink.Batch}.
 *
 * <p>Conventions of every package of this module: arguments and results are never null (absent
 * values are {@link java.util.Optional}s, {@link java.util.OptionalInt}s ...); values are immutable;
 * numbers the kernel sends that this version does not know decode as unnamed values
 * ({@link io.netns.netlink.Family#of(int)} ...) or raw attributes, never as failures; every
 * operation's documentation names the {@code ip} command it replaces.
 */
package io.netns.netlink;
