package io.shoprules.facts;

import io.shoprules.access.Roles;
import io.shoprules.errors.NotFoundException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/facts/{ruleSet}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "stored facts")
@RolesAllowed(Roles.SHOP)
public class FactResource {

    /** No control characters: a NUL in the path reached the database and came back as a 500. */
    private static final String FACT_ID = "\\P{Cntrl}*";
    private static final String NO_CONTROLS = "must not contain control characters";

    private final FactService facts;

    public FactResource(FactService facts) {
        this.facts = facts;
    }

    @PUT
    @Operation(summary = "Store facts for the scheduled checks",
            description = "Upserts facts by their id in one transaction: all or nothing. Posting the same batch twice changes nothing.")
    @APIResponse(responseCode = "200", description = "How many facts were created, updated and left unchanged")
    @APIResponse(responseCode = "400", description = "A fact is invalid or an id repeats; the problem names it and nothing was stored")
    @APIResponse(responseCode = "404", description = "No such rule set")
    public UpsertResult upsert(@PathParam("ruleSet") String ruleSet, @NotNull @Valid FactsRequest request) {
        return facts.upsert(ruleSet, request.facts());
    }

    @GET
    @Path("{factId}")
    @Operation(summary = "A stored fact, as the next scheduled check will see it")
    @APIResponse(responseCode = "404", description = "No such rule set or fact")
    public StoredFactView find(@PathParam("ruleSet") String ruleSet,
                               @PathParam("factId") @Size(max = 128) @Pattern(regexp = FACT_ID, message = NO_CONTROLS) String factId) {
        return facts.find(ruleSet, factId)
                .orElseThrow(() -> new NotFoundException("no " + ruleSet + " fact '" + factId + "' is stored", null));
    }

    @DELETE
    @Path("{factId}")
    @Operation(summary = "Forget a stored fact (a cart that was paid, a listing taken down)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such rule set or fact")
    public void delete(@PathParam("ruleSet") String ruleSet,
                       @PathParam("factId") @Size(max = 128) @Pattern(regexp = FACT_ID, message = NO_CONTROLS) String factId) {
        if (!facts.delete(ruleSet, factId)) {
            throw new NotFoundException("no " + ruleSet + " fact '" + factId + "' is stored", null);
        }
    }
}
