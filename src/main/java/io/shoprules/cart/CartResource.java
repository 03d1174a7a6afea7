package io.shoprules.cart;

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

@Path("/api/rulesets/cart/decisions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cart")
@RolesAllowed(Roles.SHOP)
public class CartResource {

    private final DecisionService decisions;

    public CartResource(DecisionService decisions) {
        this.decisions = decisions;
    }

    @POST
    @Operation(summary = "Abandoned-cart reminders and free-shipping nudges for carts")
    @APIResponse(responseCode = "200", description = "CART_REMINDER and FREE_SHIPPING_NUDGE decisions, each naming its rule")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid; the problem names it")
    public DecisionResponse decide(@NotNull @Valid CartDecisionRequest request) {
        return DecisionResponse.of(decisions.decide(CartRuleSet.NAME, request.now(), request.facts(), DecisionSource.REST));
    }
}
