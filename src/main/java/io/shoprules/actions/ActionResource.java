package io.shoprules.actions;

import io.shoprules.access.Roles;
import io.shoprules.engine.IsoTimes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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

import java.util.List;

@Path("/api/actions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "actions")
@RolesAllowed(Roles.SHOP)
public class ActionResource {

    private final Outbox outbox;

    public ActionResource(Outbox outbox) {
        this.outbox = outbox;
    }

    @GET
    @Operation(summary = "Actions from the outbox, oldest first, each with its status and the reason for it",
            description = "Filter by type, status, rule set, subject and creation time; page with afterId (keyset) or page/size."
                    + " Reading changes nothing: re-checks run when an action is pushed or released, and when its facts are re-posted.")
    public List<ActionView> find(@QueryParam("type") @Pattern(regexp = "[A-Z_]{1,64}") String type,
                                 @QueryParam("status") @Pattern(regexp = "PENDING|DELIVERED|FAILED|ACKED|HELD|SUPPRESSED|CANCELLED|EXPIRED") String status,
                                 @QueryParam("ruleSet") @Size(max = 64) String ruleSet,
                                 @QueryParam("subject") @Size(max = 128) String subject,
                                 @QueryParam("since") String since,
                                 @QueryParam("afterId") @Min(0) Long afterId,
                                 @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
                                 @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return outbox.find(new ActionQuery(ruleSet, type, status == null ? null : ActionStatus.valueOf(status), subject,
                IsoTimes.parse("since", since), afterId, page, size));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One action")
    @APIResponse(responseCode = "404", description = "No such action")
    public ActionView get(@PathParam("id") long id) {
        return outbox.get(id);
    }

    @POST
    @Path("{id}/ack")
    @Operation(summary = "Acknowledge an action: the shop backend has carried it out (idempotent)")
    @APIResponse(responseCode = "404", description = "No such action")
    public ActionView ack(@PathParam("id") long id) {
        return outbox.ack(id);
    }

    @POST
    @Path("{id}/retry")
    @RolesAllowed(Roles.OPS)
    @Operation(summary = "Push a FAILED action to the webhook again, with a fresh set of attempts")
    @APIResponse(responseCode = "404", description = "No such action")
    @APIResponse(responseCode = "409", description = "The action was delivered or acknowledged already")
    public ActionView retry(@PathParam("id") long id) {
        return outbox.retry(id);
    }

}
