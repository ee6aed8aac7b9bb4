// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a fresh network namespace into a {@code NetworkNamespace} field or parameter of a
 * {@link NetnsTest @NetnsTest} test: the equivalent of {@code ip netns add NAME} before and
 * {@code ip netns del NAME} after, also when the test fails. The namespace is new: it holds only
 * a loopback device, down, as after {@code ip netns add}.
 *
 * <p><b>Names.</b> The namespace's name in the run directory (what {@code ip netns list} shows) is
 * {@linkplain NetnsExtension#namePrefix() the extension's prefix}, the hint (or the field or
 * parameter name) and a counter: {@code junit-4242-client-7}. The handle's
 * {@link io.netns.NetworkNamespace#name() name()} returns it.
 *
 * <p><b>Sharing by hint.</b> Injection points with the same non-empty {@link #value() hint} in
 * one test get the same namespace; so do those naming a namespace of a {@link VethPair @VethPair}
 * topology ({@code @TempNetns("a")} is the topology's namespace {@code "a"}). A name is looked up
 * from the test outwards (the test method, its class, enclosing classes) and created where it is
 * missing. Without a hint, each injection point gets a namespace of its own.
 *
 * <p><b>Lifetime.</b>
 * <ul>
 *   <li>instance fields and parameters of test methods, {@code @BeforeEach} and {@code @AfterEach}
 *       methods: one namespace per test, deleted after the test's {@code @AfterEach} methods;</li>
 *   <li>static fields, parameters of {@code @BeforeAll}/{@code @AfterAll} methods and of
 *       constructors: one per test class, deleted after its {@code @AfterAll} methods.</li>
 * </ul>
 *
 * <pre>{@code
 * @TempNetns NetworkNamespace ns;                              // per test
 * @TempNetns("shared") static NetworkNamespace shared;         // per class
 *
 * @Test
 * void twoNamespaces(@TempNetns("client") NetworkNamespace client,
 *                    @TempNetns("server") NetworkNamespace server) { ... }
 * }</pre>
 *
 * <p>The handle is owned by the extension: do not close it. A test may delete the name itself
 * ({@code Netns.delete(ns.name().get())}); the extension then has nothing left to delete.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TempNetns {
    /**
     * A hint for the namespace's name, shared by every injection point of a test that uses it, and
     * the logical name of a {@link VethPair @VethPair} namespace. Empty: a namespace of its own
     * named after the field or parameter.
     *
     * @return the hint, empty by default
     */
    String value() default "";
}
