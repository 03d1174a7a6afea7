package io.shoprules.actions;

import io.shoprules.access.Roles;
import io.shoprules.engine.IsoTimes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.shoprules.errors.InvalidInputException;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/actions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "actions")
@RolesAllowed(Roles.SHOP)
public class ActionResource {

    private final Outbox outbox;
    private final Approvals approvals;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public ActionResource(Outbox outbox, Approvals approvals, SecurityIdentity identity, ObjectMapper json) {
        this.outbox = outbox;
        this.approvals = approvals;
        this.identity = identity;
        this.json = json;
    }

    @GET
    @Operation(summary = "Actions from the outbox, oldest first, each with its status and the reason for it",
            description = "Filter by type, status, rule set, subject and creation time; page with afterId (keyset) or page/size."
                    + " Reading changes nothing: re-checks run when an action is pushed or released, and when its facts are re-posted.")
    public List<ActionView> find(@QueryParam("type") @Pattern(regexp = "[A-Z_]{1,64}") String type,
                                 @QueryParam("status") @Pattern(regexp = "PENDING|DELIVERED|FAILED|ACKED|HELD|SUPPRESSED|CANCELLED|EXPIRED|PENDING_APPROVAL|REJECTED") String status,
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

    @POST
    @Path("{id}/approve")
    @RolesAllowed(Roles.OPS)
    @Operation(summary = "Approve an action that waits for approval: it goes on to delivery",
            description = "Recorded with the API key's name, the time and the optional note. Approving an approved action"
                    + " again answers it as it is (the first approval stays on record).")
    @APIResponse(responseCode = "404", description = "No such action")
    @APIResponse(responseCode = "400", description = "The body is not the JSON of a note, or the note is too long (field: note)")
    @APIResponse(responseCode = "409", description = "The action does not wait for approval; detail names its status")
    public ActionView approve(@PathParam("id") long id, @RequestBody(content = @Content(schema = @Schema(implementation = ApprovalRequest.class)))
                              String body) throws JsonProcessingException {
        return approvals.approve(id, identity.getPrincipal().getName(), note(body));
    }

    @POST
    @Path("{id}/reject")
    @RolesAllowed(Roles.OPS)
    @Operation(summary = "Reject an action that waits for approval: it is never delivered, and its coupon is void",
            description = "Recorded with the API key's name, the time and the optional note. Rejecting a rejected action"
                    + " again answers it as it is.")
    @APIResponse(responseCode = "404", description = "No such action")
    @APIResponse(responseCode = "400", description = "The body is not the JSON of a note, or the note is too long (field: note)")
    @APIResponse(responseCode = "409", description = "The action does not wait for approval; detail names its status")
    public ActionView reject(@PathParam("id") long id, @RequestBody(content = @Content(schema = @Schema(implementation = ApprovalRequest.class)))
                             String body) throws JsonProcessingException {
        return approvals.reject(id, identity.getPrincipal().getName(), note(body));
    }

    /**
     * The note of an optional body. Taken as text, so that a verdict without a body needs no
     * Content-Type (a typed body answered such a POST 415); read with the service's strict JSON.
     */
    private String note(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return null;
        }
        String note = json.readValue(body, ApprovalRequest.class).note();
        if (note != null && note.length() > ApprovalRequest.MAX_NOTE) {
            throw new InvalidInputException("note", "at most " + ApprovalRequest.MAX_NOTE + " characters");
        }
        return note;
    }
}
