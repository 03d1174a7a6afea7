package io.shoprules.listing;

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

@Path("/api/rulesets/listing/decisions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "listing")
@RolesAllowed(Roles.SHOP)
public class ListingResource {

    private final DecisionService decisions;

    public ListingResource(DecisionService decisions) {
        this.decisions = decisions;
    }

    @POST
    @Operation(summary = "Banned-term and certificate checks of listing copy, with a verdict per listing")
    @APIResponse(responseCode = "200", description = "VIOLATION, QUALIFICATION and one VERDICT (PASS, WARN, BLOCK) per listing, each naming its rule")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid; the problem names it")
    public DecisionResponse decide(@NotNull @Valid ListingDecisionRequest request) {
        return DecisionResponse.of(decisions.decide(ListingRuleSet.NAME, request.now(), request.facts(), DecisionSource.REST));
    }
}
