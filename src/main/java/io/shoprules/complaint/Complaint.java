package io.shoprules.complaint;

import io.shoprules.api.InOrder;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A customer complaint about an order.
 *
 * @param skuId                the SKU complained about; complaints without one never count towards a crisis
 * @param orderAmount          what the order cost, in yuan
 * @param delayDays            days the parcel is late (logistics delays)
 * @param memberTier           the customer's membership (default NONE)
 * @param firstRespondedAt     when the shop first answered; null while unanswered
 * @param resolvedAt           when it was resolved; null while open
 * @param complaintsLast90Days complaints by this customer over the last 90 days (default 0)
 */
@Schema(description = "A customer complaint")
@InOrder(earlier = "createdAt", later = "firstRespondedAt")
@InOrder(earlier = "createdAt", later = "resolvedAt")
public record Complaint(
        @NotBlank @Size(max = 128) String complaintId,
        @NotBlank @Size(max = 128) String orderId,
        @Size(max = 128) String customerId,
        @Size(max = 128) String skuId,
        @NotNull ComplaintType type,
        @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal orderAmount,
        @PositiveOrZero Integer delayDays,
        MemberTier memberTier,
        @NotNull OffsetDateTime createdAt,
        OffsetDateTime firstRespondedAt,
        OffsetDateTime resolvedAt,
        @PositiveOrZero Integer complaintsLast90Days) {

    public Complaint {
        delayDays = delayDays == null ? 0 : delayDays;
        memberTier = memberTier == null ? MemberTier.NONE : memberTier;
        complaintsLast90Days = complaintsLast90Days == null ? 0 : complaintsLast90Days;
    }

    public boolean answered() {
        return firstRespondedAt != null;
    }

    public boolean resolved() {
        return resolvedAt != null;
    }
}
