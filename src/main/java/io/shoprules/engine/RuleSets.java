package io.shoprules.engine;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.shoprules.errors.ConflictException;
import io.shoprules.errors.InvalidInputException;
import io.shoprules.errors.NotFoundException;
import io.shoprules.errors.RuleSetUnavailableException;
import io.shoprules.errors.UnknownRuleSetException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The rule sets the service serves. Each folder under the rules directory is one rule set; an
 * edit is compiled and run against the rule set's scenarios, and only a version that passes both
 * replaces the serving one, in a single reference swap. Requests read that reference once, so they
 * never see half of a swap; a broken edit leaves the last good version serving and is reported.
 */
@ApplicationScoped
public class RuleSets {

    private static final Logger LOG = Logger.getLogger(RuleSets.class);
    /** The author of an edit found on disk: the files say nothing of who wrote them. */
    public static final String FILES_AUTHOR = "files";

    private final RuleSetCompiler compiler;
    private final ScenarioRunner scenarioRunner;
    private final Path rulesDir;
    private final Path scenariosDir;
    private final Clock clock;
    private final java.time.Duration maxCheckTime;
    private final Map<String, RuleSetDefinition> definitions = new HashMap<>();

    private final ConcurrentMap<String, Active> active = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, RuleSetStatus.Rejection> rejected = new ConcurrentHashMap<>();
    /** The files (rules and scenarios) last checked per rule set; each entry guarded by its rule set's lock. */
    private final ConcurrentMap<String, String> lastChecked = new ConcurrentHashMap<>();
    /** What the folders looked like when their files were last read, per rule set; guarded like lastChecked. */
    private final ConcurrentMap<String, Seen> lastSeen = new ConcurrentHashMap<>();
    /**
     * One lock per rule set: a check is bounded by the evaluation limits, and a slow one holds up
     * only the reloads of its own rule set.
     */
    private final ConcurrentMap<String, ReentrantLock> reloadLocks = new ConcurrentHashMap<>();
    /** Rule sets being checked now, and since when (health shows a check that does not end). */
    private final ConcurrentMap<String, Instant> checking = new ConcurrentHashMap<>();

