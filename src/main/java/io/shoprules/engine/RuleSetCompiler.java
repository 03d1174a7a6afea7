package io.shoprules.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.drools.compiler.compiler.io.memory.MemoryFileSystem;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.compiler.kie.builder.impl.MemoryKieModule;
import org.drools.modelcompiler.CanonicalKieModule;
import org.drools.util.PortablePath;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.KieModule;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.definition.type.FactType;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiles a rule set's files into a knowledge base through the KIE API, at runtime, with Drools'
 * executable model: rules become Java classes, and nothing is evaluated through MVEL at run time.
 * That makes the generated classes the whole of what a rule set can do, so they are checked
 * ({@link RuleCodeCheck}) before any of them is loaded, and given their time budget.
 *
 * <p>Every build gets its own release id (several builds of one rule set may run at once: a reload
 * and a draft validation) and leaves nothing behind in the KIE repository.
 */
@ApplicationScoped
public class RuleSetCompiler {

    private static final String GROUP = "io.shoprules.rulesets";
    private static final String RESOURCES = "src/main/resources/";
    private static final List<String> RULE_FILE_SUFFIXES = List.of(".drl", ".drl.csv", ".drl.xls", ".drl.xlsx");
    private static final String CLASS_FILE = ".class";
    /** What the generated code is compiled against and loaded beside: the application's classes. */
    private static final ClassLoader APPLICATION = new RememberingClassLoader(RuleSetCompiler.class.getClassLoader());


    /** Sessions made ready per version; the pool grows with concurrent evaluations. */
    private static final int POOLED_SESSIONS = 2;
    /** The metadata that marks a declared type as the rule set's policy: one instance per version. */
    private static final String POLICY = "policy";

    /**
     * Numbers the builds; it starts from the clock so that a form kept by an earlier run never
     * shares a release id with a build of this one.
     */
    private final AtomicLong builds = new AtomicLong(System.currentTimeMillis());
    private final RuleTextCheck textCheck;
    private final RuleCodeCheck codeCheck;
    private final EvaluationBudget.Limits limits;

    @Inject
    public RuleSetCompiler(EngineConfig config, RuleTextCheck textCheck) {
        this(textCheck, config.evaluation().limits());
    }

    public RuleSetCompiler(RuleTextCheck textCheck, EvaluationBudget.Limits limits) {
        this(textCheck, codeCheckOf(textCheck.applicationPackages()), limits);
    }

    private RuleSetCompiler(RuleTextCheck textCheck, RuleCodeCheck codeCheck, EvaluationBudget.Limits limits) {
        this.textCheck = textCheck;
        this.codeCheck = codeCheck;
        this.limits = limits;
    }

    /** For tests that prove the check of the generated code on its own, without the text check before it. */
    static RuleSetCompiler withoutTextCheck(Set<String> applicationPackages, EvaluationBudget.Limits limits) {
        return new RuleSetCompiler(null, codeCheckOf(applicationPackages), limits);
    }

    private static RuleCodeCheck codeCheckOf(Set<String> applicationPackages) {
        return new RuleCodeCheck(new RuleCodeAllowList(applicationPackages, APPLICATION));
    }

    /** The class loader rule sets are compiled against and loaded beside ({@link EngineWarmUp} goes through it too). */
    static ClassLoader applicationClassLoader() {
        return APPLICATION;
    }

    /** True for the files Drools compiles; the others are data files for the rule set's feature. */
    public static boolean isRuleFile(String fileName) {
        return RULE_FILE_SUFFIXES.stream().anyMatch(fileName::endsWith);
    }

    /**
     * Compiles {@code source}; {@code globals} are handed to every evaluation.
     *
     * @throws RuleSetRejectedException with file, line and column of each error
     */
    public CompiledRuleSet compile(RuleSetSource source, Map<String, Object> globals) {
        return build(source, globals, false).ruleSet();
    }

