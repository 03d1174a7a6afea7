package io.shoprules.engine;

import org.drools.base.util.Drools;
import org.drools.model.Declaration;
import org.drools.model.impl.ModelImpl;
import org.drools.modelcompiler.CanonicalKieModule;
import org.jboss.logging.Logger;
import org.kie.api.KieServices;
import org.kie.api.builder.KieModule;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.drools.model.DSL.declarationOf;
import static org.drools.model.DSL.on;
import static org.drools.model.PatternDSL.pattern;
import static org.drools.model.PatternDSL.rule;

/**
 * Drools' own set-up, done as the JVM starts on a thread of its own. The first rule set a start
 * serves paid it: Drools' services, the module descriptor (XStream and a schema), the executable
 * model's rule base and its network, a session; about 1.0 s of thread CPU with the classes loaded
 * from jars, about 0.6 s of the start with a trained class-data archive, while a second rule set
 * took 0.1 s. The warm-up pays it for a module of its own (one rule written with the executable
 * model's Java DSL, nothing compiled) while Quarkus starts on the main thread, so the first rule set
 * loads as fast as the others. It serves nothing and leaves nothing behind in Drools' repository;
 * a warm-up that fails changes nothing but the time the first load takes.
 */
public final class EngineWarmUp {

    private static final Logger LOG = Logger.getLogger(EngineWarmUp.class);
    private static final String GROUP = "io.shoprules.warmup";
    private static final String ARTIFACT = "warm-up";

    private EngineWarmUp() {
    }

    /**
     * Starts the warm-up on a daemon thread and returns at once.
     *
     * <p>Drools' network classes ({@code SegmentMemory}, {@code BetaNode}, {@code PathMemory},
     * {@code RightInputAdapterNode}) read once, as they are loaded, whether their logger traces, and
     * then build every trace message's text, rule names and all, before the logger drops it. The
     * warm-up loads them before Quarkus has set up logging, while every level is still let through
     * (Quarkus keeps the early messages until it knows which to keep): so Drools' loggers are held at
     * INFO while the warm-up runs. Without this a one-SKU decision allocated 4.4 KB of such text
     * (async-profiler, event=alloc).
     */
    public static void startInBackground() {
        java.util.logging.Logger drools = java.util.logging.Logger.getLogger("org.drools");
        Level configured = drools.getLevel();
        if (configured == null) {
            drools.setLevel(Level.INFO);
        }
        Thread warmUp = new Thread(() -> {
            long started = System.nanoTime();
            try {
                int fired = run();
                LOG.debugf("Drools warmed up in %d ms (%d rule fired)", (System.nanoTime() - started) / 1_000_000, fired);
            } catch (RuntimeException | LinkageError e) {
                // the first rule set then pays the set-up itself, as it did before
                LOG.debugf(e, "the Drools warm-up failed; the first rule set loaded sets Drools up instead");
            } finally {
                if (configured == null && drools.getLevel() == Level.INFO) {
                    // back to what the logging configuration says, unless it has set a level of its own
                    drools.setLevel(null);
                }
            }
        }, "engine-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * Goes the way {@link RuleSetCompiler#load} goes with a kept form, with a module of the warm-up's
     * own: read it into memory, register it, open a container and its rule base, and fire its rule
     * once in a pooled session.
     *
     * @return the rules fired (1)
     */
    static int run() {
        KieServices kie = KieServices.Factory.get();
        return run(kie, kie.newReleaseId(GROUP, ARTIFACT, "1.0.0-" + System.nanoTime()));
    }

    static int run(KieServices kie, ReleaseId releaseId) {
        KieModule loaded = ModuleForms.register(kie, ModuleForms.read(moduleOf(kie, releaseId)));
        try {
            KieContainer container = kie.newKieContainer(loaded.getReleaseId(), RuleSetCompiler.applicationClassLoader());
            container.getKieBase();
            KieSessionsPool pool = container.newKieSessionsPool(1);
            KieSession session = pool.newKieSession();
            try {
                session.insert("warm-up");
                session.insert(1);
                return session.fireAllRules();
            } finally {
                session.dispose();
                pool.shutdown();
            }
        } finally {
            kie.getRepository().removeKieModule(loaded.getReleaseId());
        }
    }

    /** A module of the executable model whose rules are {@link WarmUpRules}: a descriptor, a pom and the model's name. */
    private static byte[] moduleOf(KieServices kie, ReleaseId releaseId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream jar = new ZipOutputStream(bytes)) {
            put(jar, "META-INF/kmodule.xml", kie.newKieModuleModel().toXML());
            put(jar, "META-INF/maven/" + GROUP + "/" + ARTIFACT + "/pom.properties", "groupId=" + GROUP + "\nartifactId="
                    + ARTIFACT + "\nversion=" + releaseId.getVersion() + "\n");
            put(jar, CanonicalKieModule.getModelFileWithGAV(releaseId),
                    CanonicalKieModule.MODEL_VERSION + Drools.getFullVersion() + "\n" + WarmUpRules.class.getName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream jar, String name, String text) throws IOException {
        jar.putNextEntry(new ZipEntry(name));
        jar.write(text.getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
    }

    /** The warm-up's one rule: a word of more than two letters and a positive number. */
    public static final class WarmUpRules extends ModelImpl {

        public WarmUpRules() {
            Declaration<String> word = declarationOf(String.class);
            Declaration<Integer> number = declarationOf(Integer.class);
            addRule(rule(GROUP, "warm-up: a word and a positive number").build(
                    pattern(word).expr("longer than two letters", text -> text.length() > 2),
                    pattern(number).expr("positive", value -> value > 0),
                    on(word, number).execute((text, value) -> {
                    })));
        }
    }
}
