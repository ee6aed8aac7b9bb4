// SPDX-License-Identifier: Apache-2.0
package io.netns.junit5;

import io.netns.NetworkNamespace;
import io.netns.ThrowingCallable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JUnit Jupiter extension behind {@link NetnsTest @NetnsTest}, which registers it; tests do
 * not use this class directly, except for {@link #namePrefix()}.
 *
 * <p>What it does, in test order:
 * <ol>
 *   <li><b>condition</b>: disables the test class or method when CAP_SYS_ADMIN or CAP_NET_ADMIN is
 *       not effective ({@link io.netns.Netns#checkEnvironment()}), naming which. In strict mode
 *       ({@value #REQUIRE_CAPABILITIES_PROPERTY}{@code =true} as a system property or JUnit
 *       configuration parameter, or {@value #REQUIRE_CAPABILITIES_ENV}{@code =1} in the environment;
 *       the property wins when both are set) it fails the test instead;</li>
 *   <li><b>before all</b>: builds the class's {@link VethPair @VethPair} topology and injects
 *       static {@link TempNetns @TempNetns} fields;</li>
 *   <li><b>before each</b>: builds the method's topology and injects instance fields;
 *       {@code @TempNetns} parameters are resolved when JUnit asks;</li>
 *   <li><b>test</b>: with {@link RunInside @RunInside}, the body runs on the namespace's pinned
 *       thread ({@link NetworkNamespace#call});</li>
 *   <li><b>after a failed test</b>, before its {@code @AfterEach} methods: publishes a
 *       {@linkplain io.netns.netlink.topology.Topology snapshot} of the namespaces the extension made
 *       for it (the test's and its class's) as a report entry with the keys {@value #TOPOLOGY_ENTRY}
 *       (readable text) and {@value #TOPOLOGY_DOT_ENTRY} (Graphviz dot), what {@code bin/netns graph}
 *       would print then;</li>
 *   <li><b>after each / after all</b>: deletes the namespaces of the test / class
 *       ({@code ip netns del}), pass or fail; then fails the test if the run directory holds
 *       namespaces, files or mounts with the {@linkplain #namePrefix() prefix} that appeared during
 *       it and were not made by the extension (they are removed first).</li>
 * </ol>
 */
public final class NetnsExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback, AfterEachCallback, AfterTestExecutionCallback, ParameterResolver, InvocationInterceptor {

    /** Report entry key of a failed test's topology, as text ({@code Topology.toString()}). */
    public static final String TOPOLOGY_ENTRY = "netns.topology";

    /** Report entry key of a failed test's topology, as a Graphviz graph ({@code Topology.toDot()}). */
    public static final String TOPOLOGY_DOT_ENTRY = "netns.topology.dot";

    /**
     * System property or JUnit configuration parameter: {@code true} makes a missing capability
     * fail the tests instead of disabling them.
     */
    public static final String REQUIRE_CAPABILITIES_PROPERTY = "netns.junit.requireCapabilities";

    /** Environment variable: {@code 1} (or {@code true}) has the effect of the property. */
    public static final String REQUIRE_CAPABILITIES_ENV = "NETNS_REQUIRE_CAPABILITIES";

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(NetnsExtension.class);

    /** Created by JUnit, through {@link NetnsTest @NetnsTest}. */
    public NetnsExtension() {
    }

    /**
     * System property or JUnit configuration parameter (also read from
     * {@code junit-platform.properties}): the first part of the {@linkplain #namePrefix() name prefix},
     * {@code junit} when unset. 1 to 32 letters, digits, {@code .}, {@code _} or {@code -}. Read once
     * per JVM, when the first test using the extension starts.
     */
    public static final String PREFIX_PROPERTY = "netns.junit.prefix";

    /**
     * The prefix of the names of every namespace this extension creates in this JVM:
     * {@code junit-PID-}, or {@code NAME-PID-} with {@value #PREFIX_PROPERTY}{@code =NAME}. The
     * process id keeps parallel JVMs apart and lets a cleanup step find a crashed run's leftovers. The leak check after each test looks for names with it, so a namespace a
     * test creates itself under this prefix ({@code Netns.create(NetnsExtension.namePrefix() + "x")})
     * must be deleted by the test ({@code Netns.delete(...)}, {@code ip netns del}).
     *
     * @return the prefix
     */
    public static String namePrefix() {
        return Owned.prefix();
    }

    // ================================================================== condition

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Owned.configure(context);
        return Capabilities.evaluate(context);
    }

    // ================================================================== lifecycle

    @Override
    public void beforeAll(ExtensionContext context) {
        Scope scope = scope(context);
        scope.recordRunDirectory(RunDirectory.snapshot());
        Class<?> testClass = context.getRequiredTestClass();
        Topology.build(scope, AnnotationSupport.findRepeatableAnnotations(testClass, VethPair.class),
                testClass.getName());
        for (Field f : annotatedFields(testClass, true)) {
            inject(scope, f, null);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Scope scope = scope(context);
        scope.recordRunDirectory(RunDirectory.snapshot());
        Method method = context.getRequiredTestMethod();
        Topology.build(scope, AnnotationSupport.findRepeatableAnnotations(method, VethPair.class),
                method.getDeclaringClass().getSimpleName() + "." + method.getName());
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field f : annotatedFields(instance.getClass(), false)) {
                inject(scope, f, instance);
            }
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            FailureTopology.publish(context, scope(context).visibleNamespaces());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        finish(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        finish(context);
    }

    /** Deletes the context's namespaces, then checks the run directory for leftovers. */
    private static void finish(ExtensionContext context) {
        Scope scope = existingScope(context);
        if (scope == null) {
            scope = scope(context); // nothing was created, but the leak check still applies
        }
        List<Throwable> problems = scope.tearDown();
        List<String> leftovers = RunDirectory.removeLeftovers(scope.runDirectoryBefore());
        if (!leftovers.isEmpty()) {
            AssertionError leak = new AssertionError(scope.description() + " left " + leftovers.size()
                    + " namespace(s) or run-directory entries behind with the prefix " + Owned.prefix()
                    + " that the netns extension did not create (delete them in the test, or use @TempNetns):\n  "
                    + String.join("\n  ", leftovers));
            problems.forEach(leak::addSuppressed);
            throw leak;
        }
        if (!problems.isEmpty()) {
            IllegalStateException e = new IllegalStateException("deleting the namespaces of "
                    + scope.description() + " failed: " + problems.getFirst(), problems.getFirst());
            problems.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }

    // ================================================================== injection

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (!parameterContext.isAnnotated(TempNetns.class)) {
            return false;
        }
        Class<?> type = parameterContext.getParameter().getType();
        if (type != NetworkNamespace.class) {
            throw new ParameterResolutionException("@TempNetns parameter " + describe(parameterContext.getParameter())
                    + " must be of type NetworkNamespace, not " + type.getName());
        }
        return true;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        TempNetns annotation = parameterContext.findAnnotation(TempNetns.class).orElseThrow();
        Parameter p = parameterContext.getParameter();
        return namespaceFor(scope(extensionContext), annotation, p.isNamePresent() ? p.getName() : "arg"
                + parameterContext.getIndex());
    }

    private static NetworkNamespace namespaceFor(Scope scope, TempNetns annotation, String elementName) {
        return annotation.value().isEmpty() ? scope.anonymous(elementName) : scope.named(annotation.value());
    }

    private static void inject(Scope scope, Field field, Object instance) {
        if (field.getType() != NetworkNamespace.class) {
            throw new ExtensionConfigurationException("@TempNetns field " + describe(field)
                    + " must be of type NetworkNamespace, not " + field.getType().getName());
        }
        if (Modifier.isFinal(field.getModifiers())) {
            throw new ExtensionConfigurationException("@TempNetns field " + describe(field) + " must not be final");
        }
        NetworkNamespace ns = namespaceFor(scope, field.getAnnotation(TempNetns.class), field.getName());
        try {
            field.setAccessible(true);
            field.set(instance, ns);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("cannot inject @TempNetns field " + describe(field)
                    + " (on the module path, open its package to io.netns.junit5)", e);
        }
    }

    /** The {@code @TempNetns} fields of a class and its superclasses, static or not. */
    private static List<Field> annotatedFields(Class<?> type, boolean statics) {
        return AnnotationSupport.findAnnotatedFields(type, TempNetns.class,
                f -> Modifier.isStatic(f.getModifiers()) == statics, HierarchyTraversalMode.TOP_DOWN);
    }

    private static String describe(Field f) {
        return f.getDeclaringClass().getSimpleName() + "." + f.getName();
    }

    private static String describe(Parameter p) {
        Executable e = p.getDeclaringExecutable();
        return "'" + p.getName() + "' of " + e.getDeclaringClass().getSimpleName() + "." + e.getName();
    }

    // ================================================================== scopes

    /** The scope of a context, created on first use, whose parent is the nearest enclosing one. */
    private static Scope scope(ExtensionContext context) {
        Scope existing = existingScope(context);
        if (existing != null) {
            return existing;
        }
        Scope parent = null;
        for (ExtensionContext c = context.getParent().orElse(null); c != null && parent == null;
                c = c.getParent().orElse(null)) {
            parent = existingScope(c);
        }
        Scope outer = parent;
        return context.getStore(STORE).getOrComputeIfAbsent(context.getUniqueId(),
                id -> new Scope(outer, describe(context)), Scope.class);
    }

    private static Scope existingScope(ExtensionContext context) {
        // keyed by the context's own id: a lookup never finds a parent's scope through the store
        return context.getStore(STORE).get(context.getUniqueId(), Scope.class);
    }

    private static String describe(ExtensionContext context) {
        if (context.getTestMethod().isPresent()) {
            Method m = context.getTestMethod().get();
            String display = context.getDisplayName();
            return "test " + m.getDeclaringClass().getSimpleName() + "." + m.getName() + "()"
                    + (display.startsWith(m.getName() + "(") ? "" : " [" + display + "]");
        }
        return context.getTestClass().map(c -> "test class " + c.getName()).orElse(context.getDisplayName());
    }

    // ================================================================== @RunInside

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        runInside(invocation, invocationContext, extensionContext, true);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        runInside(invocation, invocationContext, extensionContext, true);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation,
                                          ReflectiveInvocationContext<Method> invocationContext,
                                          ExtensionContext extensionContext) throws Throwable {
        runInside(invocation, invocationContext, extensionContext, false);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation,
                                         ReflectiveInvocationContext<Method> invocationContext,
                                         ExtensionContext extensionContext) throws Throwable {
        runInside(invocation, invocationContext, extensionContext, false);
    }

    private static <T> T runInside(Invocation<T> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                   ExtensionContext context, boolean testMethod) throws Throwable {
        Method method = invocationContext.getExecutable();
        Optional<RunInside> annotation = AnnotationSupport.findAnnotation(method, RunInside.class);
        if (annotation.isEmpty() && testMethod) {
            // the test class (and its superclasses), then the classes it is @Nested in, innermost first
            List<Class<?>> classes = new ArrayList<>(context.getEnclosingTestClasses());
            classes.add(context.getRequiredTestClass());
            for (int i = classes.size() - 1; i >= 0 && annotation.isEmpty(); i--) {
                annotation = AnnotationSupport.findAnnotation(classes.get(i), RunInside.class);
            }
        }
        if (annotation.isEmpty()) {
            return invocation.proceed();
        }
        NetworkNamespace ns = target(annotation.get().value(), invocationContext, context);
        ThrowingCallable<T, Exception> body = () -> {
            try {
                return invocation.proceed();
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new UndeclaredThrowableException(t);
            }
        };
        return ns.call(body); // what the body threw comes back unchanged
    }

    /** Resolves {@code @RunInside(name)}: parameter name, field name, then hint or topology name. */
    private static NetworkNamespace target(String name, ReflectiveInvocationContext<Method> invocation,
                                           ExtensionContext context) {
        Map<String, NetworkNamespace> candidates = new LinkedHashMap<>();
        Method method = invocation.getExecutable();
        Parameter[] params = method.getParameters();
        List<Object> args = invocation.getArguments();
        boolean namesMissing = false;
        for (int i = 0; i < params.length && i < args.size(); i++) {
            if (params[i].isAnnotationPresent(TempNetns.class) && args.get(i) instanceof NetworkNamespace ns) {
                namesMissing |= !params[i].isNamePresent();
                candidates.putIfAbsent("parameter " + (params[i].isNamePresent() ? params[i].getName() : "#" + i), ns);
                if (params[i].isNamePresent() && params[i].getName().equals(name)) {
                    return ns;
                }
            }
        }
        List<Object> instances = context.getTestInstances().map(t -> t.getAllInstances()).orElse(List.of());
        Map<Field, Object> fields = new LinkedHashMap<>();
        for (Object instance : instances) {
            annotatedFields(instance.getClass(), false).forEach(f -> fields.put(f, instance));
        }
        List<Class<?>> classes = new ArrayList<>(context.getEnclosingTestClasses());
        context.getTestClass().ifPresent(classes::add);
        for (Class<?> c : classes) {
            annotatedFields(c, true).forEach(f -> fields.putIfAbsent(f, null));
        }
        for (Map.Entry<Field, Object> e : fields.entrySet()) {
            Field f = e.getKey();
            Object value;
            try {
                f.setAccessible(true);
                value = f.get(e.getValue());
            } catch (ReflectiveOperationException | RuntimeException ex) {
                continue;
            }
            if (value instanceof NetworkNamespace ns) {
                candidates.putIfAbsent("field " + f.getName(), ns);
                if (f.getName().equals(name)) {
                    return ns;
                }
            }
        }
        Scope scope = existingScope(context);
        if (scope == null) {
            scope = scope(context);
        }
        if (!name.isEmpty()) {
            Optional<NetworkNamespace> named = scope.find(name);
            if (named.isPresent()) {
                return named.get();
            }
            throw new ExtensionConfigurationException("@RunInside(\"" + name + "\") on " + method.getName()
                    + ": no @TempNetns parameter or field and no namespace hint or topology name \"" + name
                    + "\"; known: " + known(candidates, scope) + (namesMissing ? NO_PARAMETER_NAMES : ""));
        }
        Set<NetworkNamespace> distinct = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(candidates.values());
        if (distinct.size() == 1) {
            return distinct.iterator().next();
        }
        throw new ExtensionConfigurationException("@RunInside on " + method.getName() + " names no namespace, and "
                + (distinct.isEmpty() ? "the test has no @TempNetns parameter or field"
                : "the test has " + distinct.size() + " @TempNetns namespaces")
                + ": name one, as in @RunInside(\"name\"); known: " + known(candidates, scope)
                + (namesMissing ? NO_PARAMETER_NAMES : ""));
    }

    /** Appended when a {@code @TempNetns} parameter's name is not in the class file. */
    static final String NO_PARAMETER_NAMES = ". The test's parameter names are not in its class file, so"
            + " @RunInside cannot match a parameter by name: compile the tests with javac -parameters"
            + " (Maven: <maven.compiler.parameters>true</maven.compiler.parameters>; Gradle:"
            + " options.compilerArgs.add(\"-parameters\")), or name the namespace with a hint,"
            + " @TempNetns(\"server\") and @RunInside(\"server\")";

    private static String known(Map<String, NetworkNamespace> candidates, Scope scope) {
        List<String> known = new ArrayList<>(candidates.keySet());
        for (String n : scope.visibleNames()) {
            known.add("\"" + n + "\"");
        }
        return known.isEmpty() ? "none" : String.join(", ", known);
    }
}