    /**
     * Compiles {@code source} as {@link #compile} does and keeps its compiled form, for
     * {@link #load} to serve the same version again without compiling it.
     */
    public Compiled compileKeepingForm(RuleSetSource source, Map<String, Object> globals) {
        return build(source, globals, true);
    }

    /**
     * Serves a form kept by {@link #compileKeepingForm}. Its classes go through the same check and
     * budget as freshly generated ones, so a form altered on disk reaches no more than a rule file.
     *
     * @throws RuleSetRejectedException when the form's classes fail the check
     * @throws RuntimeException         when the form is not a module Drools can load
     */
    public CompiledRuleSet load(RuleSetSource source, Map<String, Object> globals, byte[] form) {
        KieServices kie = KieServices.Factory.get();
        MemoryFileSystem module = ModuleForms.read(form);
        checkAndBudgetGeneratedCode(source, module);
        KieModule loaded = ModuleForms.register(kie, module);
        if (!(loaded instanceof CanonicalKieModule)) {
            // anything else would be built from the rule files again, by a runtime no check reaches
            kie.getRepository().removeKieModule(loaded.getReleaseId());
            throw new IllegalArgumentException("not a module of the executable model");
        }
        return serve(kie, source, loaded.getReleaseId(), globals);
    }

    /** A compiled rule set with the form it was compiled to (before its budget), or none when not asked for. */
    public record Compiled(CompiledRuleSet ruleSet, byte[] form) {
    }

    private Compiled build(RuleSetSource source, Map<String, Object> globals, boolean keepForm) {
        KieServices kie = KieServices.Factory.get();
        ReleaseId releaseId = kie.newReleaseId(GROUP, source.name(),
                "1.0.0-" + source.version() + "-" + builds.incrementAndGet());
        KieFileSystem files = kie.newKieFileSystem();
        files.generateAndWritePomXML(releaseId);
        String folder = RESOURCES + relativeFolder(source.name());
        boolean anyRuleFile = false;
        for (Map.Entry<String, byte[]> file : source.files().entrySet()) {
            if (isRuleFile(file.getKey())) {
                files.write(folder + file.getKey(), file.getValue());
                anyRuleFile = true;
            }
        }
        if (!anyRuleFile) {
            throw new RuleSetRejectedException(source.name(),
                    List.of(RuleFileError.of(null, "no rule files (" + String.join(", ", RULE_FILE_SUFFIXES) + ")")));
        }
        if (textCheck != null) {
            List<RuleFileError> forbidden = checkText(source);
            if (!forbidden.isEmpty()) {
                throw new RuleSetRejectedException(source.name(), forbidden);
            }
        }

        KieBuilder builder = kie.newKieBuilder(files, APPLICATION);
        try {
            builder.buildAll(ExecutableModelProject.class);
            List<Message> messages = builder.getResults().getMessages(Message.Level.ERROR);
            if (!messages.isEmpty()) {
                throw new RuleSetRejectedException(source.name(),
                        CompileErrors.of(messages, source, relativeFolder(source.name())));
            }
            MemoryFileSystem module = generatedModule(builder);
            byte[] form = keepForm ? module.writeAsBytes() : null;
            checkAndBudgetGeneratedCode(source, module);
            return new Compiled(serve(kie, source, releaseId, globals), form);
        } finally {
            kie.getRepository().removeKieModule(releaseId);
        }
    }

    /** Loads the module registered under {@code releaseId} and makes it ready to evaluate; the module is then forgotten. */
    private CompiledRuleSet serve(KieServices kie, RuleSetSource source, ReleaseId releaseId, Map<String, Object> globals) {
        try {
            KieContainer container = kie.newKieContainer(releaseId, APPLICATION);
            KieBase kieBase = container.getKieBase();
            List<Object> policies = EvaluationBudget.within(limits, budget -> policies(source.name(), kieBase));
            DeclaredRuleSet declared = DeclaredRuleSet.of(source.name(), kieBase);
            return new CompiledRuleSet(source, kieBase, container.newKieSessionsPool(POOLED_SESSIONS), ruleNames(kieBase),
                    declaredOnly(kieBase, globals), policies, limits, declared);
        } finally {
            kie.getRepository().removeKieModule(releaseId);
        }
    }

