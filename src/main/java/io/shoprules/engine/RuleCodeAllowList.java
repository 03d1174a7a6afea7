package io.shoprules.engine;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Set;

/**
 * What the code compiled from a rule set may use, named the way the JVM names it (internal names,
 * {@code java/lang/String}). Checked member by member on the generated classes, so that no way of
 * spelling a name in DRL (comments inside a qualified name, unicode escapes, MVEL property paths)
 * changes what is reached.
 *
 * <p>Rules may use: the application's fact and decision types (never its beans), the engine's
 * {@link Now} and {@link Decision}; the basics of {@code java.lang}; {@code java.math},
 * {@code java.time} and most of {@code java.util}; and the part of Drools' executable model that
 * the generated code calls to describe the rules. Everything that reaches outside the evaluation
 * (processes, threads, reflection, class loading, files, network, JNDI, scripting, system
 * properties, the JVM's global defaults, the engine's runtime) is not on the list.
 */
final class RuleCodeAllowList {

    /** Types of {@code java.lang} that rules use for values, text, arithmetic and errors. */
    private static final Set<String> JAVA_LANG = Set.of(
            "Object", "String", "StringBuilder", "CharSequence", "Comparable", "Iterable", "Enum", "Record", "Void",
            "Number", "Integer", "Long", "Short", "Byte", "Double", "Float", "Boolean", "Character", "Math", "StrictMath",
            "Throwable", "Exception", "RuntimeException", "IllegalArgumentException", "IllegalStateException",
            "ArithmeticException", "NullPointerException", "UnsupportedOperationException",
            "IndexOutOfBoundsException", "NumberFormatException", "AssertionError");

    /** Packages whose every type rules may use, apart from {@link #FORBIDDEN_TYPES}. */
    private static final List<String> OPEN_PACKAGES = List.of(
            "java/math/", "java/time/", "java/util/",
            // Drools' executable model: the DSL the generated code builds the rules with, and its evaluation helpers
            "org/drools/model/", "org/drools/modelcompiler/dsl/", "org/drools/core/base/accumulators/");

    /** Inside the open packages, the parts that reach threads, files, class loading or the JVM's defaults. */
    private static final List<String> FORBIDDEN_TYPES = List.of(
            "java/util/concurrent/", "java/util/logging/", "java/util/jar/", "java/util/zip/", "java/util/prefs/",
            "java/util/spi/", "java/util/ServiceLoader", "java/util/ResourceBundle", "java/util/PropertyResourceBundle",
            "java/util/ListResourceBundle", "java/util/Timer", "java/util/TimerTask", "java/util/Scanner",
            "java/util/Properties", "java/util/Formatter", "java/util/random/RandomGeneratorFactory",
            "java/time/zone/ZoneRulesProvider",
            // a regular expression can backtrack for hours on a short text, inside the JDK where no budget check reaches
            "java/util/regex/");

    /** Single members allowed on types that are otherwise off the list. */
    private static final Set<String> SINGLE_MEMBERS = Set.of(
            "java/lang/System.arraycopy", "java/lang/System.identityHashCode",
            "org/drools/modelcompiler/util/EvaluationUtil.*",
            "org/drools/util/DateUtils.getDateFormatMask",
            "org/kie/api/runtime/conf/ClockTypeOption.get");

    /**
     * Members refused whatever type declares them: reflection's way in ({@code getClass}), blocking
     * a thread, reading system properties, writing to the console, and the rule engine's runtime
     * behind a consequence's {@code drools}.
     */
    private static final Set<String> FORBIDDEN_MEMBERS = Set.of(
            "getClass", "wait", "notify", "notifyAll", "printStackTrace", "getRuntime", "getContext",
            "java/lang/Integer.getInteger", "java/lang/Long.getLong", "java/lang/Boolean.getBoolean",
            "java/util/Locale.setDefault", "java/util/TimeZone.setDefault",
            "java/lang/String.matches", "java/lang/String.replaceAll", "java/lang/String.replaceFirst",
            "java/lang/String.split",
            // JDK loops that run without calling back into the rule set's code, where the budget check is:
            // endless or near-endless streams and arbitrary-precision powers
            "java/util/stream/Stream.iterate", "java/util/stream/Stream.generate",
            "java/util/stream/IntStream.iterate", "java/util/stream/IntStream.generate",
            "java/util/stream/LongStream.iterate", "java/util/stream/LongStream.generate",
            "java/util/stream/LongStream.range", "java/util/stream/LongStream.rangeClosed",
            "java/util/stream/DoubleStream.iterate", "java/util/stream/DoubleStream.generate",
            "java/util/Random.ints", "java/util/Random.longs", "java/util/Random.doubles",
            "java/math/BigInteger.pow", "java/math/BigDecimal.pow");

