package io.shoprules.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.shoprules.engine.Coverage;
import io.shoprules.engine.RuleSetStatus;
import io.shoprules.engine.ScenarioResult;
import io.shoprules.decisions.DecisionScenarios;
import io.shoprules.errors.ConflictException;
import io.shoprules.errors.InvalidInputException;
import io.shoprules.errors.NotFoundException;
import io.shoprules.preview.PreviewView;
import io.shoprules.preview.Previews;
import io.shoprules.versions.VersionDiff;
import io.shoprules.versions.VersionHistory;
import io.shoprules.versions.VersionView;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;

/** Rule sets in the console: at a glance, their files and policy numbers to edit, their history. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleRuleSetResource {

    private static final String VERSION = "[0-9a-f]{1,64}";
    private static final int HISTORY_SHOWN = 50;

    /** One line number beside the editor, marked when an error points at it. */
    public record Line(int number, boolean error) {
    }

    /** The fields of one policy declaration, shown as one group of the form. */
    public record PolicyGroup(String file, String policy, List<PolicyNumbers.Field> fields) {
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance ruleSets(ConsolePage page, List<RuleSetRow> rows);

        static native TemplateInstance ruleSet(ConsolePage page, RuleSetRow row, SortedMap<String, String> files);

        static native TemplateInstance file(ConsolePage page, RuleSetRow row, String file, String text,
                                            String baseVersion, List<Line> lines, Outcome outcome);

        static native TemplateInstance policies(ConsolePage page, RuleSetRow row, List<PolicyGroup> groups,
                                                Map<String, String> values, String baseVersion, Outcome outcome,
                                                String problem);

        static native TemplateInstance versions(ConsolePage page, RuleSetRow row, List<VersionView> versions,
                                                Outcome outcome, String refusedRollback);

        static native TemplateInstance diff(ConsolePage page, RuleSetRow row, String version, List<DiffLine> lines);

        static native TemplateInstance preview(PreviewView preview);

        static native TemplateInstance scenarios(ConsolePage page, RuleSetRow row, List<ScenarioResult> scenarios,
                                                 List<Coverage.RuleCoverage> coverage, int uncovered);

        static native TemplateInstance scenario(ConsolePage page, RuleSetRow row, String file, boolean isNew, String text,
                                                String baseVersion, List<Line> lines, Outcome outcome,
                                                ScenarioResult result, String problem);
    }

    private final ConsoleSessions sessions;
    private final ConsoleRuleSets ruleSets;
    private final VersionHistory history;
    private final Previews previews;
    private final DecisionScenarios fromDecisions;

    public ConsoleRuleSetResource(ConsoleSessions sessions, ConsoleRuleSets ruleSets, VersionHistory history,
                                  Previews previews, DecisionScenarios fromDecisions) {
        this.sessions = sessions;
        this.ruleSets = ruleSets;
        this.history = history;
        this.previews = previews;
        this.fromDecisions = fromDecisions;
    }

    @GET
    @Path("rulesets")
    public String list(@RestCookie(ConsoleSessions.COOKIE) String session) {
        return Templates.ruleSets(page("Rule sets", session), ruleSets.overview()).render();
    }

    @GET
    @Path("rulesets/{ruleSet}")
    public String ruleSet(@RestCookie(ConsoleSessions.COOKIE) String session, @PathParam("ruleSet") String ruleSet) {
        return Templates.ruleSet(page(ruleSet, session), ruleSets.row(ruleSet), ruleSets.files(ruleSet)).render();
    }

    /** Each scenario of the serving version with what it fired, and how many scenarios fire each rule. */
    @GET
    @Path("rulesets/{ruleSet}/scenarios")
    public String scenarios(@RestCookie(ConsoleSessions.COOKIE) String session, @PathParam("ruleSet") String ruleSet) {
        RuleSetStatus status = ruleSets.status(ruleSet);
        List<Coverage.RuleCoverage> coverage = status.coverage() == null ? List.of() : status.coverage();
        int uncovered = status.uncoveredRules() == null ? 0 : status.uncoveredRules().size();
        return Templates.scenarios(page("Scenarios of " + ruleSet, session), ruleSets.row(ruleSet), status.scenarios(),
                coverage, uncovered).render();
    }

    @GET
    @Path("rulesets/{ruleSet}/scenarios/{file}")
    public String scenario(@RestCookie(ConsoleSessions.COOKIE) String session, @PathParam("ruleSet") String ruleSet,
                           @PathParam("file") String file) {
        RuleSetRow row = ruleSets.row(ruleSet);
        String text = ruleSets.scenario(ruleSet, file);
        return Templates.scenario(page("Scenario " + file, session), row, file, false, text, row.version(),
                lines(text, List.of()), null, null, null).render();
    }

    /**
     * A new scenario in the editor: from the REST request behind a logged decision when
     * {@code decision} is given (as {@code POST /api/decisions/{id}/scenario} answers it), else an outline.
     */
    @GET
    @Path("rulesets/{ruleSet}/new-scenario")
    public String newScenario(@RestCookie(ConsoleSessions.COOKIE) String session, @PathParam("ruleSet") String ruleSet,
                              @QueryParam("decision") Long decision) {
        RuleSetRow row = ruleSets.row(ruleSet);
        String file = "";
        String text = OUTLINE;
        String problem = null;
        if (decision != null) {
            try {
                DecisionScenarios.Scenario scenario = fromDecisions.of(decision);
                if (!scenario.ruleSet().equals(ruleSet)) {
                    throw new NotFoundException("decision " + decision + " belongs to rule set " + scenario.ruleSet(), "decision");
                }
                file = scenario.file();
                text = scenario.yaml();
            } catch (NotFoundException | ConflictException e) {
                problem = e.getMessage();
            }
        }
        return Templates.scenario(page("New scenario of " + ruleSet, session), row, file, true, text, row.version(),
                lines(text, List.of()), null, null, problem).render();
    }

    /** Validate or save a scenario: saving writes it once every scenario passes against the serving rules. */
    @POST
    @Path("rulesets/{ruleSet}/scenarios")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response editScenario(@RestCookie(ConsoleSessions.COOKIE) String session, @PathParam("ruleSet") String ruleSet,
                                 @RestForm String csrf, @RestForm String file, @RestForm String text,
                                 @RestForm boolean isNew, @RestForm @Pattern(regexp = VERSION) String baseVersion,
                                 @RestForm String action, @RestForm("accept") List<String> accept) {
        Operator operator = formOf(session, csrf);
        String draft = text == null ? "" : text.replace("\r\n", "\n");
        ConsolePage page = ConsolePage.of(isNew ? "New scenario of " + ruleSet : "Scenario " + file, "rulesets", operator);
        try {
            ruleSets.requireScenarioName(ruleSet, file, isNew);
        } catch (InvalidInputException e) {
            return page(400, Templates.scenario(page, ruleSets.row(ruleSet), file, isNew, draft, baseVersion,
                    lines(draft, List.of()), null, null, e.getMessage()));
        }
        Outcome outcome = switch (action == null ? "" : action) {
            case "validate" -> ruleSets.validateScenario(ruleSet, file, draft, ticked(accept));
            case "activate" -> {
                if (baseVersion == null) {
                    throw new InvalidInputException("baseVersion", "the version the draft was made from is required");
                }
                yield ruleSets.activateScenario(ruleSet, file, draft, ticked(accept), baseVersion, operator.name());
            }
            case "remove" -> {
                if (isNew) {
                    throw new InvalidInputException("action", "a new scenario has nothing to remove");
                }
                if (baseVersion == null) {
                    throw new InvalidInputException("baseVersion", "the version the scenario was opened at is required");
                }
                yield ruleSets.activate(ruleSet, Map.of(), List.of(), List.of(file), baseVersion, operator.name());
            }
            default -> throw new InvalidInputException("action", "validate, activate or remove");
        };
        RuleSetRow row = ruleSets.row(ruleSet);
        boolean saved = outcome.kind() == Outcome.Kind.ACTIVATED;
        boolean removed = saved && "remove".equals(action);
        ScenarioResult result = outcome.scenarios().stream().filter(r -> r.file().equals(file)).findFirst().orElse(null);
        // a removed scenario stays in the editor as a new one: saving it again undoes the removal
        return page(status(outcome), Templates.scenario(page, row, file, removed || isNew && !saved, draft,
                saved ? row.version() : baseVersion, lines(draft, List.of()), outcome, result, null));
    }

    @GET
    @Path("rulesets/{ruleSet}/files/{file}")
    public String file(@RestCookie(ConsoleSessions.COOKIE) String session, @PathParam("ruleSet") String ruleSet,
                       @PathParam("file") String file) {
        RuleSetRow row = ruleSets.row(ruleSet);
        String text = ruleSets.file(ruleSet, file);
        return Templates.file(page(file, session), row, file, text, row.version(), lines(text, List.of()), null)
                .render();
    }

    /** Validate, preview or activate the edited file; the draft stays in the editor whatever comes of it. */
    @POST
    @Path("rulesets/{ruleSet}/files/{file}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response editFile(@RestCookie(ConsoleSessions.COOKIE) String session, @PathParam("ruleSet") String ruleSet,
                             @PathParam("file") String file, @RestForm String csrf, @RestForm String text,
                             @RestForm @Pattern(regexp = VERSION) String baseVersion, @RestForm String action,
                             @RestForm("accept") List<String> accept, @RestForm("remove") List<String> remove) {
        Operator operator = formOf(session, csrf);
        ruleSets.file(ruleSet, file);
        String draft = text == null ? "" : text.replace("\r\n", "\n");
        Outcome outcome = send(ruleSet, Map.of(file, draft), ticked(accept), ticked(remove), baseVersion, action,
                operator);
        RuleSetRow row = ruleSets.row(ruleSet);
        String base = outcome.kind() == Outcome.Kind.ACTIVATED ? row.version() : baseVersion;
        return page(status(outcome), Templates.file(ConsolePage.of(file, "rulesets", operator), row, file, draft, base,
                lines(draft, outcome.errorLines(file)), outcome));
    }

    @GET
    @Path("rulesets/{ruleSet}/policies")
    public String policies(@RestCookie(ConsoleSessions.COOKIE) String session, @PathParam("ruleSet") String ruleSet) {
        RuleSetRow row = ruleSets.row(ruleSet);
        List<PolicyNumbers.Field> fields = ruleSets.policies(ruleSet);
        return Templates.policies(page("Policy numbers of " + ruleSet, session), row, groups(fields), values(fields),
                row.version(), null, null).render();
    }

    /** Policy numbers saved as an edit of the rule files that declare them: previewed or activated as any edit. */
    @POST
    @Path("rulesets/{ruleSet}/policies")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response editPolicies(@RestCookie(ConsoleSessions.COOKIE) String session,
                                 @PathParam("ruleSet") String ruleSet, MultivaluedMap<String, String> form) {
        Operator operator = formOf(session, form.getFirst("csrf"));
        String baseVersion = form.getFirst("baseVersion");
        if (baseVersion == null || !baseVersion.matches(VERSION)) {
            throw new InvalidInputException("baseVersion", "the version the form was made from is required");
        }
        List<PolicyNumbers.Field> fields = ruleSets.policies(ruleSet);
        Map<String, String> values = values(fields);
        for (PolicyNumbers.Field field : fields) {
            String given = form.getFirst(field.formName());
            if (given != null) {
                values.put(field.formName(), given);
            }
        }
        ConsolePage page = ConsolePage.of("Policy numbers of " + ruleSet, "rulesets", operator);
        Outcome outcome;
        try {
            outcome = send(ruleSet, ruleSets.policyDraft(ruleSet, values), ticked(form.get("accept")),
                    ticked(form.get("remove")), baseVersion, form.getFirst("action"), operator);
        } catch (InvalidInputException e) {
            return page(400, Templates.policies(page, ruleSets.row(ruleSet), groups(fields), values, baseVersion, null,
                    e.getMessage()));
        }
        RuleSetRow row = ruleSets.row(ruleSet);
        if (outcome.kind() == Outcome.Kind.ACTIVATED) {
            fields = ruleSets.policies(ruleSet);
            values = values(fields);
            baseVersion = row.version();
        }
        return page(status(outcome), Templates.policies(page, row, groups(fields), values, baseVersion, outcome, null));
    }

    @GET
    @Path("rulesets/{ruleSet}/versions")
    public String versions(@RestCookie(ConsoleSessions.COOKIE) String session, @PathParam("ruleSet") String ruleSet) {
        return Templates.versions(page("History of " + ruleSet, session), ruleSets.row(ruleSet),
                ruleSets.versions(ruleSet, HISTORY_SHOWN), null, null).render();
    }

    @GET
    @Path("rulesets/{ruleSet}/versions/{version}")
    public String diff(@RestCookie(ConsoleSessions.COOKIE) String session, @PathParam("ruleSet") String ruleSet,
                       @PathParam("version") @Pattern(regexp = VERSION) String version) {
        SortedMap<String, byte[]> files = history.files(ruleSet, version).orElseThrow(() -> neverServed(ruleSet, version));
        String base = history.versionBefore(ruleSet, version).orElse(null);
        SortedMap<String, byte[]> baseFiles = base == null ? new TreeMap<>()
                : history.files(ruleSet, base).orElseThrow(() -> neverServed(ruleSet, base));
        return Templates.diff(page("Version " + version, session), ruleSets.row(ruleSet), version,
                DiffLine.of(VersionDiff.between(base == null ? "none" : base, baseFiles, version, files))).render();
    }

    @POST
    @Path("rulesets/{ruleSet}/rollback")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rollback(@RestCookie(ConsoleSessions.COOKIE) String session, @PathParam("ruleSet") String ruleSet,
                             @RestForm String csrf, @RestForm @Pattern(regexp = VERSION) String version,
                             @RestForm("accept") List<String> accept) {
        Operator operator = formOf(session, csrf);
        if (version == null) {
            throw new InvalidInputException("version", "the version to put back is required");
        }
        Outcome outcome = ruleSets.rollback(ruleSet, version, ticked(accept), operator.name());
        return page(status(outcome), Templates.versions(ConsolePage.of("History of " + ruleSet, "rulesets", operator),
                ruleSets.row(ruleSet), ruleSets.versions(ruleSet, HISTORY_SHOWN), outcome,
                outcome.kind() == Outcome.Kind.ACTIVATED ? null : version));
    }

    /** A preview's progress or result, polled by the page that started it while it runs. */
    @GET
    @Path("previews/{id}")
    public String preview(@PathParam("id") String id) {
        return Templates.preview(previews.find(id)).render();
    }

    /**
     * Sends a draft on; {@code accepted} names the scenarios whose new expectation the operator
     * ticked and {@code removed} those to remove: they are checked and written with the draft (a
     * preview replays facts, not scenarios).
     */
    private Outcome send(String ruleSet, Map<String, String> edits, List<String> accepted, List<String> removed,
                         String baseVersion, String action, Operator operator) {
        return switch (action == null ? "" : action) {
            case "validate" -> ruleSets.validate(ruleSet, edits, accepted, removed);
            case "preview" -> ruleSets.preview(ruleSet, edits);
            case "activate" -> {
                if (baseVersion == null) {
                    throw new InvalidInputException("baseVersion", "the version the draft was made from is required");
                }
                yield ruleSets.activate(ruleSet, edits, accepted, removed, baseVersion, operator.name());
            }
            default -> throw new InvalidInputException("action", "validate, preview or activate");
        };
    }

    /** Where a new scenario starts when no decision is given: the shape, with what each part is for. */
    private static final String OUTLINE = """
            # What this case checks, and the arithmetic behind the expected decisions.
            now: "2026-01-01T10:00:00+08:00"
            facts:
              - {}
            expect:
              - {type: , subject: }
            """;

    /** The scenario names a form's boxes sent, once each. */
    private static List<String> ticked(List<String> names) {
        return names == null ? List.of() : names.stream().filter(name -> name != null && !name.isBlank()).distinct().toList();
    }

    private static int status(Outcome outcome) {
        return switch (outcome.kind()) {
            case STALE -> 409;
            case INVALID -> 422;
            default -> 200;
        };
    }

    private static List<PolicyGroup> groups(List<PolicyNumbers.Field> fields) {
        Map<List<String>, List<PolicyNumbers.Field>> byPolicy = new java.util.LinkedHashMap<>();
        fields.forEach(field -> byPolicy.computeIfAbsent(List.of(field.file(), field.policy()), k -> new java.util.ArrayList<>())
                .add(field));
        return byPolicy.entrySet().stream()
                .map(group -> new PolicyGroup(group.getKey().get(0), group.getKey().get(1), group.getValue())).toList();
    }

    private static Map<String, String> values(List<PolicyNumbers.Field> fields) {
        Map<String, String> values = new HashMap<>();
        fields.forEach(field -> values.put(field.formName(), field.value()));
        return values;
    }

    private static List<Line> lines(String text, List<Integer> errors) {
        int count = (int) text.chars().filter(c -> c == '\n').count() + 1;
        return IntStream.rangeClosed(1, count).mapToObj(n -> new Line(n, errors.contains(n))).toList();
    }

    private ConsolePage page(String title, String session) {
        return ConsolePage.of(title, "rulesets", operator(session));
    }

    private Operator operator(String session) {
        // the gate let the request through, so the session reads; it may have expired in between
        return sessions.read(session).orElseThrow(FormRefusedException::new);
    }

    private Operator formOf(String session, String csrf) {
        Operator operator = operator(session);
        if (!sessions.formTokenMatches(operator, csrf)) {
            throw new FormRefusedException();
        }
        return operator;
    }

    private static Response page(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page.render()).build();
    }

    private static NotFoundException neverServed(String ruleSet, String version) {
        return new NotFoundException("rule set " + ruleSet + " never served version " + version, "version");
    }
}
