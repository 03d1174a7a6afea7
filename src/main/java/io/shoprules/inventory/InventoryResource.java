package io.shoprules.inventory;

import io.shoprules.access.Roles;
import io.shoprules.decisions.DecisionResponse;
import jakarta.annotation.security.RolesAllowed;
import io.shoprules.decisions.DecisionService;
import io.shoprules.decisions.DecisionSource;
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

@Path("/api/rulesets/inventory/decisions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "inventory")
@RolesAllowed(Roles.SHOP)
public class InventoryResource {

    private final DecisionService decisions;

    public InventoryResource(DecisionService decisions) {
        this.decisions = decisions;
    }

    @POST
    @Operation(summary = "Restock and clearance decisions for SKUs")
    @APIResponse(responseCode = "200", description = "RESTOCK and CLEARANCE decisions, each naming its rule")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid; the problem names it")
    public DecisionResponse decide(@NotNull @Valid InventoryDecisionRequest request) {
        return DecisionResponse.of(decisions.decide(InventoryRuleSet.NAME, request.now(), request.facts(), DecisionSource.REST));
    }
}
