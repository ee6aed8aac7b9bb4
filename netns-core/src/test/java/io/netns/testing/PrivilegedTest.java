// SPDX-License-Identifier: Apache-2.0
package io.netns.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A test class that needs root and the real kernel; checked for leaks after it runs. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NetnsTestExtension.class)
public @interface PrivilegedTest {
}
