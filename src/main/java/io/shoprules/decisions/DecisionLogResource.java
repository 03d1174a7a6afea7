package io.shoprules.decisions;

import io.shoprules.engine.IsoTimes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoprules.access.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;

@Path("/api/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "decision log")
@RolesAllowed(Roles.OPS)
public class DecisionLogResource {

    private final DecisionLog log;
    private final ObjectMapper json;

    public DecisionLogResource(DecisionLog log, ObjectMapper json) {
        this.log = log;
        this.json = json;
    }

    @GET
    @Operation(summary = "Recorded decisions, newest first",
            description = "Every decision made over REST or by a job, with the rule-set version and rule that made it.")
    public List<LoggedDecision> find(@QueryParam("ruleSet") @Size(max = 64) String ruleSet,
                                     @QueryParam("subject") @Size(max = 128) String subject,
                                     @QueryParam("type") @Pattern(regexp = "[A-Z_]{1,64}") String type,
                                     @QueryParam("since") String since,
                                     @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
                                     @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        DecisionQuery query = new DecisionQuery(ruleSet, subject, type, IsoTimes.parse("since", since), page, size);
        return log.find(query).stream().map(this::toView).toList();
    }


    private LoggedDecision toView(DecisionLogEntry entry) {
        try {
            return new LoggedDecision(entry.id, entry.ruleSet, entry.version, entry.rule, entry.type, entry.subject,
                    Arrays.asList(entry.factIds.split(",")), DecisionSource.valueOf(entry.source), entry.evaluatedAt,
                    entry.decidedAt, json.readTree(entry.payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision " + entry.id + " has an unreadable payload", e);
        }
    }
}
