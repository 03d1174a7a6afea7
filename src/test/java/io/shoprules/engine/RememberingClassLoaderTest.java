package io.shoprules.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The rule compiler's view of the application's classes asks the application's class loader about
 * each name once, whether it is found or not, and gives the same answers.
 */
class RememberingClassLoaderTest {

    /** The application's class loader, counting what it is asked. */
    private static final class Application extends ClassLoader {
        final List<String> asked = new ArrayList<>();

        Application() {
            super(RememberingClassLoaderTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add("class " + name);
            return getParent().loadClass(name);
        }

        @Override
        public URL getResource(String name) {
            asked.add("resource " + name);
            return getParent().getResource(name);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            asked.add("stream " + name);
            return getParent().getResourceAsStream(name);
        }
    }

    private final Application application = new Application();
    private final RememberingClassLoader remembering = new RememberingClassLoader(application);

    @Test
    void aClassFoundOrNotIsAskedForOnce() throws ClassNotFoundException {
        assertSame(Now.class, remembering.loadClass(Now.class.getName()));
        assertSame(Now.class, remembering.loadClass(Now.class.getName()));
        assertThrows(ClassNotFoundException.class, () -> remembering.loadClass("io.shoprules.engine.Nowhere"));
        assertThrows(ClassNotFoundException.class, () -> remembering.loadClass("io.shoprules.engine.Nowhere"));

        assertEquals(List.of("class " + Now.class.getName(), "class io.shoprules.engine.Nowhere"), application.asked);
    }

    @Test
    void aNameWithoutAPackageIsNeverAskedFor() {
        assertThrows(ClassNotFoundException.class, () -> remembering.loadClass("policy"));

        assertEquals(List.of(), application.asked);
    }

    @Test
    void aClassFileIsReadOnceAndServedWithTheSameBytes() throws IOException {
        String file = Now.class.getName().replace('.', '/') + ".class";
        byte[] first;
        try (InputStream in = remembering.getResourceAsStream(file)) {
            first = in.readAllBytes();
        }
        byte[] second;
        try (InputStream in = remembering.getResourceAsStream(file)) {
            second = in.readAllBytes();
        }
        byte[] original;
        try (InputStream in = RememberingClassLoaderTest.class.getClassLoader().getResourceAsStream(file)) {
            original = in.readAllBytes();
        }
        assertArrayEquals(original, first);
        assertArrayEquals(original, second);
        assertNull(remembering.getResourceAsStream("io/shoprules/engine/Nowhere.class"));
        assertNull(remembering.getResourceAsStream("io/shoprules/engine/Nowhere.class"));
        assertNotNull(remembering.getResource(file));
        assertNotNull(remembering.getResource(file));

        assertEquals(List.of("stream " + file, "stream io/shoprules/engine/Nowhere.class", "resource " + file),
                application.asked);
    }
}
