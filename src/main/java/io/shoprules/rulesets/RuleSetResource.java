package io.shoprules.rulesets;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoprules.access.Roles;
import io.shoprules.decisions.DecisionResponse;
import io.shoprules.decisions.DecisionService;
import io.shoprules.decisions.DecisionSource;
import io.shoprules.engine.EngineConfig;
import io.shoprules.cluster.RuleSetOverview;
import io.shoprules.engine.ReloadOutcome;
import io.shoprules.engine.RuleSetSource;
import io.shoprules.engine.RuleSetStatus;
import io.shoprules.engine.RuleSets;
import io.shoprules.engine.ScenarioRunner;
import io.shoprules.engine.ValidationReport;
import io.shoprules.errors.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@Path("/api/rulesets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rule sets")
@RolesAllowed(Roles.OPS)
public class RuleSetResource {

    private final RuleSets ruleSets;
    private final RuleSetOverview overview;
    private final DecisionService decisions;
    /** No draft file may be larger than a whole rule set may be. */
    private final long maxFileBytes;

    public RuleSetResource(RuleSets ruleSets, RuleSetOverview overview, DecisionService decisions, EngineConfig config) {
        this.ruleSets = ruleSets;
        this.overview = overview;
        this.decisions = decisions;
        this.maxFileBytes = config.rules().maxRuleSetBytes();
    }

    @GET
    @Operation(summary = "Every rule set: serving version, rules, scenario results, last rejected edit, and the"
            + " version each live instance serves")
    public List<RuleSetOverview.RuleSetAcrossInstances> list() {
        return overview.all();
    }

    @POST
    @Path("reload")
    @Operation(summary = "Re-read the rules folder now", description = "What the file watcher does on its own.")
    public List<ReloadOutcome> reload() {
        return ruleSets.reloadAll();
    }

    @POST
    @Path("{ruleSet}/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Compile a draft and run the scenarios against it, without activating it",
            description = "files and scenarios map file names to their new text; null removes a file. accept names"
                    + " scenario files that are to expect what the draft decides, as activate would write them;"
                    + " accepted lists each with its diff.")
    @APIResponse(responseCode = "200", description = "The report; valid is false when the draft would be rejected")
    public ValidationReport validate(@PathParam("ruleSet") String ruleSet, @Valid DraftRequest draft) {
        DraftRequest given = draft == null ? new DraftRequest(null, null, null) : draft;
        RuleSetSource.requirePlainFileNames("files", given.files());
        RuleSetSource.requirePlainFileNames("scenarios", given.scenarios());
        given.files().forEach((name, text) -> checkSize("files[" + name + "]",
                text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length));
        return ruleSets.validate(ruleSet, given.files(), given.scenarios(), given.accept());
    }

    @POST
    @Path("{ruleSet}/validate")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Validate a draft uploaded as files",
            description = "Each part's file name says what it is: *.yaml and *.yml are scenarios, the rest rule-set files.")
    public ValidationReport validateUpload(@PathParam("ruleSet") String ruleSet,
                                           @RestForm(FileUpload.ALL) List<FileUpload> uploads) {
        Map<String, String> files = new HashMap<>();
        Map<String, String> scenarios = new HashMap<>();
        for (FileUpload upload : uploads) {
            String name = upload.fileName() == null ? upload.name() : upload.fileName();
            checkSize(name, upload.size());
            (ScenarioRunner.isScenarioFile(name) ? scenarios : files).put(name, read(upload));
        }
        RuleSetSource.requirePlainFileNames("files", files);
        RuleSetSource.requirePlainFileNames("scenarios", scenarios);
        return ruleSets.validate(ruleSet, files, scenarios);
    }

    @POST
    @Path("{ruleSet}/scenarios/rebaseline")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-baseline accepted scenarios to what a draft decides, without writing them",
            description = "files and scenarios are the draft, as for validate; accept names the scenario files whose"
                    + " new expectation the reviewer accepts. Each answer holds the whole file with only its expect"
                    + " block replaced (comments, now, facts, exactly and expectNone as written) and a unified diff.")
    @APIResponse(responseCode = "200", description = "One entry per accepted file: PROPOSED with yaml and diff, PASSES, or NOT_RUN")
    @APIResponse(responseCode = "400", description = "A name in accept is not a scenario of the rule set; the field names it")
    @APIResponse(responseCode = "422", description = "The draft does not compile")
    public RebaselineAnswer rebaseline(@PathParam("ruleSet") String ruleSet, @Valid RebaselineRequest request) {
        RebaselineRequest given = request == null ? new RebaselineRequest(null, null, null) : request;
        RuleSetSource.requirePlainFileNames("files", given.files());
        RuleSetSource.requirePlainFileNames("scenarios", given.scenarios());
        return new RebaselineAnswer(ruleSet,
                ruleSets.rebaseline(ruleSet, given.files(), given.scenarios(), given.accept()));
    }

    @POST
    @Path("{ruleSet}/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decisions of a rule set whose fact and decision types its rule files declare",
            description = "For member, delivery, review, metrics and any rule set added as a folder whose rules declare"
                    + " a @fact type: the facts are read and checked against the declarations (GET"
                    + " /api/rulesets/{ruleSet}/schema gives their JSON Schema). The rule sets typed in Java (inventory,"
                    + " cart, complaint, listing) answer on their own endpoints at this same path.")
    @APIResponse(responseCode = "200", description = "The decisions, each with type, subject, rule and its declared fields")
    @APIResponse(responseCode = "400", description = "A fact is missing a field or has an invalid one; the problem names it, e.g. facts[2].rating")
    @APIResponse(responseCode = "404", description = "No such rule set, or it declares no fact type")
    @APIResponse(responseCode = "503", description = "The rule set's folder exists but no version of it passed its checks")
    @RolesAllowed({Roles.SHOP, Roles.OPS})
    public DecisionResponse decide(@PathParam("ruleSet") String ruleSet, @NotNull @Valid DeclaredDecisionRequest request) {
        return DecisionResponse.of(decisions.decideDeclared(ruleSet, request.now(), request.facts(), DecisionSource.REST));
    }

    @GET
    @Path("{ruleSet}/schema")
    @Operation(summary = "JSON Schema (draft 2020-12) of a declared rule set's facts and decisions",
            description = "Derived from the serving version's declarations: the request ({now, facts}), the fact type"
                    + " with its required fields and bounds under $defs, and every decision type under $defs/decision.")
    @APIResponse(responseCode = "200", description = "The schema")
    @APIResponse(responseCode = "404", description = "No such rule set, or a rule set typed in Java (its types are in this OpenAPI document)")
    @RolesAllowed({Roles.SHOP, Roles.OPS})
    public JsonNode schema(@PathParam("ruleSet") String ruleSet) {
        return ruleSets.schema(ruleSet);
    }

    private void checkSize(String field, long bytes) {
        if (bytes > maxFileBytes) {
            throw new InvalidInputException(field, String.format("%,d bytes: a rule set's files may hold %,d bytes together"
                    + " (shoprules.rules.max-rule-set-bytes)", bytes, maxFileBytes));
        }
    }

    private static String read(FileUpload upload) {
        try {
            return Files.readString(upload.uploadedFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
