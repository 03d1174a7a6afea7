package io.shoprules.preview;

import io.shoprules.access.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/previews")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rule sets")
@RolesAllowed(Roles.OPS)
public class PreviewResource {

    private final Previews previews;

    public PreviewResource(Previews previews) {
        this.previews = previews;
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A preview: progress while RUNNING, the differences when DONE, the error when FAILED",
            description = "Any instance answers, whichever runs the preview; the newest 50 previews are kept."
                    + " While RUNNING, processed is stored about once a second.")
    @APIResponse(responseCode = "404", description = "No preview by that id is kept")
    public PreviewView find(@PathParam("id") String id) {
        return previews.find(id);
    }
}
