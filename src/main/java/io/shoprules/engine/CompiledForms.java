package io.shoprules.engine;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Compiled forms of rule-set versions that passed their checks, kept on disk so that a restart
 * with unchanged files need not compile them again: compiling is most of a start-up.
 *
 * <p>A form is the executable model's module as the compiler produced it, before the time budget
 * is added: whoever loads it checks its classes against the allow-list and budgets them again, so
 * a form changed on disk can do no more than a rule file could. Its key covers everything that
 * shapes the generated code: the rule set's files and scenarios, the Drools version and the
 * application's own classes (rules call them, so a changed record must not meet old code). A form
 * whose content no longer matches the digest written beside it is ignored and rebuilt.
 */
public final class CompiledForms {

    private static final Logger LOG = Logger.getLogger(CompiledForms.class);
    private static final String FORM = ".kjar";
    private static final String DIGEST = ".sha256";
    /** Forms kept per rule set, newest first: the versions a rollback most likely returns to. */
    private static final int KEPT_PER_RULE_SET = 5;

    private final Path dir;
    private final String engineFingerprint;

    private CompiledForms(Path dir, String engineFingerprint) {
        this.dir = dir;
        this.engineFingerprint = engineFingerprint;
    }

    /** No cache: every version is compiled. */
    public static CompiledForms none() {
        return new CompiledForms(null, null);
    }

    /**
     * A cache under {@code dir}, or none when the application's code cannot be fingerprinted (a
     * form could then outlive the code it was compiled against).
     */
    public static CompiledForms in(Path dir) {
        Optional<String> fingerprint = engineFingerprint();
        if (fingerprint.isEmpty()) {
            LOG.warn("compiled rule sets are not cached: the application's code could not be fingerprinted");
            return none();
        }
        return new CompiledForms(dir, fingerprint.get());
    }

    public boolean enabled() {
        return dir != null;
    }

    /** The key of a rule set's version checked against the given scenarios, with this engine. */
    public String keyOf(RuleSetSource rules, String scenariosVersion) {
        return Sha256.hexOf(rules.name() + "\n" + rules.version() + "\n" + scenariosVersion + "\n" + engineFingerprint)
                .substring(0, 32);
    }

    /** The form stored under {@code key}, when there is one and it is intact. */
    public Optional<byte[]> read(String ruleSet, String key) {
        if (!enabled()) {
            return Optional.empty();
        }
        Path form = dir.resolve(ruleSet).resolve(key + FORM);
        Path digest = dir.resolve(ruleSet).resolve(key + DIGEST);
        if (!Files.isRegularFile(form) || !Files.isRegularFile(digest)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(form);
            String expected = Files.readString(digest, StandardCharsets.US_ASCII).trim();
            if (!expected.equals(Sha256.hexOf(bytes))) {
                LOG.warnf("rule set %s: the compiled form %s is damaged; compiling instead", ruleSet, form);
                return Optional.empty();
            }
            return Optional.of(bytes);
        } catch (IOException e) {
            LOG.warnf("rule set %s: the compiled form %s cannot be read (%s); compiling instead", ruleSet, form, e);
            return Optional.empty();
        }
    }

    /** Stores a form; a cache that cannot be written costs the next start-up time, nothing else. */
    public void write(String ruleSet, String key, byte[] form) {
        if (!enabled()) {
            return;
        }
        Path folder = dir.resolve(ruleSet);
        try {
            Files.createDirectories(folder);
            // the digest goes last: a form without its digest is never read
            writeAtomically(folder.resolve(key + FORM), form);
            writeAtomically(folder.resolve(key + DIGEST), Sha256.hexOf(form).getBytes(StandardCharsets.US_ASCII));
            forgetOld(folder);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("rule set %s: the compiled form could not be kept in %s: %s", ruleSet, folder, e);
        }
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), ".writing-", ".tmp");
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void forgetOld(Path folder) throws IOException {
        List<Path> forms;
        try (Stream<Path> files = Files.list(folder)) {
            forms = files.filter(path -> path.getFileName().toString().endsWith(FORM))
                    .sorted(Comparator.comparing(CompiledForms::modified).reversed())
                    .toList();
        }
        for (Path old : forms.subList(Math.min(KEPT_PER_RULE_SET, forms.size()), forms.size())) {
            String name = old.getFileName().toString();
            Files.deleteIfExists(old.resolveSibling(name.substring(0, name.length() - FORM.length()) + DIGEST));
            Files.deleteIfExists(old);
        }
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Drools' version and a digest of the application's code: the jar it runs from, or every
     * file of the classes folder it runs from in development and tests.
     */
    static Optional<String> engineFingerprint() {
        try {
            CodeSource codeSource = CompiledForms.class.getProtectionDomain().getCodeSource();
            if (codeSource == null || codeSource.getLocation() == null) {
                return Optional.empty();
            }
            Path location = Path.of(codeSource.getLocation().toURI());
            MessageDigest digest = Sha256.newDigest();
            digest.update(droolsVersion().getBytes(StandardCharsets.UTF_8));
            if (Files.isRegularFile(location)) {
                digestFile(digest, location);
            } else if (Files.isDirectory(location)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(location)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    digest.update(location.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                    digestFile(digest, file);
                }
            } else {
                return Optional.empty();
            }
            return Optional.of(HexFormat.of().formatHex(digest.digest()));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            LOG.debugf(e, "the application's code could not be fingerprinted");
            return Optional.empty();
        }
    }

    private static void digestFile(MessageDigest digest, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
    }

    /** Where Drools' model compiler comes from: its jar's name carries the version. */
    private static String droolsVersion() {
        CodeSource drools = org.drools.modelcompiler.CanonicalKieModule.class.getProtectionDomain().getCodeSource();
        return drools == null || drools.getLocation() == null ? "drools" : drools.getLocation().toString();
    }
}
