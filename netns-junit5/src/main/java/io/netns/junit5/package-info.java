// SPDX-License-Identifier: Apache-2.0
/**
 * JUnit Jupiter support for network namespace tests. {@link io.netns.junit5.NetnsTest @NetnsTest}
 * registers the extension; {@link io.netns.junit5.TempNetns @TempNetns} injects fresh namespaces,
 * {@link io.netns.junit5.RunInside @RunInside} runs a test body inside one, and
 * {@link io.netns.junit5.VethPair @VethPair} declares two namespaces joined by a veth pair.
 * See {@code docs/junit5.md}.
 */
package io.netns.junit5;