    /** Marker interfaces Drools gives the types a rule file declares. */
    private static final Set<String> DECLARED_TYPE_INTERFACES = Set.of(
            "org/drools/base/factmodel/GeneratedFact", "org/drools/base/factmodel/AccessibleFact");

    /**
     * Method references compile to a handle on the referenced method, which then runs without a
     * budget check of its own; only the rule set's own methods (lambda bodies) and Drools' model
     * may be referenced.
     */
    private static final List<String> REFERENCEABLE = List.of("org/drools/");

    /** Bootstrap methods javac uses for lambdas, string concatenation and records. */
    private static final Set<String> BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory.metafactory", "java/lang/invoke/LambdaMetafactory.altMetafactory",
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
            "java/lang/invoke/StringConcatFactory.makeConcat", "java/lang/runtime/ObjectMethods.bootstrap");

    /** Annotations that make an application class a bean, a resource or an entity: not for rules. */
    private static final List<String> SERVICE_ANNOTATION_PACKAGES = List.of(
            "jakarta.enterprise.", "jakarta.inject.", "jakarta.ws.rs.", "jakarta.persistence.", "io.quarkus.");

    private final List<String> applicationPackages;
    private final Set<String> applicationTypes;
    private final ClassLoader applicationClasses;

    /**
     * @param applicationPackages packages (dotted) whose fact, decision and helper types rules may use
     * @param applicationClasses  the loader that knows them (classes are inspected, never initialised)
     */
    RuleCodeAllowList(Set<String> applicationPackages, ClassLoader applicationClasses) {
        this.applicationPackages = applicationPackages.stream().map(p -> p.replace('.', '/') + "/").toList();
        this.applicationTypes = Set.of(internalName(Now.class), internalName(Decision.class));
        this.applicationClasses = applicationClasses;
    }

    /** True when a member of {@code owner} named {@code name} may be used (called, read, written). */
    boolean allowsMember(String owner, String name) {
        if (FORBIDDEN_MEMBERS.contains(name) || FORBIDDEN_MEMBERS.contains(owner + "." + name)) {
            return false;
        }
        if (owner.startsWith("[")) {
            return name.equals("clone");
        }
        return allowsType(owner) || SINGLE_MEMBERS.contains(owner + "." + name) || SINGLE_MEMBERS.contains(owner + ".*");
    }

    /** True for the members refused on every type, the rule set's own classes included ({@code getClass}). */
    boolean forbidsEverywhere(String name) {
        return FORBIDDEN_MEMBERS.contains(name);
    }

    /** True when instances of {@code type} may be made, or it may be extended or implemented. */
    boolean allowsType(String type) {
        if (FORBIDDEN_TYPES.stream().anyMatch(type::startsWith)) {
            return false;
        }
        if (type.startsWith("java/lang/") && type.indexOf('/', "java/lang/".length()) < 0) {
            return JAVA_LANG.contains(type.substring("java/lang/".length()).split("\\$")[0]);
        }
        if (type.equals("java/io/Serializable") || DECLARED_TYPE_INTERFACES.contains(type) || OPEN_PACKAGES.stream().anyMatch(type::startsWith)) {
            return true;
        }
        if (applicationTypes.contains(type)) {
            return true;
        }
        return applicationPackages.stream().anyMatch(type::startsWith) && isPlainApplicationType(type);
    }

    /** True when a method handle (a method reference) to a member of {@code owner} may be made. */
    boolean allowsHandle(String owner, String name) {
        return REFERENCEABLE.stream().anyMatch(owner::startsWith) && allowsMember(owner, name);
    }

    boolean allowsBootstrap(String owner, String name) {
        return BOOTSTRAPS.contains(owner + "." + name);
    }

    /** Facts, decisions, enums and helpers: anything of the application that is not a bean, resource or entity. */
    private boolean isPlainApplicationType(String type) {
        Class<?> loaded;
        try {
            loaded = Class.forName(type.replace('/', '.'), false, applicationClasses);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        for (Class<?> c = loaded; c != null; c = c.getEnclosingClass()) {
            for (Annotation annotation : c.getAnnotations()) {
                String name = annotation.annotationType().getName();
                if (SERVICE_ANNOTATION_PACKAGES.stream().anyMatch(name::startsWith)) {
                    return false;
                }
            }
        }
        return true;
    }

    static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }
}
