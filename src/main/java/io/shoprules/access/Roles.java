package io.shoprules.access;

/** Who may do what. */
public final class Roles {

    /** A shop backend: posts facts, asks for decisions, reads and acknowledges actions. */
    public static final String SHOP = "shop";
    /** Operations: rule-set management, jobs, the decision log, and everything a shop may do. */
    public static final String OPS = "ops";

    private Roles() {
    }
}
