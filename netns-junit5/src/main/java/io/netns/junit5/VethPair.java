// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A declarative topology: two namespaces, {@link #left()} and {@link #right()}, joined by a veth
 * pair, each end addressed and up. Before the test the extension does what these commands do,
 * then waits until both ends are operationally UP (a SYN sent earlier is often dropped):
 *
 * <pre>
 * ip netns add LEFT; ip netns add RIGHT        (fresh, uniquely named; see {@link TempNetns})
 * ip -n LEFT link add LEFT_DEV type veth peer name RIGHT_DEV netns RIGHT
 * ip -n LEFT addr add LEFT_ADDRESS dev LEFT_DEV;    ip -n LEFT link set LEFT_DEV up
 * ip -n RIGHT addr add RIGHT_ADDRESS dev RIGHT_DEV; ip -n RIGHT link set RIGHT_DEV up
 * </pre>
 *
 * <p>and deletes the namespaces afterwards ({@code ip netns del}), which removes the pair. The
 * namespaces are injected by their logical names: {@code @TempNetns("a") NetworkNamespace a}, and
 * {@link RunInside @RunInside("a")} runs a test inside {@code a}. The loopback devices stay down,
 * as after {@code ip netns add}.
 *
 * <p>On a test method the topology is built for that test; on a test class it is built once, before
 * the class's {@code @BeforeAll} methods, and shared by its tests. The annotation is repeatable:
 * pairs that name the same namespace share it, so {@code a-b} and {@code b-c} make a chain. A name
 * that a class-level pair or a {@code @TempNetns} of the class already gave is reused; a pair
 * declared on a method between namespaces of the class is deleted after the test.
 *
 * <pre>{@code
 * @Test
 * @VethPair(left = "client", right = "server",
 *           leftAddress = "198.18.0.1/24", rightAddress = "198.18.0.2/24")
 * void connects(@TempNetns("client") NetworkNamespace client,
 *               @TempNetns("server") NetworkNamespace server) throws Exception { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(VethPair.List.class)
public @interface VethPair {
    /**
     * The logical name of the first namespace, the one the pair is created from.
     *
     * @return a name, also usable as {@code @TempNetns("...")} and {@code @RunInside("...")}
     */
    String left();

    /**
     * The logical name of the second namespace, where the peer end goes ({@code ... netns RIGHT}).
     *
     * @return a name different from {@link #left()}
     */
    String right();

    /**
     * Addresses of the left end, with prefix length ({@code ip addr add 198.18.0.1/24 dev ...}). IPv6
     * addresses are added without duplicate address detection ({@code nodad}), so they are usable
     * at once.
     *
     * @return the addresses, none by default
     */
    String[] leftAddress() default {};

    /**
     * Addresses of the right end; see {@link #leftAddress()}.
     *
     * @return the addresses, none by default
     */
    String[] rightAddress() default {};

    /**
     * The device name of the left end (at most 15 bytes).
     *
     * @return the name; empty by default: {@code veth-RIGHT}, cut to 15 bytes
     */
    String leftDevice() default "";

    /**
     * The device name of the right end (at most 15 bytes).
     *
     * @return the name; empty by default: {@code veth-LEFT}, cut to 15 bytes
     */
    String rightDevice() default "";

    /**
     * Holds repeated {@link VethPair} annotations; the compiler writes it, tests need not.
     */
    @Target({ElementType.METHOD, ElementType.TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @interface List {
        /**
         * The pairs, in declaration order.
         *
         * @return the pairs
         */
        VethPair[] value();
    }
}