    private final Event<RuleSetActivated> activations;
    private final CompiledForms forms;
    private volatile boolean startedUp;
    /**
     * Set as the service stops: a first load still under way takes no further rule set, and what
     * the database can no longer take (it closes after this) is expected, not an error.
     */
    private volatile boolean stopping;
    /** The first load while it runs: a request for a rule set still waiting in it moves that one ahead. */
    private volatile FirstLoad firstLoad;
    private final boolean loadInBackground;
    /** What waits for the first load to end (the job scheduler); guarded by itself. */
    private final List<Runnable> afterStartUp = new ArrayList<>();
    /** Re-runs the scenarios of versions served from their compiled form at start-up. */
    private final ExecutorService scenarioRechecks = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scenario-recheck");
        // beside the traffic, as CompileThreads are
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.setDaemon(true);
        return thread;
    });
    /** Features that run other versions beside the serving one (experiments); none by default. */
    private final Instance<TrafficSplit> splits;
    /** The beans of {@link #splits}, resolved on first use: looking them up per evaluation costs more than a rule. */
    private volatile List<TrafficSplit> splitters;
    /** Features' checks of the data files a rule set may hold. */
    private final List<RuleSetFileCheck> fileChecks = new ArrayList<>();

    public RuleSets(RuleSetCompiler compiler, ScenarioRunner scenarioRunner, EngineConfig config,
                    Instance<RuleSetDefinition> definitions, Clock clock, Event<RuleSetActivated> activations,
                    Instance<TrafficSplit> splits, Instance<RuleSetFileCheck> fileChecks) {
        this.compiler = compiler;
        fileChecks.forEach(this.fileChecks::add);
        this.splits = splits;
        this.activations = activations;
        this.scenarioRunner = scenarioRunner;
        this.rulesDir = config.rules().dir();
        this.scenariosDir = config.scenarios().dir();
        this.clock = clock;
        this.maxCheckTime = config.rules().maxCheckTime();
        this.forms = config.rules().compiledCache().map(CompiledForms::in).orElse(CompiledForms.none());
        this.loadInBackground = config.rules().loadInBackground();
        definitions.forEach(definition -> this.definitions.put(definition.name(), definition));
    }

    /**
     * Starts the first load before any other start-up observer: the rule sets are most of a start,
     * and with {@code load-in-background} they load while the rest of the start-up (experiments,
     * heartbeats, the HTTP server) goes on, each serving as soon as it is loaded.
     */
    void loadAtStartup(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        LOG.infof("loading rule sets from %s (scenarios from %s)%s", rulesDir.toAbsolutePath(), scenariosDir.toAbsolutePath(),
                loadInBackground ? " beside the rest of the start-up" : "");
        if (!loadInBackground) {
            firstLoad();
            return;
        }
        Thread loader = new Thread(this::firstLoad, "rule-sets-first-load");
        loader.setDaemon(true);
        loader.start();
    }

    private void firstLoad() {
        long started = System.nanoTime();
        try {
            List<ReloadOutcome> outcomes = startUp();
            LOG.infof("rule sets loaded in %d ms: %s", (System.nanoTime() - started) / 1_000_000,
                    outcomes.stream().map(outcome -> outcome.ruleSet() + " " + outcome.result()).toList());
        } catch (RuntimeException e) {
            if (stopping) {
                LOG.infof("the service stopped during the first load of the rule sets (%s); the next start loads them", e);
                return;
            }
            if (!loadInBackground) {
                throw e;
            }
            // nothing waits on this thread to fail the start: those not serving answer 503 and the watcher retries
            LOG.error("the first load of the rule sets failed; the rule folders are read again by the watcher", e);
        } finally {
            List<Runnable> waiting;
            synchronized (afterStartUp) {
                startedUp = true;
                waiting = List.copyOf(afterStartUp);
                afterStartUp.clear();
            }
            runWaiting(waiting);
        }
    }

    /**
     * Runs {@code task} once the first load has ended: on the loading thread right after it, or,
     * when it has ended, on a thread of its own with {@code load-in-background} (the start-up does
     * not wait for it: starting the job scheduler took 0.13 s of a start's main thread) and on this
     * thread without. A failure off this thread is logged, as nobody waits to be told.
     */
    public void afterStartUp(Runnable task) {
        synchronized (afterStartUp) {
            if (!startedUp) {
                afterStartUp.add(task);
                return;
            }
        }
        if (!loadInBackground) {
            task.run();
            return;
        }
        Thread runner = new Thread(() -> runWaiting(List.of(task)), "after-first-load");
        runner.setDaemon(true);
        runner.start();
    }

    private void runWaiting(List<Runnable> tasks) {
        for (Runnable task : tasks) {
            if (stopping) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("a task waiting for the first load of the rule sets failed", e);
            }
        }
    }

    /** Whether the first load has ended (the watcher waits for it). */
    public boolean startedUp() {
        return startedUp;
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        synchronized (afterStartUp) {
            // a service stopping during its first load starts nothing more after it
            afterStartUp.clear();
        }
        scenarioRechecks.shutdownNow();
    }

    /**
     * The first load: a rule set whose compiled form is kept serves from it, the others compile side
     * by side (one per core) rather than one after the other. The kept forms go first, so none waits
     * behind a compile, and a rule set a request asks for before it serves goes ahead of the rest, on
     * a loader of its own when the others are busy ({@link FirstLoadQueue}).
     */
    List<ReloadOutcome> startUp() {
        List<String> names = folderNames();
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, KeptForm> kept = new HashMap<>();
        for (String name : names) {
            keptForm(name).ifPresent(form -> kept.put(name, form));
        }
        FirstLoad load = new FirstLoad(new FirstLoadQueue(names, kept.keySet()), kept);
        int parallel = Math.max(1, Math.min(names.size(), Runtime.getRuntime().availableProcessors()));
        firstLoad = load;
        try {
            for (int i = 0; i < parallel; i++) {
                load.startLoader("rule-set-loader", load.queue::next);
            }
            load.awaitLoaders();
            if (stopping) {
                throw new IllegalStateException("stopped with " + load.outcomes.size() + " of " + names.size() + " rule sets loaded");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the rule sets", e);
        } finally {
            firstLoad = null;
        }
        if (!load.failures.isEmpty()) {
            IllegalStateException failed = new IllegalStateException("a rule set could not be loaded", load.failures.get(0));
            load.failures.subList(1, load.failures.size()).forEach(failed::addSuppressed);
            throw failed;
        }
        load.rechecks.forEach(scenarioRechecks::submit);
        return names.stream().map(load.outcomes::get).toList();
    }

    /** The first load while it runs: its queue, its loaders and what they found. */
    private final class FirstLoad {
        final FirstLoadQueue queue;
        final Map<String, KeptForm> kept;
        /**
         * The scenarios of versions served from their forms run again once every rule set serves, not
         * beside the loading, which they would slow down on a small machine.
         */
        final List<Runnable> rechecks = java.util.Collections.synchronizedList(new ArrayList<>());
        final Map<String, ReloadOutcome> outcomes = new ConcurrentHashMap<>();
        final List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        /** Guarded by itself: a helper joins the loaders while they run. */
        private final List<Thread> loaders = new ArrayList<>();

        FirstLoad(FirstLoadQueue queue, Map<String, KeptForm> kept) {
            this.queue = queue;
            this.kept = kept;
        }

        /** A loader that loads what {@code next} hands it until that is null. */
        void startLoader(String threadName, Supplier<String> next) {
            Thread loader = new Thread(() -> {
                for (String name = nextUnlessStopping(next); name != null; name = nextUnlessStopping(next)) {
                    try {
                        outcomes.put(name, loadFirst(name, kept.get(name), rechecks));
                    } catch (RuntimeException | Error e) {
                        failures.add(e);
                    }
                }
            }, threadName);
            loader.setDaemon(true);
            synchronized (loaders) {
                loaders.add(loader);
            }
            loader.start();
        }

        private String nextUnlessStopping(Supplier<String> next) {
            return stopping ? null : next.get();
        }

        /**
         * Waits for every loader, a helper started meanwhile included. One started after the last
         * of them ended finds nothing to take: the loaders end only once every rule set was taken.
         */
        void awaitLoaders() throws InterruptedException {
            for (int i = 0; ; i++) {
                Thread loader;
                synchronized (loaders) {
                    if (i == loaders.size()) {
                        return;
                    }
                    loader = loaders.get(i);
                }
                loader.join();
            }
        }

        /**
         * A request asked for {@code name} before it served: it goes ahead of the rest, and when it
         * must be compiled a helper starts on it at once, beside loaders busy with compiles nobody
         * waits for yet.
         */
        void asked(String name) {
            if (!queue.ask(name)) {
                return;
            }
            if (queue.startHelper()) {
                LOG.infof("rule set %s was asked for before it served: it compiles now, on a loader of its own", name);
                startLoader("rule-set-loader-asked", queue::nextAsked);
            } else {
                LOG.infof("rule set %s was asked for before it served: it loads next", name);
            }
        }
    }

    /** Serves {@code form}, or compiles the files when there is none or it cannot serve. */
    private ReloadOutcome loadFirst(String name, KeptForm form, List<Runnable> rechecks) {
        ReentrantLock lock = lockOf(name);
        lock.lock();
        try {
            return (form == null ? Optional.<ReloadOutcome>empty() : serveKeptForm(form, rechecks))
                    .orElseGet(() -> reload(name, false));
        } finally {
            lock.unlock();
        }
    }

    /** What a kept compiled form serves: the files on disk and the scenarios its key was made of. */
    private record KeptForm(RuleSetSource source, SortedMap<String, byte[]> scenarios, byte[] form) {
    }

    /** The kept compiled form of the files on disk, when there is one and it is intact. */
    private Optional<KeptForm> keptForm(String name) {
        Path folder = rulesDir.resolve(name);
        if (!forms.enabled() || !Files.isDirectory(folder)) {
            return Optional.empty();
        }
        RuleSetSource source = RuleSetSource.read(name, folder);
        SortedMap<String, byte[]> scenarios = RuleSetSource.readFiles(scenariosDir.resolve(name));
        return forms.read(name, forms.keyOf(source, new RuleSetSource(name, scenarios).version()))
                .map(form -> new KeptForm(source, scenarios, form));
    }

    /**
     * Serves a kept compiled form and re-runs its scenarios in the background: a version that fails
     * them keeps serving (it passed them when it was activated) and the failure is reported, so the
     * next edit has to fix it. Empty when the form cannot serve: the caller compiles instead.
     */
    private Optional<ReloadOutcome> serveKeptForm(KeptForm kept, List<Runnable> rechecks) {
        RuleSetSource source = kept.source();
        String name = source.name();
        long started = System.nanoTime();
        CompiledRuleSet compiled;
        try {
            compiled = compiler.load(source, globalsOf(source), kept.form());
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf("rule set %s version %s: the kept compiled form cannot serve (%s); compiling instead",
                    name, source.version(), e);
            return Optional.empty();
        }
        lastChecked.put(name, source.version() + "+" + new RuleSetSource(name, kept.scenarios()).version());
        activate(source, new Checked(compiled, List.of(), List.of(), null), ActivationSource.FILES, FILES_AUTHOR,
                kept.scenarios());
        LOG.infof("rule set %s version %s served from its compiled form in %d ms; its scenarios run again in the background",
                name, source.version(), (System.nanoTime() - started) / 1_000_000);
        rechecks.add(() -> recheckScenarios(source, compiled, kept.scenarios()));
        return Optional.of(new ReloadOutcome(name, ReloadOutcome.Result.RESTORED, source.version(), source.version(), List.of()));
    }

    private void recheckScenarios(RuleSetSource source, CompiledRuleSet compiled, SortedMap<String, byte[]> scenarios) {
        String name = source.name();
        List<ScenarioResult> results;
        try {
            results = scenarioRunner.runAll(compiled, definition(compiled), scenarios, System.nanoTime() + maxCheckTime.toNanos());
        } catch (RuntimeException e) {
            if (!scenarioRechecks.isShutdown()) {
                LOG.errorf(e, "rule set %s version %s: its scenarios could not run again", name, source.version());
            }
            return;
        }
        List<RuleFileError> errors = scenarioErrors(name, results);
        ReentrantLock lock = lockOf(name);
        lock.lock();
        try {
            Active current = active.get(name);
            if (current == null || current.compiled() != compiled) {
                return; // another version serves by now: it passed its own checks
            }
            active.put(name, new Active(compiled, current.activatedAt(), results));
            if (!errors.isEmpty()) {
                reject(name, source.version(), errors);
                LOG.errorf("rule set %s version %s serves from its compiled form but fails its scenarios now: %s; "
                        + "it keeps serving, and the next edit must pass them", name, source.version(), errors);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The files on disk are what was checked last: still the serving version, or still the rejected edit. */
    private ReloadOutcome unchanged(String name, String onDisk, String serving) {
        RuleSetStatus.Rejection rejection = rejected.get(name);
        boolean stillRejected = rejection != null && !onDisk.equals(serving);
        return new ReloadOutcome(name, stillRejected ? ReloadOutcome.Result.REJECTED : ReloadOutcome.Result.UNCHANGED,
                onDisk, serving, stillRejected ? rejection.errors() : List.of());
    }

    /** A rule set's folders as stamped when last read, the checked key they gave and their rules' version. */
    private record Seen(FolderStamp stamp, String key, String version) {
    }

    /** Re-reads every rule set folder, every file of it; unchanged rule sets are left alone. */
    public List<ReloadOutcome> reloadAll() {
        return reloadEach(false);
    }

    /**
     * What the watcher does every poll: like {@link #reloadAll()}, but a rule set whose folders show
     * the same {@link FolderStamp} as when they were last read, and were settled then, is not read again.
     */
    public List<ReloadOutcome> reloadChanged() {
        return reloadEach(true);
    }

    private List<ReloadOutcome> reloadEach(boolean trustStamps) {
        TreeSet<String> names = new TreeSet<>(folderNames());
        names.addAll(active.keySet());
        List<ReloadOutcome> outcomes = new ArrayList<>();
        for (String name : names) {
            ReentrantLock lock = lockOf(name);
            lock.lock();
            try {
                outcomes.add(reload(name, trustStamps));
            } finally {
                lock.unlock();
            }
        }
        return outcomes;
    }

    private ReloadOutcome reload(String name, boolean trustStamps) {
        Path folder = rulesDir.resolve(name);
        Active current = active.get(name);
        String serving = current == null ? null : current.compiled().version();
        if (!Files.isDirectory(folder)) {
            String key = "missing";
            if (!key.equals(lastChecked.put(name, key))) {
                reject(name, null, List.of(RuleFileError.of(null,
                        "the folder " + folder + " is gone; the last good version keeps serving")));
            }
            return new ReloadOutcome(name, ReloadOutcome.Result.REJECTED, null, serving, rejected.get(name).errors());
        }
        // Stamped before reading. Only a stamp that was settled when its files were read vouches for
        // them: an edit made later changes some time, where one made within the same tick of a
        // coarse file time as the read could leave a stamp taken then unchanged.
        FolderStamp stamp = FolderStamp.of(folder, scenariosDir.resolve(name));
        Seen seen = lastSeen.get(name);
        if (trustStamps && seen != null && seen.stamp().settled() && seen.stamp().equals(stamp)
                && seen.key().equals(lastChecked.get(name))) {
            return unchanged(name, seen.version(), serving);
        }
        RuleSetSource source = RuleSetSource.read(name, folder);
        SortedMap<String, byte[]> scenarios = RuleSetSource.readFiles(scenariosDir.resolve(name));
        String key = source.version() + "+" + new RuleSetSource(name, scenarios).version();
        lastSeen.put(name, new Seen(stamp, key, source.version()));
        if (key.equals(lastChecked.get(name))) {
            return unchanged(name, source.version(), serving);
        }
        lastChecked.put(name, key);

        long started = System.nanoTime();
        Checked checked = timedCheck(source, scenarios);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (!checked.errors().isEmpty()) {
            reject(name, source.version(), checked.errors());
            LOG.warnf("rule set %s: the edit %s was rejected after %d ms, %s: %s", name, source.version(), millis,
                    serving == null ? "nothing serves" : "version " + serving + " keeps serving", checked.errors());
            return new ReloadOutcome(name, ReloadOutcome.Result.REJECTED, source.version(), serving, checked.errors());
        }
        activate(source, checked, ActivationSource.FILES, FILES_AUTHOR, scenarios);
        keepForm(source, key, checked);
        LOG.infof("rule set %s version %s activated in %d ms (%d rules, %d scenarios passed)", name, source.version(),
                millis, checked.compiled().ruleNames().size(), checked.scenarios().size());
        return new ReloadOutcome(name, ReloadOutcome.Result.ACTIVATED, source.version(), source.version(), List.of());
    }

    /** Swaps the serving version and tells whoever keeps the history. */
    private void activate(RuleSetSource source, Checked checked, ActivationSource how, String author,
                          SortedMap<String, byte[]> scenarioFiles) {
        Instant at = Instant.now(clock);
        active.put(source.name(), new Active(checked.compiled(), at, checked.scenarios()));
        rejected.remove(source.name());
        try {
            activations.fire(new RuleSetActivated(source.name(), source.version(), at, how, author, source.files(),
                    scenarioFiles, checked.scenarios()));
        } catch (RuntimeException e) {
            if (stopping) {
                // a later start finds this version on disk and records it then
                LOG.infof("rule set %s version %s: the activation was not recorded, the service is stopping", source.name(), source.version());
                return;
            }
            // the version serves either way; a history that could not be written is an operations problem, not a rules one
            LOG.errorf(e, "rule set %s version %s: the activation could not be recorded", source.name(), source.version());
        }
    }

    /** {@link #activate(String, Map, Map, List, String, ActivationSource, String)} accepting no scenario's new expectation. */
    public ValidationReport activate(String name, Map<String, byte[]> fileEdits, Map<String, byte[]> scenarioEdits,
                                     String baseVersion, ActivationSource how, String author) {
        return activate(name, fileEdits, scenarioEdits, List.of(), baseVersion, how, author);
    }

    /**
     * Activates a draft through the API: the files on disk with {@code fileEdits} and
     * {@code scenarioEdits} applied (null removes a file), checked as any edit, then written into
     * the rule set's folders (each file written aside and moved into place) and activated, all
     * under the rule set's lock so the watcher never sees half of it.
     *
     * @param accepted    scenario files whose new expectation the author accepts: each that fails
     *                    against the draft is re-baselined to what the draft decides (only its
     *                    {@code expect:} block changes) and written with the draft
     * @param baseVersion the version the draft was made from; null to replace whatever serves
     * @throws ConflictException        when {@code baseVersion} no longer serves (nothing is written)
     * @throws InvalidInputException    naming {@code accept[i]} when a name is not a scenario of the rule set
     * @throws RuleSetRejectedException when the draft fails its checks (nothing is written)
     */
    public ValidationReport activate(String name, Map<String, byte[]> fileEdits, Map<String, byte[]> scenarioEdits,
                                     List<String> accepted, String baseVersion, ActivationSource how, String author) {
        requireKnown(name);
        ReentrantLock lock = lockOf(name);
        lock.lock();
        try {
            Active current = active.get(name);
            String serving = current == null ? null : current.compiled().version();
            if (baseVersion != null && !baseVersion.equals(serving)) {
                throw new ConflictException("rule set " + name + " serves version " + serving + ", not " + baseVersion
                        + ": make the draft again from the serving version", "baseVersion");
            }
            Path folder = rulesDir.resolve(name);
            Path scenarioFolder = scenariosDir.resolve(name);
            RuleSetSource draft = RuleSetSource.read(name, folder).withFiles(fileEdits);
            RuleSetSource given = new RuleSetSource(name, RuleSetSource.readFiles(scenarioFolder)).withFiles(scenarioEdits);
            requireScenarios(name, given.files(), accepted);
            Accepted taken = accept(name, timedCheck(draft, given.files()), given, accepted);
            Checked checked = taken.checked();
            if (!checked.errors().isEmpty()) {
                throw new RuleSetRejectedException(name, checked.errors(),
                        checked.compiled() == null ? null : reportOf(name, draft.version(), taken));
            }
            Map<String, byte[]> scenarioWrites = new HashMap<>(scenarioEdits);
            scenarioWrites.putAll(taken.rewritten());
            RuleFolderWrites.apply(folder, fileEdits);
            RuleFolderWrites.apply(scenarioFolder, scenarioWrites);
            String key = draft.version() + "+" + taken.scenarios().version();
            lastChecked.put(name, key);
            activate(draft, checked, how, author, taken.scenarios().files());
            keepForm(draft, key, checked);
            LOG.infof("rule set %s version %s activated by %s (%s), %s before%s", name, draft.version(), author, how,
                    serving == null ? "nothing" : serving,
                    taken.rewritten().isEmpty() ? "" : ", with new expectations for " + taken.rewritten().keySet());
            return ValidationReport.of(name, draft.version(), checked.compiled().ruleNames(), List.of(), checked.scenarios())
                    .withAccepted(taken.entries());
        } finally {
            lock.unlock();
        }
    }

    /** Keeps the compiled form of a version that passed its checks; {@code checkedKey} is rules + scenarios versions. */
    private void keepForm(RuleSetSource source, String checkedKey, Checked checked) {
        if (checked.form() != null) {
            String scenariosVersion = checkedKey.substring(checkedKey.indexOf('+') + 1);
            forms.write(source.name(), forms.keyOf(source, scenariosVersion), checked.form());
        }
    }

    private ReentrantLock lockOf(String name) {
        return reloadLocks.computeIfAbsent(name, n -> new ReentrantLock());
    }

    private Checked timedCheck(RuleSetSource source, SortedMap<String, byte[]> scenarios) {
        checking.put(source.name(), Instant.now(clock));
        try {
            return check(source, scenarios);
        } finally {
            checking.remove(source.name());
        }
    }

    /** Rule sets whose check (compile and scenarios) has been running since before {@code since}. */
    public Map<String, Instant> checksRunningSince(Instant since) {
        Map<String, Instant> stuck = new TreeMap<>();
        checking.forEach((name, started) -> {
            if (started.isBefore(since)) {
                stuck.put(name, started);
            }
        });
        return stuck;
    }

    private void reject(String name, String version, List<RuleFileError> errors) {
        rejected.put(name, new RuleSetStatus.Rejection(version, Instant.now(clock), errors));
    }

    /**
     * Checks a draft of rule set {@code name}: the files on disk with {@code ruleFileEdits} and
     * {@code scenarioEdits} applied (a name mapped to null removes that file). Nothing is activated.
     */
    public ValidationReport validate(String name, Map<String, String> ruleFileEdits, Map<String, String> scenarioEdits) {
        return checkDraft(name, ruleFileEdits, scenarioEdits).report();
    }

    /**
     * A draft checked as {@link #validate} checks it, with its files and what it compiled to, for a
     * feature that serves a draft beside the serving version.
     *
     * @param source   every file of the draft (the files on disk with the edits applied)
     * @param compiled null when the draft does not compile
     */
    public record CheckedDraft(RuleSetSource source, CompiledRuleSet compiled, ValidationReport report) {
    }

    /** Checks a draft like {@link #validate} and keeps what it compiled to. Nothing is activated. */
    public CheckedDraft checkDraft(String name, Map<String, String> ruleFileEdits, Map<String, String> scenarioEdits) {
        return checkDraft(name, ruleFileEdits, scenarioEdits, List.of());
    }

    /**
     * Checks a draft like {@link #validate}, with the scenarios named in {@code accepted} expecting
     * what the draft decides (as {@link #activate(String, Map, Map, List, String, ActivationSource, String)}
     * would write them). Nothing is activated or written.
     *
     * @throws InvalidInputException naming {@code accept[i]} when a name is not a scenario of the rule set
     */
    public CheckedDraft checkDraft(String name, Map<String, String> ruleFileEdits, Map<String, String> scenarioEdits,
                                   List<String> accepted) {
        requireKnown(name);
        RuleSetSource source = RuleSetSource.read(name, rulesDir.resolve(name)).with(ruleFileEdits);
        RuleSetSource given = new RuleSetSource(name, RuleSetSource.readFiles(scenariosDir.resolve(name)))
                .with(scenarioEdits);
        requireScenarios(name, given.files(), accepted);
        Accepted taken = accept(name, check(source, given.files()), given, accepted);
        return new CheckedDraft(source, taken.checked().compiled(), reportOf(name, source.version(), taken));
    }

    /** A checked draft's report: for one that compiled, with the new expectations offered and those accepted. */
    private ValidationReport reportOf(String name, String version, Accepted taken) {
        Checked checked = taken.checked();
        ValidationReport report = ValidationReport.of(name, version,
                checked.compiled() == null ? null : checked.compiled().ruleNames(), checked.errors(), checked.scenarios());
        if (checked.compiled() != null) {
            report = report.withRebaseline(offers(checked.compiled(), definition(checked.compiled()),
                    taken.scenarios().files(), checked.scenarios()));
        }
        return report.withAccepted(taken.entries());
    }

    /** {@link #validate} with the scenarios named in {@code accepted} expecting what the draft decides. */
    public ValidationReport validate(String name, Map<String, String> ruleFileEdits, Map<String, String> scenarioEdits,
                                     List<String> accepted) {
        return checkDraft(name, ruleFileEdits, scenarioEdits, accepted).report();
    }

    /** What accepting new expectations made of a check: the check run again, and the files rewritten. */
    private record Accepted(Checked checked, RuleSetSource scenarios, List<Rebaseline> entries,
                            Map<String, byte[]> rewritten) {
    }

    /**
     * Re-baselines each accepted scenario that fails against the checked draft, then runs the
     * scenarios again with the rewritten files. A scenario that passes already is left as it is; one
     * that could not be run stays failing, for its author to fix by hand.
     */
    private Accepted accept(String name, Checked checked, RuleSetSource scenarios, List<String> accepted) {
        if (checked.compiled() == null || accepted == null || accepted.isEmpty()) {
            return new Accepted(checked, scenarios, List.of(), Map.of());
        }
        RuleSetDefinition definition = definition(checked.compiled());
        Map<String, ScenarioResult> results = new HashMap<>();
        checked.scenarios().forEach(result -> results.put(result.file(), result));
        List<Rebaseline> entries = new ArrayList<>();
        Map<String, byte[]> rewritten = new TreeMap<>();
        for (String file : new java.util.LinkedHashSet<>(accepted)) {
            ScenarioResult result = results.containsKey(file) ? results.get(file)
                    : scenarioRunner.run(checked.compiled(), definition, file, scenarios.files().get(file));
            Rebaseline entry = rebaselined(checked.compiled(), definition, file, scenarios.files().get(file), result);
            entries.add(entry.withoutYaml());
            if (entry.status() == Rebaseline.Status.PROPOSED) {
                rewritten.put(file, entry.yaml().getBytes(StandardCharsets.UTF_8));
            }
        }
        if (rewritten.isEmpty()) {
            return new Accepted(checked, scenarios, entries, Map.of());
        }
        RuleSetSource edited = scenarios.withFiles(rewritten);
        List<ScenarioResult> rerun = scenarioRunner.runAll(checked.compiled(), definition, edited.files(),
                System.nanoTime() + maxCheckTime.toNanos());
        return new Accepted(new Checked(checked.compiled(), rerun, scenarioErrors(name, rerun), checked.form()), edited,
                entries, rewritten);
    }

    private void requireScenarios(String name, SortedMap<String, byte[]> scenarios, List<String> accepted) {
        if (accepted == null) {
            return;
        }
        for (int i = 0; i < accepted.size(); i++) {
            String file = accepted.get(i);
            if (file == null || !scenarios.containsKey(file) || !ScenarioRunner.isScenarioFile(file)) {
                throw new InvalidInputException("accept[" + i + "]", "'" + file + "' is not a scenario of rule set "
                        + name + " (a *.yaml file under " + scenariosDir.getFileName() + "/" + name + "/ or in the draft's scenarios)");
            }
        }
    }

    /**
     * Runs the scenarios (on disk, with {@code scenarioEdits} applied) against a compiled draft and
     * offers, for each that fails, the draft's decisions as its new expectation (without the whole
     * file). An impact preview calls this for the draft it compiled.
     */
    public List<Rebaseline> offerRebaselines(String name, CompiledRuleSet draft, Map<String, String> scenarioEdits) {
        SortedMap<String, byte[]> scenarios = draftScenarios(name, scenarioEdits);
        RuleSetDefinition definition = definition(draft);
        List<ScenarioResult> results = scenarioRunner.runAll(draft, definition, scenarios,
                System.nanoTime() + maxCheckTime.toNanos());
        return offers(draft, definition, scenarios, results);
    }

    /**
     * Re-baselines the {@code accepted} scenario files against a draft (the files on disk with the
     * edits applied, as {@link #validate}): for each, the whole file with its {@code expect:} block
     * replaced by what the draft decides. Nothing is written.
     *
     * @throws InvalidInputException    naming {@code accept[i]} when a name is not a scenario of the rule set
     * @throws RuleSetRejectedException when the draft does not compile
     */
    public List<Rebaseline> rebaseline(String name, Map<String, String> ruleFileEdits, Map<String, String> scenarioEdits,
                                       List<String> accepted) {
        requireKnown(name);
        SortedMap<String, byte[]> scenarios = draftScenarios(name, scenarioEdits);
        if (accepted == null || accepted.isEmpty()) {
            throw new InvalidInputException("accept", "name the scenario files to re-baseline, one by one");
        }
        requireScenarios(name, scenarios, accepted);
        CompiledRuleSet draft = compileDraft(name, ruleFileEdits);
        RuleSetDefinition definition = definition(draft);
        List<Rebaseline> answers = new ArrayList<>();
        for (String file : new java.util.LinkedHashSet<>(accepted)) {
            ScenarioResult result = scenarioRunner.run(draft, definition, file, scenarios.get(file));
            answers.add(rebaselined(draft, definition, file, scenarios.get(file), result));
        }
        return answers;
    }

    private SortedMap<String, byte[]> draftScenarios(String name, Map<String, String> scenarioEdits) {
        return new RuleSetSource(name, RuleSetSource.readFiles(scenariosDir.resolve(name)))
                .with(scenarioEdits == null ? Map.of() : scenarioEdits).files();
    }

    private List<Rebaseline> offers(CompiledRuleSet draft, RuleSetDefinition definition, SortedMap<String, byte[]> scenarios,
                                    List<ScenarioResult> results) {
        List<Rebaseline> offers = new ArrayList<>();
        for (ScenarioResult result : results) {
            if (!result.passed()) {
                offers.add(rebaselined(draft, definition, result.file(), scenarios.get(result.file()), result).withoutYaml());
            }
        }
        return offers;
    }

    /** The scenario with its expect block replaced by the draft's decisions, checked against the draft again. */
    private Rebaseline rebaselined(CompiledRuleSet draft, RuleSetDefinition definition, String file, byte[] content,
                                   ScenarioResult result) {
        if (result.passed()) {
            return Rebaseline.passes(file);
        }
        if (result.decisions() == null || content == null) {
            return Rebaseline.notRun(file, result.failures());
        }
        JsonNode scenario;
        try {
            scenario = scenarioRunner.read(content);
        } catch (IOException e) {
            return Rebaseline.notRun(file, result.failures());
        }
        String text = new String(content, StandardCharsets.UTF_8);
        String block = ScenarioText.expectBlock(ExpectationProposal.entries(scenario, result.decisions()),
                ScenarioText.styleOf(text));
        String rebaselined = ScenarioText.replaceExpect(text, block);
        ScenarioResult recheck = scenarioRunner.run(draft, definition, file, rebaselined.getBytes(StandardCharsets.UTF_8));
        return new Rebaseline(file, Rebaseline.Status.PROPOSED, block, ScenarioText.diff(file, text, rebaselined),
                rebaselined, recheck.passed(), recheck.passed() ? null : recheck.failures(), null);
    }

    /**
     * Compiles a draft of rule set {@code name} (the files on disk with {@code ruleFileEdits}
     * applied, null removing a file) without running its scenarios: an impact preview is for
     * drafts that may well break them. Nothing is activated.
     *
     * @throws RuleSetRejectedException when the draft does not compile or breaks the rule-file policy
     */
    public CompiledRuleSet compileDraft(String name, Map<String, String> ruleFileEdits) {
        requireKnown(name);
        return compile(RuleSetSource.read(name, rulesDir.resolve(name)).with(ruleFileEdits));
    }

    /**
     * Compiles exactly the files of {@code source} (a draft kept elsewhere, such as an experiment's
     * challenger in the database) without running scenarios. Nothing is activated.
     *
     * @throws RuleSetRejectedException when the files do not compile or break the rule-file policy
     */
    public CompiledRuleSet compile(RuleSetSource source) {
        String name = source.name();
        requireKnown(name);
        Active current = active.get(name);
        if (current != null && current.compiled().version().equals(source.version())) {
            // the same files as the serving version (a version is their hash): nothing to compile
            return current.compiled();
        }
        try {
            return CompileThreads.run(() -> compiler.compile(source, globalsOf(source)));
        } catch (RuleSetRejectedException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            LOG.errorf(e, "rule set %s draft %s: the compiler failed", name, source.version());
            throw new RuleSetRejectedException(name, List.of(RuleFileError.of(null, "the compiler failed: " + e)));
        }
    }

    /**
     * Compiles and runs the scenarios; never throws for a bad rule set, reports instead. After the
     * first load a check runs beside the traffic, on {@link CompileThreads}; the first load's own
     * checks are what a start waits for, and run where they are.
     */
    private Checked check(RuleSetSource source, SortedMap<String, byte[]> scenarios) {
        return startedUp ? CompileThreads.run(() -> checkHere(source, scenarios)) : checkHere(source, scenarios);
    }

    private Checked checkHere(RuleSetSource source, SortedMap<String, byte[]> scenarios) {
        RuleSetCompiler.Compiled compiled;
        try {
            compiled = keptOrCompiled(source, scenarios, globalsOf(source));
        } catch (RuleSetRejectedException e) {
            return new Checked(null, List.of(), e.errors(), null);
        } catch (RuntimeException | LinkageError e) {
            // Drools can fail in unexpected ways on odd input; that must not escape into the service.
            LOG.errorf(e, "rule set %s version %s: the compiler failed", source.name(), source.version());
            return new Checked(null, List.of(), List.of(RuleFileError.of(null, "the compiler failed: " + e)), null);
        }
        List<ScenarioResult> results = scenarioRunner.runAll(compiled.ruleSet(), definition(compiled.ruleSet()), scenarios,
                System.nanoTime() + maxCheckTime.toNanos());
        return new Checked(compiled.ruleSet(), results, scenarioErrors(source.name(), results), compiled.form());
    }

    /**
     * The kept form of these files and scenarios when there is one (a rollback, an edit undone),
     * else a compile that keeps its form. The scenarios run either way.
     */
    private RuleSetCompiler.Compiled keptOrCompiled(RuleSetSource source, SortedMap<String, byte[]> scenarios,
                                                    Map<String, Object> globals) {
        if (!forms.enabled()) {
            return new RuleSetCompiler.Compiled(compiler.compile(source, globals), null);
        }
        Optional<byte[]> form = forms.read(source.name(), forms.keyOf(source, new RuleSetSource(source.name(), scenarios).version()));
        if (form.isPresent()) {
            try {
                return new RuleSetCompiler.Compiled(compiler.load(source, globals, form.get()), null);
            } catch (RuntimeException | LinkageError e) {
                LOG.warnf("rule set %s version %s: the kept compiled form cannot serve (%s); compiling instead",
                        source.name(), source.version(), e);
            }
        }
        return compiler.compileKeepingForm(source, globals);
    }

    private List<RuleFileError> scenarioErrors(String ruleSet, List<ScenarioResult> results) {
        List<RuleFileError> errors = new ArrayList<>();
        for (ScenarioResult result : results) {
            for (String failure : result.failures()) {
                errors.add(RuleFileError.of(scenarioPath(ruleSet, result.file()), failure));
            }
        }
        return errors;
    }

    private String scenarioPath(String ruleSet, String file) {
        return scenariosDir.getFileName() + "/" + ruleSet + "/" + file;
    }

    /**
     * Evaluates {@code facts} with the serving version of rule set {@code name}.
     *
     * @throws UnknownRuleSetException     when there is no such rule set
     * @throws RuleSetUnavailableException when it exists but no version has passed its checks
     */
    public Evaluation evaluate(String name, Now now, List<?> facts) {
        return evaluate(serving(name), now, facts);
    }

    /**
     * Evaluates {@code facts} with {@code serving}, or, while a {@link TrafficSplit} splits the rule
     * set, each part with its own version: the decisions of every part then carry their version
     * and assignment, the serving version's first. The evaluation keeps the serving version's name.
     */
    public Evaluation evaluate(CompiledRuleSet serving, Now now, List<?> facts) {
        List<TrafficSplit.Part> parts = null;
        List<TrafficSplit> resolved = splitters;
        if (resolved == null) {
            resolved = splits.stream().toList();
            splitters = resolved;
        }
        for (TrafficSplit split : resolved) {
            parts = split.split(serving, facts);
            if (parts != null) {
                break;
            }
        }
        if (parts == null) {
            return serving.evaluate(now, facts);
        }
        List<RuleDecision> decisions = new ArrayList<>();
        java.util.Set<String> fired = new java.util.HashSet<>();
        for (TrafficSplit.Part part : parts) {
            if (part.facts().isEmpty()) {
                continue;
            }
            Evaluation evaluation = part.version().evaluate(now, part.facts());
            for (RuleDecision decision : evaluation.decisions()) {
                decisions.add(decision.assigned(evaluation.version(), part.assignmentOf(decision.decision())));
            }
            fired.addAll(evaluation.firedRules());
        }
        return new Evaluation(serving.name(), serving.version(), now.at(), decisions, fired);
    }

    /** The version serving now; hold on to it to evaluate several batches with one version. */
    public CompiledRuleSet serving(String name) {
        Active current = active.get(name);
        if (current == null) {
            requireKnown(name);
            FirstLoad loading = firstLoad;
            if (loading != null) {
                loading.asked(name);
            }
            throw new RuleSetUnavailableException(name);
        }
        return current.compiled();
    }

    /**
     * The definition a feature registered for {@code name}, or else the one the serving version
     * declares in its rule files.
     *
     * @throws UnknownRuleSetException     when there is neither
     * @throws RuleSetUnavailableException when the rule set's folder exists but no version serves
     */
    public RuleSetDefinition definition(String name) {
        RuleSetDefinition definition = definitions.get(name);
        if (definition != null) {
            return definition;
        }
        DeclaredRuleSet declared = serving(name).declared();
        if (declared == null) {
            throw new UnknownRuleSetException(name);
        }
        return declared;
    }

    /** The definition to read facts with for {@code compiled}: the registered one, or the version's own declarations. */
    public RuleSetDefinition definition(CompiledRuleSet compiled) {
        RuleSetDefinition definition = definitions.get(compiled.name());
        return definition != null ? definition : compiled.declared();
    }

    /**
     * The JSON Schema of the serving version's declared facts and decisions.
     *
     * @throws NotFoundException for a rule set typed in Java, or one that declares no fact type
     */
    public com.fasterxml.jackson.databind.node.ObjectNode schema(String name) {
        if (definitions.containsKey(name)) {
            throw new NotFoundException("rule set " + name + " is typed in Java: its facts and decisions are described"
                    + " in the OpenAPI document (/q/openapi)", "ruleSet");
        }
        CompiledRuleSet compiled = serving(name);
        if (compiled.declared() == null) {
            throw new NotFoundException("rule set " + name + " declares no @fact type", "ruleSet");
        }
        return compiled.declared().schema(compiled.version());
    }

    /** Whether a feature registered a Java definition for {@code name} (its facts are Java types). */
    public boolean isTyped(String name) {
        return definitions.containsKey(name);
    }

    /** The globals a version is compiled with: the feature's, and the data lists of its folder. */
    private Map<String, Object> globalsOf(RuleSetSource source) {
        RuleSetDefinition definition = definitions.get(source.name());
        fileChecks.forEach(check -> check.check(source));
        Map<String, Object> globals = new HashMap<>(DataLists.of(source));
        if (definition != null) {
            globals.putAll(definition.globals(source));
        }
        return globals;
    }

    public List<RuleSetStatus> statuses() {
        TreeSet<String> names = new TreeSet<>(active.keySet());
        names.addAll(rejected.keySet());
        List<RuleSetStatus> statuses = new ArrayList<>();
        for (String name : names) {
            Active current = active.get(name);
            Coverage coverage = current == null ? null : Coverage.of(current.compiled().ruleNames(), current.scenarios());
            statuses.add(new RuleSetStatus(name,
                    current == null ? null : current.compiled().version(),
                    current == null ? null : current.activatedAt(),
                    current == null ? List.of() : current.compiled().ruleNames(),
                    current == null ? List.of() : current.scenarios(),
                    coverage == null ? null : coverage.coverage(),
                    coverage == null ? null : coverage.uncoveredRules(),
                    rejected.get(name),
                    current == null ? null : noticesOf(current.compiled().source())));
        }
        return statuses;
    }

    private List<String> noticesOf(RuleSetSource source) {
        RuleSetDefinition definition = definitions.get(source.name());
        List<String> notices = definition == null ? List.of() : definition.notices(source, clock.instant());
        return notices.isEmpty() ? null : notices;
    }

    /** Checks that {@code name} is a rule set (a registered definition or a folder). */
    public void definitionOrFolder(String name) {
        requireKnown(name);
    }

    /** The names of the files in the rule set's folder now. */
    public java.util.Set<String> filesOnDisk(String name) {
        requireKnown(name);
        return RuleSetSource.read(name, rulesDir.resolve(name)).withFiles(Map.of()).fileNames();
    }

    /** True when every rule set found on disk has a version serving. */
    public boolean allServing() {
        return folderNames().stream().allMatch(active::containsKey);
    }

    private void requireKnown(String name) {
        if (!definitions.containsKey(name) && !folderNames().contains(name)) {
            throw new UnknownRuleSetException(name);
        }
    }

    private List<String> folderNames() {
        if (!Files.isDirectory(rulesDir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(rulesDir)) {
            return entries.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .filter(RuleSetSource::isPlainFileName)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + rulesDir, e);
        }
    }

    private record Active(CompiledRuleSet compiled, Instant activatedAt, List<ScenarioResult> scenarios) {
    }

    /** What a check found; {@code form} is the compiled form to keep, when forms are kept. */
    private record Checked(CompiledRuleSet compiled, List<ScenarioResult> scenarios, List<RuleFileError> errors,
                           byte[] form) {
    }
}
