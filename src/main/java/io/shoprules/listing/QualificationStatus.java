package io.shoprules.listing;

/** Why a certificate needs attention. */
public enum QualificationStatus {
    EXPIRED, EXPIRING
}
