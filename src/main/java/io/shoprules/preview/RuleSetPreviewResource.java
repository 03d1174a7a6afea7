package io.shoprules.preview;

import io.shoprules.access.Roles;
import io.shoprules.engine.RuleSetSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/**
 * Starting a preview. A class of its own: JAX-RS picks the resource class before the method, and
 * {@code /api/rulesets} ({@code RuleSetResource}) would otherwise take every path below it.
 */
@Path("/api/rulesets/{ruleSet}/preview")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rule sets")
@RolesAllowed(Roles.OPS)
public class RuleSetPreviewResource {

    private final Previews previews;

    public RuleSetPreviewResource(Previews previews) {
        this.previews = previews;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Preview the impact of a draft",
            description = "The serving version and the draft decide side by side on the stored facts and on the REST"
                    + " requests recorded over the last days; nothing is logged or acted on. The draft is compiled,"
                    + " not checked against scenarios. Poll the Location for the result.")
    @APIResponse(responseCode = "202", description = "Started; the body and Location give the preview's id")
    @APIResponse(responseCode = "422", description = "The draft does not compile; errors lists each with file, line and column")
    public Response start(@PathParam("ruleSet") String ruleSet, @NotNull @Valid PreviewRequest request,
                          @Context UriInfo uri) {
        RuleSetSource.requirePlainFileNames("files", request.files());
        RuleSetSource.requirePlainFileNames("scenarios", request.scenarios());
        String id = previews.start(ruleSet, request.files(), request.scenarios(), request.days());
        return Response.accepted(new PreviewCreated(id))
                .location(uri.getBaseUriBuilder().path("api/previews/{id}").build(id))
                .build();
    }
}
