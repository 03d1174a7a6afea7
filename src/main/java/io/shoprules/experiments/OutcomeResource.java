package io.shoprules.experiments;

import io.shoprules.access.Roles;
import io.shoprules.errors.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Outcomes the shop backend reports (a reminded cart got paid), credited to the subject's variant. */
@Path("/api/outcomes")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "experiments")
@RolesAllowed({Roles.SHOP, Roles.OPS})
public class OutcomeResource {

    private final Outcomes outcomes;

    public OutcomeResource(Outcomes outcomes) {
        this.outcomes = outcomes;
    }

    @POST
    @Operation(summary = "Report an outcome of a subject; the same ruleSet, subject, outcome and at twice changes nothing")
    @APIResponse(responseCode = "201", description = "Stored and counted in the experiment's results")
    @APIResponse(responseCode = "202", description = "Stored but not counted: the subject had no decision in the"
            + " running (or latest) experiment of the rule set, or there is none")
    @APIResponse(responseCode = "200", description = "Posted before; nothing changed")
    @APIResponse(responseCode = "409", description = "Posted before with another value")
    public Response report(@Valid OutcomeRequest request) {
        if (request == null) {
            throw new InvalidInputException("ruleSet", "an outcome needs ruleSet, subject, outcome and at");
        }
        OutcomeReceipt receipt = outcomes.record(request);
        Response.Status status = receipt.repeated() ? Response.Status.OK
                : receipt.counted() ? Response.Status.CREATED : Response.Status.ACCEPTED;
        return Response.status(status).entity(receipt).build();
    }
}
