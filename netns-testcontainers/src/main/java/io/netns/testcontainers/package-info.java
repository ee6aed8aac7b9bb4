// SPDX-License-Identifier: Apache-2.0
/**
 * A running Testcontainers container as a {@link io.netns.NetworkNamespace}: wire veth pairs into
 * it, add addresses and routes with netns-netlink, open sockets inside it, from the test JVM. See
 * {@link io.netns.testcontainers.ContainerNamespaces}.
 *
 * <h2>Modules</h2>
 * This jar has no module descriptor; its manifest names it {@code io.netns.testcontainers}
 * ({@code Automatic-Module-Name}), so on the module path it is that automatic module. The reason:
 * Testcontainers 2.0 itself has neither a descriptor nor an {@code Automatic-Module-Name}, so the
 * only name a descriptor here could require is the one derived from its jar's file name,
 * {@code testcontainers}, which changes when the jar is renamed or when Testcontainers declares a
 * name of its own (as proposed: {@code org.testcontainers.core}). A published descriptor that
 * requires such a name breaks its users then (Maven warns against publishing one). As an
 * automatic module this one reads every module, so it needs nothing declared. A module that uses
 * it requires {@code io.netns.testcontainers}, {@code io.netns} (an automatic module passes on
 * readability of automatic modules only) and {@code testcontainers}, and runs with
 * {@code --add-modules ALL-MODULE-PATH} (Testcontainers' dependencies include explicit modules
 * that nothing requires). Grant native access to {@code io.netns} (on the class path
 * {@code ALL-UNNAMED}), which makes the system calls.
 */
package io.netns.testcontainers;
