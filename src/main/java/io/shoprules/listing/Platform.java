package io.shoprules.listing;

/** Where a listing is sold. */
public enum Platform {
    TMALL, TAOBAO, JD, DOUYIN, OTHER
}
