package io.shoprules.listing;

import io.quarkus.arc.properties.IfBuildProperty;
import io.shoprules.access.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The benchmark's reference for the listing check: the same path through HTTP, security, JSON and
 * validation of a listing's copy as the decisions endpoint, without the term check, the rules and
 * the decision log. Only in builds made with {@code -Dshoprules.bench.echo=true} (bench/README.md).
 */
@Path("/api/bench/echo/listing")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SHOP)
@IfBuildProperty(name = "shoprules.bench.echo", stringValue = "true")
public class ListingEchoResource {

    @POST
    @Operation(summary = "Benchmark reference: parse, validate and echo a listing decisions request")
    public ListingDecisionRequest echo(@NotNull @Valid ListingDecisionRequest request) {
        return request;
    }
}
