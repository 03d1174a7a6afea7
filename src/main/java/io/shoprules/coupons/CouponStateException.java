package io.shoprules.coupons;

import io.shoprules.errors.ConflictException;

/** A coupon cannot be redeemed in the state it is in (used, expired, void, or issued to someone else). */
public class CouponStateException extends ConflictException {

    public CouponStateException(String message, String field) {
        super(message, field);
    }
}
