package io.shoprules.versions;

import io.quarkus.security.identity.SecurityIdentity;
import io.shoprules.access.Roles;
import io.shoprules.engine.ActivationSource;
import io.shoprules.engine.RuleSetSource;
import io.shoprules.engine.RuleSets;
import io.shoprules.engine.ValidationReport;
import io.shoprules.errors.InvalidInputException;
import io.shoprules.errors.NotFoundException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** The change workflow of a rule set: its history, diffs, activation of a draft, rollback. */
@Path("/api/rulesets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rule set versions")
@RolesAllowed(Roles.OPS)
public class VersionResource {

    private static final String VERSION = "[0-9a-f]{1,64}";

    /** A draft to activate: as for validate (with {@code accept}), plus the version it was made from. */
    public record ActivateRequest(
            @NotBlank @Pattern(regexp = VERSION) String baseVersion,
            @Size(max = 200) Map<String, @Size(max = 2_000_000) String> files,
            @Size(max = 1000) Map<String, @Size(max = 1_000_000) String> scenarios,
            @Size(max = 1000) List<@Size(max = 128) String> accept) {
    }

    /** The version to put back; {@code accept} as for activate, for scenarios changed since. */
    public record RollbackRequest(@NotBlank @Pattern(regexp = VERSION) String version,
                                  @Size(max = 1000) List<@Size(max = 128) String> accept) {
    }

    private final RuleSets ruleSets;
    private final VersionHistory history;
    private final Rollbacks rollbacks;
    private final SecurityIdentity identity;

    public VersionResource(RuleSets ruleSets, VersionHistory history, Rollbacks rollbacks, SecurityIdentity identity) {
        this.ruleSets = ruleSets;
        this.history = history;
        this.rollbacks = rollbacks;
        this.identity = identity;
    }

    @GET
    @Path("{ruleSet}/versions")
    @Operation(summary = "Every activation of the rule set, newest first: version, when, source, author, changed files, scenarios")
    public List<VersionView> versions(@PathParam("ruleSet") String ruleSet,
                                      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        ruleSets.definitionOrFolder(ruleSet);
        return history.list(ruleSet, limit);
    }

    @GET
    @Path("{ruleSet}/versions/{version}")
    @Operation(summary = "One version with its files")
    @APIResponse(responseCode = "404", description = "No such version was ever activated")
    public VersionView version(@PathParam("ruleSet") String ruleSet, @PathParam("version") String version) {
        return history.show(ruleSet, version).orElseThrow(() -> unknown(ruleSet, version));
    }

    @GET
    @Path("{ruleSet}/versions/{version}/diff")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "A unified diff of the version against the one before it, or against ?against=")
    public String diff(@PathParam("ruleSet") String ruleSet, @PathParam("version") String version,
                       @QueryParam("against") @Pattern(regexp = VERSION) String against) {
        SortedMap<String, byte[]> files = history.files(ruleSet, version).orElseThrow(() -> unknown(ruleSet, version));
        String base = against != null ? against : history.versionBefore(ruleSet, version).orElse(null);
        SortedMap<String, byte[]> baseFiles = base == null ? new java.util.TreeMap<>()
                : history.files(ruleSet, base).orElseThrow(() -> unknown(ruleSet, base));
        return VersionDiff.between(base == null ? "none" : base, baseFiles, version, files);
    }

    @POST
    @Path("{ruleSet}/activate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Validate a draft and, when it passes, write its files and make it serve",
            description = "files and scenarios map file names to their new text; null removes a file. accept names"
                    + " scenario files that are to expect what the draft decides: each that fails is re-baselined"
                    + " (only its expect block changes) and written with the draft.")
    @APIResponse(responseCode = "200", description = "Activated: the report of the new version")
    @APIResponse(responseCode = "409", description = "baseVersion no longer serves; nothing was written")
    @APIResponse(responseCode = "422", description = "The draft failed its checks; nothing was written")
    public ValidationReport activate(@PathParam("ruleSet") String ruleSet, @Valid ActivateRequest draft) {
        if (draft == null) {
            throw new InvalidInputException("baseVersion", "a draft with the version it was made from is required");
        }
        return ruleSets.activate(ruleSet, bytes("files", draft.files()), bytes("scenarios", draft.scenarios()),
                draft.accept() == null ? List.of() : draft.accept(), draft.baseVersion(), ActivationSource.API, author());
    }

    @POST
    @Path("{ruleSet}/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Put an earlier version's files back and make it serve, once it passes today's scenarios",
            description = "accept names scenario files changed since that are to expect what the earlier version"
                    + " decides, as for activate.")
    @APIResponse(responseCode = "404", description = "No such version was ever activated")
    @APIResponse(responseCode = "422", description = "The version fails today's scenarios; nothing was written")
    public ValidationReport rollback(@PathParam("ruleSet") String ruleSet, @Valid RollbackRequest request) {
        if (request == null) {
            throw new InvalidInputException("version", "the version to put back is required");
        }
        return rollbacks.to(ruleSet, request.version(), request.accept() == null ? List.of() : request.accept(), author());
    }

    private String author() {
        return identity.getPrincipal().getName();
    }

    private static Map<String, byte[]> bytes(String field, Map<String, String> texts) {
        RuleSetSource.requirePlainFileNames(field, texts);
        Map<String, byte[]> bytes = new HashMap<>();
        if (texts != null) {
            texts.forEach((name, text) -> bytes.put(name, text == null ? null : text.getBytes(StandardCharsets.UTF_8)));
        }
        return bytes;
    }

    private static NotFoundException unknown(String ruleSet, String version) {
        return new NotFoundException("rule set " + ruleSet + " never served version " + version, "version");
    }
}
