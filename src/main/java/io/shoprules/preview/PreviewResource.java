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
            description = "Previews are kept in memory by the instance that runs them, the last 50.")
    @APIResponse(responseCode = "404", description = "This instance keeps no preview by that id")
    public PreviewView find(@PathParam("id") String id) {
        return previews.find(id);
    }
}
