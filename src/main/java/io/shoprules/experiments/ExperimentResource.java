package io.shoprules.experiments;

import io.quarkus.security.identity.SecurityIdentity;
import io.shoprules.access.Roles;
import io.shoprules.errors.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Experiments of a rule set: a challenger draft for a share of the subjects, its results, promote or stop. */
@Path("/api/rulesets/{ruleSet}/experiments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "experiments")
@RolesAllowed(Roles.OPS)
public class ExperimentResource {

    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final Experiments experiments;
    private final SecurityIdentity identity;

    public ExperimentResource(Experiments experiments, SecurityIdentity identity) {
        this.experiments = experiments;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The rule set's experiments, newest first, without results")
    public List<ExperimentView> list(@PathParam("ruleSet") String ruleSet) {
        return experiments.list(ruleSet);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start an experiment: a challenger draft decides for share percent of the subjects",
            description = "files and scenarios map file names to their new text, as for validate; null removes a file."
                    + " A subject is in the challenger when the first 8 bytes of SHA-256(name + \":\" + subject value),"
                    + " unsigned big-endian, mod 100 are below share.")
    @APIResponse(responseCode = "201", description = "Started: the experiment")
    @APIResponse(responseCode = "409", description = "The rule set runs an experiment already, or had one of this name")
    @APIResponse(responseCode = "422", description = "The challenger failed its checks; nothing was stored")
    public Response start(@PathParam("ruleSet") String ruleSet, @PathParam("name") @Pattern(regexp = NAME) String name,
                          @Valid ExperimentRequest request) {
        if (request == null) {
            throw new InvalidInputException("share", "an experiment needs files, share and subjectField");
        }
        return Response.status(Response.Status.CREATED).entity(experiments.start(ruleSet, name, request, author())).build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "The experiment and its results: per variant subjects, decisions, outcomes, conversion,"
            + " value per subject; the challenger's lift with a two-sided p-value and a 95 % interval")
    @APIResponse(responseCode = "404", description = "No such experiment")
    public ExperimentView show(@PathParam("ruleSet") String ruleSet, @PathParam("name") String name) {
        return experiments.show(ruleSet, name);
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Stop the experiment: the champion decides for everyone again")
    @APIResponse(responseCode = "404", description = "No such experiment")
    public ExperimentView stop(@PathParam("ruleSet") String ruleSet, @PathParam("name") String name) {
        return experiments.stop(ruleSet, name, author());
    }

    @POST
    @Path("{name}/promote")
    @Operation(summary = "Make the challenger's files the rule set's (recorded as PROMOTION) and end the experiment")
    @APIResponse(responseCode = "409", description = "The experiment no longer runs, or the champion changed since it started; nothing changed")
    @APIResponse(responseCode = "422", description = "The challenger fails today's scenarios; nothing changed")
    public ExperimentView promote(@PathParam("ruleSet") String ruleSet, @PathParam("name") String name) {
        return experiments.promote(ruleSet, name, author());
    }

    private String author() {
        return identity.getPrincipal().getName();
    }
}
