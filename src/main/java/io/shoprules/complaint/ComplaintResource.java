package io.shoprules.complaint;

import io.shoprules.access.Roles;
import io.shoprules.decisions.DecisionResponse;
import io.shoprules.decisions.DecisionService;
import io.shoprules.decisions.DecisionSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/rulesets/complaint/decisions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "complaint")
@RolesAllowed(Roles.SHOP)
public class ComplaintResource {

    private final DecisionService decisions;

    public ComplaintResource(DecisionService decisions) {
        this.decisions = decisions;
    }

    @POST
    @Operation(summary = "Compensation, refunds, escalations and crisis alerts for complaints")
    @APIResponse(responseCode = "200", description = "COMPENSATION, FAST_REFUND, MANUAL_REVIEW, ESCALATION, SLA_WARNING and CRISIS_ALERT decisions, each naming its rule")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid; the problem names it")
    public DecisionResponse decide(@NotNull @Valid ComplaintDecisionRequest request) {
        return DecisionResponse.of(decisions.decide(ComplaintRuleSet.NAME, request.now(), request.facts(), DecisionSource.REST));
    }
}