    /**
     * The generated classes are checked against the allow-list and, once they pass, replaced by
     * their budgeted form in the module, all before the container loads the first of them.
     */
    private void checkAndBudgetGeneratedCode(RuleSetSource source, MemoryFileSystem module) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (Map.Entry<PortablePath, byte[]> file : module.getMap().entrySet()) {
            String path = file.getKey().asString();
            if (path.endsWith(CLASS_FILE)) {
                classes.put(path.substring(0, path.length() - CLASS_FILE.length()), file.getValue());
            }
        }
        List<RuleCodeCheck.Refusal> refusals = codeCheck.refusals(classes);
        if (!refusals.isEmpty()) {
            throw new RuleSetRejectedException(source.name(), ForbiddenUse.locate(source, refusals));
        }
        codeCheck.withBudget(classes).forEach((name, bytes) -> module.write(PortablePath.of(name + CLASS_FILE), bytes, true));
    }

    /** Where the executable model keeps what it generated: the module's in-memory file system. */
    private static MemoryFileSystem generatedModule(KieBuilder builder) {
        InternalKieModule module = (InternalKieModule) builder.getKieModule();
        if (module instanceof CanonicalKieModule canonical) {
            module = canonical.getInternalKieModule();
        }
        return ((MemoryKieModule) module).getMemoryFileSystem();
    }

    /** A first look at the text, for the plain cases with their line and column; the generated code is checked after. */
    private List<RuleFileError> checkText(RuleSetSource source) {
        List<RuleFileError> errors = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : source.files().entrySet()) {
            String name = file.getKey();
            if (name.endsWith(".drl")) {
                errors.addAll(textCheck.check(name, new String(file.getValue(), StandardCharsets.UTF_8)));
            } else if (isRuleFile(name)) {
                try {
                    String generated = new SpreadsheetCompiler().compile(new ByteArrayInputStream(file.getValue()),
                            name.endsWith(".csv") ? InputType.CSV : InputType.XLS);
                    for (RuleFileError error : textCheck.check(name, generated)) {
                        errors.add(new RuleFileError(name, null, null, error.message()
                                + " (line " + error.line() + " of the rules generated from the table)"));
                    }
                } catch (RuntimeException e) {
                    errors.add(RuleFileError.of(name, "not a readable decision table: " + e.getMessage()));
                }
            }
        }
        return errors;
    }

    private static String relativeFolder(String ruleSet) {
        return "rulesets/" + ruleSet + "/";
    }

    private static List<String> ruleNames(KieBase kieBase) {
        Set<String> names = new TreeSet<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                names.add(rule.getName());
            }
        }
        return List.copyOf(names);
    }

    /**
     * One instance of each type declared with {@code @policy}, made with its defaults. A default
     * that cannot be evaluated rejects the version here rather than failing every request.
     */
    private static List<Object> policies(String ruleSet, KieBase kieBase) {
        List<Object> policies = new ArrayList<>();
        List<RuleFileError> errors = new ArrayList<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (FactType type : kiePackage.getFactTypes()) {
                if (type.getMetaData() != null && type.getMetaData().containsKey(POLICY)) {
                    try {
                        policies.add(type.newInstance());
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        Throwable cause = e.getCause() == null ? e : e.getCause();
                        errors.add(RuleFileError.of(null, "the policy " + type.getSimpleName()
                                + " could not be made from its defaults: " + cause));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleSetRejectedException(ruleSet, errors);
        }
        return policies;
    }

    /** Drools refuses globals the rules do not declare, so hand over only the declared ones. */
    private static Map<String, Object> declaredOnly(KieBase kieBase, Map<String, Object> globals) {
        Map<String, Object> declared = new HashMap<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Global global : kiePackage.getGlobalVariables()) {
                if (globals.containsKey(global.getName())) {
                    declared.put(global.getName(), globals.get(global.getName()));
                }
            }
        }
        return declared;
    }
}
