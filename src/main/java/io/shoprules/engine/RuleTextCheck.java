package io.shoprules.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rule files are code that runs inside the service, so before a rule set compiles, its text is
 * checked against what rules may use: the application's fact and decision types, the basics of
 * {@code java.lang}, {@code java.time}, {@code java.math} and {@code java.util}. Everything that
 * reaches outside (processes, threads, reflection, class loading, files, network, JNDI,
 * scripting, the rule engine's own runtime) is refused, whether imported or written fully
 * qualified in a condition, consequence, function or MVEL expression.
 *
 * <p>The check reads tokens, not a grammar: it is deliberately stricter than Java (a comment or a
 * string never hides anything, unicode escapes are decoded first, as the Java compiler does).
 */
@ApplicationScoped
public class RuleTextCheck {

    /** Names that open a door out of the rule engine, in any position. */
    private static final Set<String> FORBIDDEN_NAMES = Set.of(
            // processes and the JVM
            "System", "Runtime", "ProcessBuilder", "Process", "ProcessHandle", "Shutdown", "SecurityManager",
            "exit", "halt", "exec", "getenv", "loadLibrary", "mapLibraryName",
            // threads and executors
            "Thread", "ThreadGroup", "Executors", "ExecutorService", "ForkJoinPool", "CompletableFuture", "Timer",
            // reflection and class loading
            "Class", "ClassLoader", "URLClassLoader", "Method", "Field", "Constructor", "Proxy", "MethodHandle",
            "MethodHandles", "VarHandle", "Unsafe", "Module", "ModuleLayer", "StackWalker", "forName", "getClass",
            "getClassLoader", "classLoader", "getDeclaredMethod", "getDeclaredMethods", "declaredMethods", "getMethod",
            "getMethods", "getDeclaredField", "getDeclaredFields", "declaredFields", "getField", "getFields",
            "getDeclaredConstructor", "getDeclaredConstructors", "getConstructor", "getConstructors", "newInstance",
            "invoke", "invokeExact", "setAccessible", "loadClass", "defineClass", "lookup", "class",
            // files and serialisation
            "File", "Files", "Path", "Paths", "FileSystem", "FileSystems", "FileInputStream", "FileOutputStream",
            "FileReader", "FileWriter", "RandomAccessFile", "FileChannel", "ObjectInputStream", "ObjectOutputStream",
            // network and naming
            "Socket", "ServerSocket", "DatagramSocket", "SocketChannel", "URL", "URLConnection", "HttpURLConnection",
            "HttpClient", "InetAddress", "InitialContext", "InitialDirContext", "Naming", "LocateRegistry",
            // scripting and expression languages
            "ScriptEngine", "ScriptEngineManager", "MVEL", "GroovyShell", "Nashorn", "ELProcessor", "OgnlContext",
            // the rule engine's own runtime, reachable from a consequence
            "kcontext", "getKieRuntime", "getKnowledgeRuntime", "getKieBase", "getKieSession", "getWorkingMemory",
            "getEntryPoint", "getChannels", "getSession", "getKieContainer");

    /** Package roots whose qualified names must be on the allow-list. */
    private static final Set<String> PACKAGE_ROOTS = Set.of(
            "java", "javax", "jakarta", "jdk", "sun", "com", "org", "net", "io", "kotlin", "groovy", "scala");

    private static final List<String> ALLOWED_JAVA = List.of(
            "java.time.", "java.math.", "java.util.",
            "java.lang.String", "java.lang.Math", "java.lang.StrictMath", "java.lang.Integer", "java.lang.Long",
            "java.lang.Short", "java.lang.Byte", "java.lang.Double", "java.lang.Float", "java.lang.Boolean",
            "java.lang.Character", "java.lang.Number", "java.lang.Comparable", "java.lang.CharSequence",
            "java.lang.Enum", "java.lang.Object", "java.lang.StringBuilder", "java.lang.Iterable");

    /** Inside java.util, the parts that reach threads, class loading or files. */
    private static final List<String> FORBIDDEN_JAVA_UTIL = List.of(
            "java.util.concurrent", "java.util.logging", "java.util.jar", "java.util.zip", "java.util.prefs",
            "java.util.spi", "java.util.ServiceLoader", "java.util.ResourceBundle", "java.util.Timer",
            "java.util.Scanner", "java.util.Properties");

    private final List<String> allowedApplicationPrefixes;
    private final Set<String> applicationPackages;

    /** The packages of every registered rule set's facts, plus the engine types rules may use. */
    @Inject
    public RuleTextCheck(Instance<RuleSetDefinition> definitions) {
        this(packagesOf(definitions));
    }

    public RuleTextCheck(Set<String> applicationPackages) {
        this.applicationPackages = Set.copyOf(applicationPackages);
        List<String> prefixes = new ArrayList<>();
        for (String applicationPackage : applicationPackages) {
            prefixes.add(applicationPackage + ".");
        }
        prefixes.add(Now.class.getName());
        prefixes.add(Decision.class.getName());
        // DRL files name their own package; that namespace holds nothing but rules.
        prefixes.add("io.shoprules.rules.");
        this.allowedApplicationPrefixes = List.copyOf(prefixes);
    }

    /** The packages whose fact, decision and helper types rules may use. */
    public Set<String> applicationPackages() {
        return applicationPackages;
    }

    private static Set<String> packagesOf(Instance<RuleSetDefinition> definitions) {
        Set<String> packages = new TreeSet<>();
        definitions.forEach(definition -> packages.add(definition.factType().getPackageName()));
        return packages;
    }

    /** Every forbidden use in {@code text}, with its line and column. */
    public List<RuleFileError> check(String file, String text) {
        List<RuleFileError> errors = new ArrayList<>();
        String code = decodeUnicodeEscapes(text);
        Scanner scanner = new Scanner(code);
        Scanner.Name name;
        while ((name = scanner.nextName()) != null) {
            String problem = problemWith(name.text());
            if (problem != null) {
                errors.add(new RuleFileError(file, name.line(), name.column(), problem));
            }
        }
        return errors;
    }

    private String problemWith(String qualifiedName) {
        String[] parts = qualifiedName.split("\\.");
        for (String part : parts) {
            if (FORBIDDEN_NAMES.contains(part)) {
                return "forbidden in rule files: " + part + " (in " + qualifiedName + ")";
            }
        }
        if (parts.length > 1 && PACKAGE_ROOTS.contains(parts[0]) && !allowed(qualifiedName)) {
            return "forbidden in rule files: " + qualifiedName
                    + " (rules may use the application's facts and decisions, java.lang basics, java.time, java.math and java.util)";
        }
        return null;
    }

    private boolean allowed(String qualifiedName) {
        if (qualifiedName.startsWith("java.util.")) {
            return FORBIDDEN_JAVA_UTIL.stream().noneMatch(qualifiedName::startsWith);
        }
        return ALLOWED_JAVA.stream().anyMatch(prefix -> startsWithName(qualifiedName, prefix))
                || allowedApplicationPrefixes.stream().anyMatch(prefix -> startsWithName(qualifiedName, prefix));
    }

    /** {@code java.lang.String} allows {@code java.lang.String.valueOf}, not {@code java.lang.StringX}. */
    private static boolean startsWithName(String qualifiedName, String prefix) {
        return qualifiedName.startsWith(prefix)
                && (prefix.endsWith(".") || qualifiedName.length() == prefix.length()
                || qualifiedName.charAt(prefix.length()) == '.');
    }

    /** Java turns backslash-u escapes into characters before anything else, comments included. */
    static String decodeUnicodeEscapes(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'u') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) == 'u') {
                    j++;
                }
                if (j + 4 <= text.length() && isHex(text, j, j + 4)) {
                    out.append((char) Integer.parseInt(text.substring(j, j + 4), 16));
                    i = j + 4;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean isHex(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            if (Character.digit(text.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads dotted names ({@code java . io . File} too) from code, skipping comments and the
     * insides of string literals, and remembers where each name starts.
     */
    private static final class Scanner {
        record Name(String text, int line, int column) {
        }

        private final String code;
        private int at;
        private int line = 1;
        private int lineStart;

        Scanner(String code) {
            this.code = code;
        }

        Name nextName() {
            while (at < code.length()) {
                char c = code.charAt(at);
                if (c == '\n') {
                    newLine();
                } else if (c == '/' && peek(1) == '/') {
                    skipTo("\n", false);
                } else if (c == '/' && peek(1) == '*') {
                    at += 2;
                    skipTo("*/", true);
                } else if (c == '"' || c == '\'') {
                    skipString(c);
                } else if (Character.isJavaIdentifierStart(c)) {
                    return readName();
                } else {
                    at++;
                }
            }
            return null;
        }

        private Name readName() {
            int startLine = line;
            int startColumn = at - lineStart + 1;
            StringBuilder name = new StringBuilder();
            while (true) {
                int start = at;
                while (at < code.length() && Character.isJavaIdentifierPart(code.charAt(at))) {
                    at++;
                }
                name.append(code, start, at);
                int afterName = at;
                skipBlanks();
                if (at < code.length() && code.charAt(at) == '.') {
                    at++;
                    skipBlanks();
                    if (at < code.length() && Character.isJavaIdentifierStart(code.charAt(at))) {
                        name.append('.');
                        continue;
                    }
                    return new Name(name.toString(), startLine, startColumn);
                }
                at = Math.max(afterName, at);
                return new Name(name.toString(), startLine, startColumn);
            }
        }

        private void skipBlanks() {
            while (at < code.length() && Character.isWhitespace(code.charAt(at))) {
                if (code.charAt(at) == '\n') {
                    newLine();
                } else {
                    at++;
                }
            }
        }

        private void skipString(char quote) {
            boolean textBlock = quote == '"' && peek(1) == '"' && peek(2) == '"';
            at += textBlock ? 3 : 1;
            while (at < code.length()) {
                char c = code.charAt(at);
                if (c == '\\') {
                    at += 2;
                } else if (textBlock && c == '"' && peek(1) == '"' && peek(2) == '"') {
                    at += 3;
                    return;
                } else if (!textBlock && c == quote) {
                    at++;
                    return;
                } else if (c == '\n') {
                    newLine();
                    if (!textBlock) {
                        return;
                    }
                } else {
                    at++;
                }
            }
        }

        private void skipTo(String end, boolean consume) {
            while (at < code.length() && !code.startsWith(end, at)) {
                if (code.charAt(at) == '\n') {
                    newLine();
                } else {
                    at++;
                }
            }
            if (consume && at < code.length()) {
                at += end.length();
            }
        }

        private void newLine() {
            at++;
            line++;
            lineStart = at;
        }

        private char peek(int ahead) {
            return at + ahead < code.length() ? code.charAt(at + ahead) : 0;
        }
    }
}
