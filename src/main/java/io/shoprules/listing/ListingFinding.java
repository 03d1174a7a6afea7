package io.shoprules.listing;

import io.shoprules.engine.Decision;

/** A finding about a listing (a banned term, a certificate): what the verdict is made of. */
public interface ListingFinding extends Decision {

    String listingId();

    Severity severity();
}
