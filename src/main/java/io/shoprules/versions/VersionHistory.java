package io.shoprules.versions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoprules.engine.ActivationSource;
import io.shoprules.engine.RuleSetActivated;
import io.shoprules.engine.Sha256;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The history of every rule set's activations, kept in the database so it survives restarts and
 * is the same for every instance. Files are stored by content hash, once per distinct content.
 */
@ApplicationScoped
public class VersionHistory {

    private static final TypeReference<TreeMap<String, String>> FILES = new TypeReference<>() { };
    private static final TypeReference<List<FileChange>> CHANGES = new TypeReference<>() { };

    /** How much history to keep (README, Configuration). */
    @ConfigMapping(prefix = "shoprules.versions")
    public interface Config {
        /** Activations kept per rule set; older ones are deleted (their files stay while a kept one holds them). */
        @WithDefault("1000")
        int keep();
    }

    private final ObjectMapper json;
    private final Config config;

    public VersionHistory(ObjectMapper json, Config config) {
        this.json = json;
        this.config = config;
    }

    /**
     * Records an activation. An unchanged version found on disk again (a restart, or another
     * instance reading the same folder) is not a new activation.
     */
    @Transactional
    void record(@Observes RuleSetActivated activated) {
        RuleSetActivation latest = latest(activated.ruleSet()).orElse(null);
        if (latest != null && latest.version.equals(activated.version()) && activated.source() == ActivationSource.FILES) {
            return;
        }
        SortedMap<String, String> hashes = keepFiles(activated.files());
        RuleSetActivation activation = new RuleSetActivation();
        activation.ruleSet = activated.ruleSet();
        activation.version = activated.version();
        activation.activatedAt = activated.activatedAt().atOffset(ZoneOffset.UTC);
        activation.source = activated.source();
        activation.author = activated.author();
        activation.scenariosPassed = (int) activated.scenariosPassed();
        activation.scenariosFailed = (int) activated.scenariosFailed();
        activation.files = write(hashes);
        activation.changes = write(changes(latest == null ? Map.of() : read(latest.files, FILES), hashes));
        SortedMap<String, String> scenarioHashes = keepFiles(activated.scenarioFiles());
        activation.scenarioFiles = write(scenarioHashes);
        if (latest == null || latest.scenarioFiles != null) {
            activation.scenarioChanges = write(changes(latest == null ? Map.of() : read(latest.scenarioFiles, FILES),
                    scenarioHashes));
        }
        activation.persist();
        forgetBeyondKeep(activated.ruleSet());
    }

    /**
     * Stores files by content, once per distinct content, in the caller's transaction; also for a
     * draft kept beside the history (an experiment's challenger).
     *
     * @return each file name with the hash {@link #filesByHash} reads it back by
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public SortedMap<String, String> keepFiles(Map<String, byte[]> files) {
        SortedMap<String, String> hashes = new TreeMap<>();
        files.forEach((name, bytes) -> {
            String hash = Sha256.hexOf(bytes);
            hashes.put(name, hash);
            if (RuleFileContent.findById(hash) == null) {
                RuleFileContent.of(hash, bytes).persist();
            }
        });
        return hashes;
    }

    /** The files stored by {@link #keepFiles}, by the hashes it answered. */
    @Transactional
    public SortedMap<String, byte[]> filesByHash(Map<String, String> hashes) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        hashes.forEach((name, hash) -> {
            RuleFileContent content = RuleFileContent.findById(hash);
            if (content == null) {
                throw new IllegalStateException("no stored content " + hash + " for " + name);
            }
            files.put(name, content.bytes());
        });
        return files;
    }

    /** The activations of {@code ruleSet}, newest first. */
    @Transactional
    public List<VersionView> list(String ruleSet, int limit) {
        List<RuleSetActivation> activations = RuleSetActivation.find("ruleSet = ?1 order by id desc", ruleSet)
                .page(0, limit).list();
        return activations.stream().map(a -> view(a, null)).toList();
    }

    /** The last activation of {@code version}, with its files as text. */
    @Transactional
    public Optional<VersionView> show(String ruleSet, String version) {
        return activationOf(ruleSet, version).map(a -> {
            Map<String, String> texts = new TreeMap<>();
            files(a).forEach((name, bytes) -> texts.put(name, new String(bytes, StandardCharsets.UTF_8)));
            return view(a, texts);
        });
    }

    /** The exact bytes of each file of {@code version}. */
    @Transactional
    public Optional<SortedMap<String, byte[]>> files(String ruleSet, String version) {
        return activationOf(ruleSet, version).map(this::files);
    }

    /** The version that served before the last activation of {@code version}, if any. */
    @Transactional
    public Optional<String> versionBefore(String ruleSet, String version) {
        return activationOf(ruleSet, version).flatMap(a -> RuleSetActivation
                .<RuleSetActivation>find("ruleSet = ?1 and id < ?2 and version <> ?3 order by id desc", ruleSet, a.id, version)
                .firstResultOptional().map(before -> before.version));
    }

    private Optional<RuleSetActivation> activationOf(String ruleSet, String version) {
        return RuleSetActivation.<RuleSetActivation>find("ruleSet = ?1 and version = ?2 order by id desc", ruleSet, version)
                .firstResultOptional();
    }

    /**
     * In SQL rather than HQL: every rule set a start serves asks this on its loading thread, and the
     * first HQL query of a start pays for the parser's set-up (ANTLR building its prediction tables)
     * there, before that thread loads its next rule set.
     */
    @SuppressWarnings("unchecked")
    private Optional<RuleSetActivation> latest(String ruleSet) {
        List<RuleSetActivation> latest = RuleSetActivation.getEntityManager()
                .createNativeQuery("select * from rule_set_activation where rule_set = ?1 order by id desc", RuleSetActivation.class)
                .setParameter(1, ruleSet)
                .setMaxResults(1)
                .getResultList();
        return latest.stream().findFirst();
    }

    private SortedMap<String, byte[]> files(RuleSetActivation activation) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        read(activation.files, FILES).forEach((name, hash) -> {
            RuleFileContent content = RuleFileContent.findById(hash);
            files.put(name, content.bytes());
        });
        return files;
    }

    private void forgetBeyondKeep(String ruleSet) {
        List<RuleSetActivation> beyond = RuleSetActivation.<RuleSetActivation>find("ruleSet = ?1 order by id desc", ruleSet)
                .page(1, config.keep()).list();
        if (!beyond.isEmpty()) {
            RuleSetActivation.delete("ruleSet = ?1 and id <= ?2", ruleSet, beyond.get(0).id);
        }
    }

    private static List<FileChange> changes(Map<String, String> before, Map<String, String> after) {
        List<FileChange> changes = new ArrayList<>();
        after.forEach((name, hash) -> {
            if (!before.containsKey(name)) {
                changes.add(new FileChange(name, FileChange.Change.ADDED));
            } else if (!before.get(name).equals(hash)) {
                changes.add(new FileChange(name, FileChange.Change.MODIFIED));
            }
        });
        before.keySet().stream().filter(name -> !after.containsKey(name))
                .forEach(name -> changes.add(new FileChange(name, FileChange.Change.REMOVED)));
        return changes;
    }

    private VersionView view(RuleSetActivation a, Map<String, String> files) {
        return new VersionView(a.ruleSet, a.version, a.activatedAt, a.source, a.author, read(a.changes, CHANGES),
                a.scenarioChanges == null ? null : read(a.scenarioChanges, CHANGES),
                new VersionView.Scenarios(a.scenariosPassed, a.scenariosFailed), files);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an activation row that is not JSON: " + text, e);
        }
    }
}
