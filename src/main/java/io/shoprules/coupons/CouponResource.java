package io.shoprules.coupons;

import io.shoprules.access.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/coupons")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "coupons")
@RolesAllowed(Roles.SHOP)
public class CouponResource {

    private final Coupons coupons;

    public CouponResource(Coupons coupons) {
        this.coupons = coupons;
    }

    @GET
    @Path("{code}")
    @Operation(summary = "One coupon: its amount, expiry and state",
            description = "The code is read as Crockford base32: case, hyphens and the look-alikes I, L (1) and O (0) do not matter.")
    @APIResponse(responseCode = "400", description = "The code cannot be a coupon code (field: code)")
    @APIResponse(responseCode = "404", description = "No such coupon")
    public CouponView get(@PathParam("code") String code) {
        return coupons.get(code);
    }

    @POST
    @Path("{code}/redeem")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Redeem a coupon for an order, once",
            description = "Exactly one redemption of a code ever wins. The same orderId again is answered 200 as the first"
                    + " time (a retry after a lost answer is safe); any other redemption of a used code is a 409.")
    @APIResponse(responseCode = "200", description = "Redeemed for this order (now, or by the same request before)")
    @APIResponse(responseCode = "400", description = "The code is malformed (field: code) or orderId is missing")
    @APIResponse(responseCode = "404", description = "No such coupon")
    @APIResponse(responseCode = "409", description = "The code is REDEEMED for another order, EXPIRED, VOID, or issued to another customer;"
            + " detail names which")
    public CouponView redeem(@PathParam("code") String code, @Valid @NotNull RedeemRequest request) {
        return coupons.redeem(code, request.orderId(), request.customerId());
    }
}
