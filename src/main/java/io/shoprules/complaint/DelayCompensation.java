package io.shoprules.complaint;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The coupon a late parcel earns. The amounts, the threshold, the tier and the cap are policy and
 * live in {@code rules/complaint/compensation.drl}; this class only combines them.
 */
public final class DelayCompensation {

    private DelayCompensation() {
    }

    /**
     * {@code coupon}, or {@code longDelayCoupon} from {@code longDelayFromDays} days late; doubled
     * for members of {@code doubledFor}; then never above {@code capShareOfOrder} of the order.
     * The cap is rounded down to the fen so that it holds exactly: 20 % of 12.34 is 2.468, and a
     * coupon of 2.47 would be above it.
     */
    public static BigDecimal coupon(Complaint complaint, BigDecimal coupon, BigDecimal longDelayCoupon,
                                    int longDelayFromDays, MemberTier doubledFor, BigDecimal capShareOfOrder) {
        BigDecimal earned = complaint.delayDays() >= longDelayFromDays ? longDelayCoupon : coupon;
        if (complaint.memberTier() == doubledFor) {
            earned = earned.multiply(BigDecimal.valueOf(2));
        }
        BigDecimal cap = complaint.orderAmount().multiply(capShareOfOrder).setScale(2, RoundingMode.DOWN);
        return earned.min(cap);
    }
}
