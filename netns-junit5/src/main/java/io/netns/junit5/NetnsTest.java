// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Registers the netns extension ({@link NetnsExtension}) on a test class or method. It is the
 * only annotation a test needs to use the others:
 *
 * <ul>
 *   <li>{@link TempNetns @TempNetns} on a {@code NetworkNamespace} field or parameter injects a
 *       fresh, uniquely named namespace ({@code ip netns add}) and deletes it afterwards
 *       ({@code ip netns del}), also when the test fails;</li>
 *   <li>{@link RunInside @RunInside} runs the test body on a thread inside one of them
 *       ({@code ip netns exec NAME} for Java code);</li>
 *   <li>{@link VethPair @VethPair} builds two namespaces joined by a veth pair, addressed and up
 *       ({@code ip link add ... type veth peer ...}, {@code ip addr add}, {@code ip link set up});</li>
 *   <li>after each test and each class, namespaces, files or mounts that the test left in the run
 *       directory under the extension's {@linkplain NetnsExtension#namePrefix() name prefix} fail
 *       it, and are removed;</li>
 *   <li>a condition disables the tests where the process lacks CAP_SYS_ADMIN or CAP_NET_ADMIN,
 *       naming the missing capability; with the system property (or JUnit configuration
 *       parameter) {@value NetnsExtension#REQUIRE_CAPABILITIES_PROPERTY}{@code =true}, or the
 *       environment variable {@value NetnsExtension#REQUIRE_CAPABILITIES_ENV}{@code =1}, such
 *       tests fail instead, so a CI job never skips them silently.</li>
 * </ul>
 *
 * <pre>{@code
 * @NetnsTest
 * class MyTest {
 *     @TempNetns NetworkNamespace ns;                       // ip netns add junit-PID-ns-1
 *
 *     @Test
 *     @RunInside("ns")                                      // ip netns exec junit-PID-ns-1 ...
 *     void insideItsOwnNamespace() throws Exception {
 *         assertEquals(ns.inode(), Files.getAttribute(Path.of("/proc/thread-self/ns/net"), "unix:ino"));
 *     }
 * }                                                         // ip netns del junit-PID-ns-1
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(NetnsExtension.class)
public @interface NetnsTest {
}
