// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test method's body on a platform thread that lives inside a network namespace, the
 * namespace's pinned executor ({@link io.netns.NetworkNamespace#call}): what
 * {@code ip netns exec NAME} does for a command, for Java code. Everything the body does with the
 * network (sockets, {@code /proc/thread-self/net}, {@code net.*} sysctls, child processes) happens
 * inside. The thread that runs the test does not move.
 *
 * <p>Assertion failures and exceptions are reported exactly as without it: the very
 * {@code AssertionFailedError} (or other exception) the body threw.
 *
 * <p>{@link #value()} names the namespace, looked up in this order:
 * <ol>
 *   <li>a {@link TempNetns @TempNetns} parameter of the method with that name (parameter names
 *       need {@code javac -parameters});</li>
 *   <li>a {@code @TempNetns} field with that name (instance or static);</li>
 *   <li>a hint of {@code @TempNetns}, or a namespace of a {@link VethPair @VethPair} topology.</li>
 * </ol>
 * Empty: the one {@code @TempNetns} namespace of the test (its parameters and fields). A name that
 * matches nothing, or an empty name when there are several candidates, fails the test with the
 * candidates listed.
 *
 * <p>On a method, it applies to that method: {@code @Test}, {@code @RepeatedTest} and
 * {@code @ParameterizedTest} methods, and also {@code @BeforeEach}/{@code @AfterEach} methods
 * carrying it. On a class, it applies to every test method of the class that does not carry one
 * itself (not to lifecycle methods, not to dynamic tests of a {@code @TestFactory}).
 *
 * <pre>{@code
 * @Test
 * @RunInside("server")
 * void listensInside(@TempNetns("server") NetworkNamespace server) throws Exception {
 *     String dev = Files.readString(Path.of("/proc/thread-self/net/dev"));  // server's devices
 * }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RunInside {
    /**
     * The namespace: a {@code @TempNetns} parameter or field name, a hint, or a topology name.
     *
     * @return the name, empty for the test's only {@code @TempNetns} namespace
     */
    String value() default "";
}
