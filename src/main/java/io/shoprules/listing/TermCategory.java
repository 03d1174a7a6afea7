package io.shoprules.listing;

/** What kind of wording a listed term is. */
public enum TermCategory {
    /** Advertising Law art. 9: absolute wording (最佳, 第一, 国家级 ...). */
    ABSOLUTE_TERM,
    /** Advertising Law art. 17: claims to treat or cure, only for medicine and medical devices. */
    MEDICAL_CLAIM,
    /** Wording the platforms' own rules frown on, beyond the law. */
    PLATFORM_TERM
}
