package io.shoprules.decisions;

import io.shoprules.engine.IsoTimes;
import io.shoprules.access.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "decision log")
@RolesAllowed(Roles.OPS)
public class DecisionLogResource {

    private final DecisionLog log;
    private final DecisionScenarios scenarios;

    public DecisionLogResource(DecisionLog log, DecisionScenarios scenarios) {
        this.log = log;
        this.scenarios = scenarios;
    }

    @GET
    @Operation(summary = "Recorded decisions, newest first",
            description = "Every decision made over REST or by a job, with the rule-set version and rule that made it."
                    + " The log keeps the decisions one evaluation made of one type about one subject together: they"
                    + " share an id, and a page of size rows may list more decisions than size.")
    public List<LoggedDecision> find(@QueryParam("ruleSet") @Size(max = 64) String ruleSet,
                                     @QueryParam("subject") @Size(max = 128) String subject,
                                     @QueryParam("type") @Pattern(regexp = "[A-Z_]{1,64}") String type,
                                     @QueryParam("since") String since,
                                     @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
                                     @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        DecisionQuery query = new DecisionQuery(ruleSet, subject, type, IsoTimes.parse("since", since), page, size);
        return log.find(query);
    }

    @POST
    @Path("{id}/scenario")
    @Operation(summary = "The REST request behind a logged decision, as a scenario YAML (answered, not written)",
            description = "now, the request's facts as the service read them, exactly: true and every decision the"
                    + " request earned as expect. Save yaml as scenarios/<ruleSet>/<file>.")
    @APIResponse(responseCode = "200", description = "decisionId, ruleSet, a suggested file name and the yaml")
    @APIResponse(responseCode = "404", description = "No decision by that id")
    @APIResponse(responseCode = "409", description = "The decision came from a job (its input is the stored fact),"
            + " or its request's input is no longer recorded (retention), or a decision it earned was too long for the"
            + " log to keep whole")
    public DecisionScenarios.Scenario scenario(@PathParam("id") long id) {
        return scenarios.of(id);
    }
}
