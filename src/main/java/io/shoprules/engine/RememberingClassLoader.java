package io.shoprules.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The application's class loader as the rule compiler sees it: the same classes, with every class
 * name and class file it has asked for remembered, found or not.
 *
 * <p>Drools resolves each type a rule names by trying it against every import ({@code java.lang.X},
 * each imported package's {@code X}, ...), so most of its look-ups miss, and the compiler reads the
 * class files of what it finds. Once the service has started, Quarkus' class loader keeps only a few
 * jars open and answers a look-up in any other by opening and indexing that jar again: in a JFR
 * profile of a start from nothing, two thirds of the rule-set loaders' samples were jars being
 * reopened. The application's jars do not change while it runs, so an answer once given holds.
 */
final class RememberingClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final ConcurrentMap<String, Class<?>> found = new ConcurrentHashMap<>();
    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, Optional<URL>> resources = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Optional<byte[]>> classFiles = new ConcurrentHashMap<>();

    RememberingClassLoader(ClassLoader application) {
        super(application);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        Class<?> known = found.get(name);
        if (known != null) {
            return known;
        }
        if (name.indexOf('.') < 0 || missing.contains(name)) {
            // a name without a package is Drools trying a field or a variable as a type: no class of the
            // application or its libraries is in the unnamed package, and asking Quarkus' class loader
            // opens every jar with a file at its root
            throw new ClassNotFoundException(name);
        }
        try {
            Class<?> loaded = getParent().loadClass(name);
            found.put(name, loaded);
            return loaded;
        } catch (ClassNotFoundException e) {
            missing.add(name);
            throw e;
        }
    }

    @Override
    public URL getResource(String name) {
        // no computeIfAbsent: the look-up may open a jar, and no other look-up should wait for it
        Optional<URL> known = resources.get(name);
        if (known == null) {
            known = Optional.ofNullable(getParent().getResource(name));
            resources.put(name, known);
        }
        return known.orElse(null);
    }

    /** Class files are kept as bytes: reading one through its URL would open its jar again. */
    @Override
    public InputStream getResourceAsStream(String name) {
        if (!name.endsWith(".class")) {
            return getParent().getResourceAsStream(name);
        }
        Optional<byte[]> known = classFiles.get(name);
        if (known == null) {
            known = read(name);
            classFiles.put(name, known);
        }
        return known.map(ByteArrayInputStream::new).orElse(null);
    }

    private Optional<byte[]> read(String name) {
        try (InputStream in = getParent().getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
