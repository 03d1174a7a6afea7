package io.shoprules.storage;

import io.quarkus.panache.common.Parameters;

/**
 * The where clause of a Panache query whose filters are each optional: a filter given null is left
 * out, so "null means any" holds the same way for every list endpoint. Field names come from code,
 * never from the request; only values are bound.
 */
public final class Filters {

    private final StringBuilder where = new StringBuilder("1 = 1");
    private final Parameters parameters = new Parameters();

    /** {@code field = value}. */
    public Filters equal(String field, Object value) {
        return add(field, "=", value);
    }

    /** {@code field >= value}. */
    public Filters atLeast(String field, Object value) {
        return add(field, ">=", value);
    }

    /** {@code field > value}. */
    public Filters after(String field, Object value) {
        return add(field, ">", value);
    }

    private Filters add(String field, String operator, Object value) {
        if (value != null) {
            where.append(" and ").append(field).append(' ').append(operator).append(" :").append(field);
            parameters.and(field, value);
        }
        return this;
    }

    public String query() {
        return where.toString();
    }

    public Parameters parameters() {
        return parameters;
    }
}
